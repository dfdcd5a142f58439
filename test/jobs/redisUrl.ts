/**
 * The Redis server of the integration tests: `EV_COSIM_REDIS_URL` (`.ci/run` starts one on a
 * loopback port and exports it). Resolves to undefined, after printing one line saying why,
 * when it is unset or nothing answers PING there, so the tests that need it are skipped.
 */
import { connect } from 'node:net';

/** Resolve to the URL when a server answers PING within 1 s. */
export async function reachableRedisUrl(suite: string): Promise<string | undefined> {
  const url = process.env.EV_COSIM_REDIS_URL;
  if (!url) {
    console.log(`${suite}: skipped: no Redis server (set EV_COSIM_REDIS_URL=redis://127.0.0.1:PORT/DB; .ci/run starts one)`);
    return undefined;
  }
  const { hostname, port } = new URL(url);
  const ok = await new Promise<boolean>((resolve) => {
    const socket = connect({ host: hostname || '127.0.0.1', port: Number(port || 6379) });
    const done = (v: boolean): void => { socket.destroy(); resolve(v); };
    socket.setTimeout(1000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (d) => done(d.toString().startsWith('+PONG')));
  });
  if (!ok) console.log(`${suite}: skipped: no Redis server answered at ${url}`);
  return ok ? url : undefined;
}

/** A queue URL on that server with a queue name of its own (tests never share jobs). */
export function uniqueQueueUrl(url: string, tag: string): string {
  const u = new URL(url);
  u.searchParams.set('queue', `test-${tag}-${process.pid}-${Date.now().toString(36)}`);
  return u.toString();
}
