/**
 * A pool executor's use of a {@link BaseExchange} (the base shared by the queue's worker
 * processes) when the base cannot be solved: the claim is abandoned (never a value put), the task
 * rejects; a wait for another process that gave up is followed by a claim of its own. Uses a
 * spec whose scenario file does not exist, so no co-simulation runs.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { taskExecutor, type BaseExchange } from '../../src/flex/sweep/taskExecutor.ts';
import type { SweepSpec } from '../../src/flex/sweep/sweepSpec.ts';

const SPEC = (name: string): SweepSpec => ({
  scenarioFile: `/nonexistent/${name}.json`,
  overrides: [],
  model: 'dta',
  timeIndex: 0,
  window: { lookbackIntervals: 0, blocks: 1, span: 'window' },
  levels: [0.25],
  controls: { fitSteps: 2, refineSteps: 0 },
  directions: [[1]],
  budgetsYuan: [300],
});

/** An exchange that hands out the given offers in turn and records what the executor did. */
function scripted(offers: (() => Awaited<ReturnType<BaseExchange['take']>>)[]): { exchange: BaseExchange; log: string[] } {
  const log: string[] = [];
  let i = 0;
  return {
    log,
    exchange: {
      take: async () => {
        log.push('take');
        return offers[Math.min(i++, offers.length - 1)]();
      },
    },
  };
}

const claim = (log: string[]) => () => ({
  claimed: {
    put: async () => { log.push('put'); },
    abandon: async () => { log.push('abandon'); },
  },
});

describe('pool executor with a base exchange', () => {
  const executor = taskExecutor(1, { pool: true });
  afterAll(async () => {
    await executor.close();
  });

  it('a claimed base whose solve fails: abandoned (nothing put) and the task rejects with the cause', async () => {
    const log: string[] = [];
    const { exchange } = scripted([claim(log)]);
    await expect(executor.run({ kind: 'design', spec: SPEC('a'), probe: 0 }, exchange)).rejects.toThrow(/nonexistent/);
    expect(log).toEqual(['abandon']);
  }, 30_000);

  it('a wait that ends without a value (the other process gave up): the executor takes again, claims, and abandons on failure', async () => {
    const log: string[] = [];
    const { exchange, log: takes } = scripted([() => ({ wait: Promise.resolve(undefined) }), claim(log)]);
    await expect(executor.run({ kind: 'design', spec: SPEC('b'), probe: 0 }, exchange)).rejects.toThrow(/nonexistent/);
    expect(takes).toEqual(['take', 'take']);
    expect(log).toEqual(['abandon']);
  }, 30_000);
});
