/**
 * A value computed once for every worker process of a queue: the first worker that needs it
 * claims the slot (a Redis lock it keeps renewing while it computes), computes the value and
 * stores its bytes under the slot's id; every other worker waits for those bytes instead of
 * computing them. A claimant that dies stops renewing its lock: after `lockMs` a waiter claims the
 * slot and computes it itself, so a killed worker delays the value but never loses it.
 *
 * The bytes are stored as they are (e.g. `v8.serialize`, lossless for typed arrays; JSON is not).
 */
import { randomBytes } from 'node:crypto';
import type { QueueAddress } from './queueUrl.js';

/** The part of an ioredis client a slot uses (BullMQ's `worker.client`). */
export interface SlotClient {
  getBuffer(key: string): Promise<Uint8Array | null>;
  exists(key: string): Promise<number>;
  set(key: string, value: string | Uint8Array, ...args: (string | number)[]): Promise<unknown>;
  eval(script: string, keys: number, ...args: (string | number)[]): Promise<unknown>;
}

/** Held by the worker that claimed a slot: store the value (and release the lock), or give up. */
export interface SlotClaim {
  /** Store the bytes (an empty array: "no value"), release the lock. */
  put(bytes: Uint8Array): Promise<void>;
  /** Release the lock without a value (the computation failed): a waiter claims the slot. */
  abandon(): Promise<void>;
}

/**
 * What {@link SharedSlot.take} found: the stored bytes; the claim (compute, then `put`); or a
 * wait for another worker's value (undefined when that worker gave up or died: take again).
 */
export type SlotOffer =
  | { readonly bytes: Uint8Array }
  | { readonly claimed: SlotClaim }
  | { readonly wait: Promise<Uint8Array | undefined> };

/** One value shared by the workers of a queue. */
export interface SharedSlot {
  take(): Promise<SlotOffer>;
}

/** Options of {@link sharedSlot}; defaults in brackets. */
export interface SharedSlotOptions {
  /** The value is kept this long, s [1 day]. */
  readonly keepSeconds?: number;
  /** A claim not renewed for this long is taken as dead, ms [10 000]; renewed every third of it. */
  readonly lockMs?: number;
  /** A waiter looks for the value this often, ms [100]. */
  readonly pollMs?: number;
  /** True once the client is closing (the worker stops): a waiter then stops polling and gives undefined [never]. */
  readonly closed?: () => boolean;
}

// Delete / extend the lock only while it is still this claimant's.
const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
const RENEW = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";

/**
 * Redis key of a slot's value (its lock is the same key with `:lock`).
 *
 * @example
 * slotKey(parseQueueUrl('redis://h/0'), id); // 'ev-cosim:ev-cosim:slot:<id>'
 */
export function slotKey(address: QueueAddress, id: string): string {
  return `ev-cosim:${address.queueName}:slot:${id}`;
}

/**
 * The slot `id` on the queue's server.
 *
 * @param id - content id of what the value is computed from (same inputs, same id)
 * @example
 * const offer = await sharedSlot(client, address, id).take();
 * if ('claimed' in offer) await offer.claimed.put(serialize(compute()));
 */
export function sharedSlot(client: SlotClient, address: QueueAddress, id: string, options: SharedSlotOptions = {}): SharedSlot {
  const key = slotKey(address, id);
  const lock = `${key}:lock`;
  const keepSeconds = options.keepSeconds ?? 24 * 3600;
  const lockMs = options.lockMs ?? 10_000;
  const pollMs = options.pollMs ?? 100;
  const stored = async (): Promise<Uint8Array | undefined> => {
    const value = await client.getBuffer(key);
    return value === null ? undefined : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  };
  const closed = options.closed ?? (() => false);
  const wait = async (): Promise<Uint8Array | undefined> => {
    try {
      while (!closed()) {
        await new Promise((resolve) => setTimeout(resolve, pollMs));
        if (closed()) break;
        if ((await client.exists(key)) === 1) return await stored();
        // the claimant released without a value, or died: look once more, then let the caller claim
        if ((await client.exists(lock)) === 0) return await stored();
      }
      return undefined;
    } catch (error) {
      if (closed()) return undefined; // "Connection is closed" while the worker stops: nothing to wait for
      throw error;
    }
  };
  return {
    take: async () => {
      const bytes = await stored();
      if (bytes !== undefined) return { bytes };
      const token = randomBytes(12).toString('hex');
      if ((await client.set(lock, token, 'PX', lockMs, 'NX')) !== 'OK') return { wait: wait() };
      // claimed: the value may have been stored between the two commands
      const late = await stored();
      if (late !== undefined) {
        await client.eval(RELEASE, 1, lock, token);
        return { bytes: late };
      }
      const renewal = setInterval(() => void client.eval(RENEW, 1, lock, token, lockMs).catch(() => {}), Math.max(50, Math.floor(lockMs / 3)));
      renewal.unref();
      const release = async (): Promise<void> => {
        clearInterval(renewal);
        await client.eval(RELEASE, 1, lock, token);
      };
      return {
        claimed: {
          put: async (value) => {
            await client.set(key, Buffer.from(value.buffer, value.byteOffset, value.byteLength), 'EX', keepSeconds);
            await release();
          },
          abandon: release,
        },
      };
    },
  };
}
