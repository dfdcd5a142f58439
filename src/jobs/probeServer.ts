/**
 * Is anything listening at the queue's address? A TCP connect with a time limit, checked
 * before BullMQ connects: its client retries an unreachable server for ever, and its
 * reconnect timers would keep a failed command from exiting.
 */
import { connect } from 'node:net';
import type { QueueAddress } from './queueUrl.js';

/**
 * Resolve to true when a TCP connection to the address opens within `timeoutMs`.
 *
 * @example
 * if (!(await serverReachable(parseQueueUrl(url), 3000))) throw new Error('no server');
 */
export function serverReachable(address: QueueAddress, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: address.connection.host, port: address.connection.port });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => done(true));
  });
}
