/**
 * A value computed once for every worker of a queue (src/jobs/sharedSlot.ts), on a real Redis
 * server (skipped with one line without one): one claimant, the others wait for its bytes; a
 * claimant that gives up or dies (its lock not renewed) hands the claim on; bytes round-trip exactly.
 */
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseQueueUrl, sharedSlot, slotKey, type QueueAddress, type SlotClient } from '../../src/jobs/index.ts';
import { reachableRedisUrl, uniqueQueueUrl } from './redisUrl.ts';

const url = await reachableRedisUrl('test/jobs/sharedSlot.test.ts');

describe.skipIf(url === undefined)('sharedSlot on a real Redis server', () => {
  let queue: Queue;
  let client: SlotClient;
  let address: QueueAddress;
  let n = 0;
  const id = (): string => `slot-test-${++n}`;

  beforeAll(async () => {
    address = parseQueueUrl(uniqueQueueUrl(url!, 'slot'));
    queue = new Queue(address.queueName, { connection: { ...address.connection, maxRetriesPerRequest: null } });
    client = (await queue.client) as unknown as SlotClient;
  });

  afterAll(async () => {
    await queue.close();
  });

  it('the first take claims, a second waits and gets exactly the bytes put (all 256 byte values), a third takes them at once', async () => {
    const slot = id();
    const first = await sharedSlot(client, address, slot).take();
    expect('claimed' in first).toBe(true);
    const second = await sharedSlot(client, address, slot, { pollMs: 20 }).take();
    expect('wait' in second).toBe(true);
    const bytes = Uint8Array.from({ length: 1000 }, (_, i) => (i * 37) % 256);
    if (!('claimed' in first) || !('wait' in second)) return;
    await first.claimed.put(bytes);
    expect(Array.from((await second.wait)!)).toEqual(Array.from(bytes));
    const third = await sharedSlot(client, address, slot).take();
    expect('bytes' in third && Array.from(third.bytes)).toEqual(Array.from(bytes));
    // the lock is released once the value is stored
    expect(await client.exists(`${slotKey(address, slot)}:lock`)).toBe(0);
  });

  it('an empty value is stored as such (a spec without a base), not taken as missing', async () => {
    const slot = id();
    const first = await sharedSlot(client, address, slot).take();
    if (!('claimed' in first)) throw new Error('expected a claim');
    await first.claimed.put(new Uint8Array(0));
    const again = await sharedSlot(client, address, slot).take();
    expect('bytes' in again && again.bytes.length).toBe(0);
  });

  it('a claimant that abandons: the waiter gets undefined and the next take claims', async () => {
    const slot = id();
    const first = await sharedSlot(client, address, slot).take();
    const second = await sharedSlot(client, address, slot, { pollMs: 20 }).take();
    if (!('claimed' in first) || !('wait' in second)) throw new Error('expected a claim and a wait');
    await first.claimed.abandon();
    expect(await second.wait).toBeUndefined();
    const next = await sharedSlot(client, address, slot).take();
    expect('claimed' in next).toBe(true);
    if ('claimed' in next) await next.claimed.abandon();
  });

  it('a claimant that died (its lock, 300 ms, never renewed): the waiter is released after it expires and claims', async () => {
    const slot = id();
    // a foreign claim that no process renews
    await client.set(`${slotKey(address, slot)}:lock`, 'dead-worker', 'PX', 300, 'NX');
    const waiting = await sharedSlot(client, address, slot, { pollMs: 20 }).take();
    if (!('wait' in waiting)) throw new Error('expected a wait');
    expect(await waiting.wait).toBeUndefined();
    const next = await sharedSlot(client, address, slot).take();
    expect('claimed' in next).toBe(true);
    if ('claimed' in next) await next.claimed.abandon();
  });

  it('a live claimant renews its lock (300 ms lock, still held after 1 s), so no one else claims', async () => {
    const slot = id();
    const first = await sharedSlot(client, address, slot, { lockMs: 300 }).take();
    if (!('claimed' in first)) throw new Error('expected a claim');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect('wait' in (await sharedSlot(client, address, slot).take())).toBe(true);
    await first.claimed.put(Uint8Array.of(7));
    const got = await sharedSlot(client, address, slot).take();
    expect('bytes' in got && Array.from(got.bytes)).toEqual([7]);
  });
});
