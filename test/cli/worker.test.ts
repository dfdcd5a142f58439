/** `ev-cosim worker` and `batch --executor queue`: bad queue input exits 1 with one clear line, nothing written. */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMain } from '../helpers/cli.ts';

describe('ev-cosim worker / queue options', () => {
  it('exits 1 naming the problem: no queue given, a non-redis URL, a bad --concurrency', async () => {
    const saved = process.env.EV_COSIM_QUEUE;
    delete process.env.EV_COSIM_QUEUE;
    try {
      const none = await runMain(['worker']);
      expect(none.code).toBe(1);
      expect(none.stderr).toMatch(/a queue address is needed: give --queue redis:\/\/host:port\/db or set EV_COSIM_QUEUE/);
      const http = await runMain(['worker', '--queue', 'http://127.0.0.1:6379']);
      expect(http.code).toBe(1);
      expect(http.stderr).toMatch(/scheme "http:" is not redis: or rediss:/);
      const conc = await runMain(['worker', '--queue', 'redis://127.0.0.1:6379/0', '--concurrency', '0']);
      expect(conc.code).toBe(1);
      expect(conc.stderr).toMatch(/--concurrency = "0": must be an integer ≥ 1/);
    } finally {
      if (saved !== undefined) process.env.EV_COSIM_QUEUE = saved;
    }
  });

  it('batch --executor queue with no server at the URL exits 1 before any run, writing nothing', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'batch-noserver-')), 'b');
    // port 9 (discard) on loopback: nothing listens there
    const r = await runMain(['batch', '--grid', 'demand.scale=1', '--executor', 'queue', '--queue', 'redis://127.0.0.1:9/0', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--queue = "redis:\/\/127\.0\.0\.1:9\/0": no Redis server answered there/);
    expect(existsSync(out)).toBe(false);
  });
});
