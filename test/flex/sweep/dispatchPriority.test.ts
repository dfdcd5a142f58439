/**
 * The pool's dispatch order (src/flex/sweep/taskExecutor.ts `dispatchPriority`): setup first,
 * then the DTA sweep's tasks before the STA sweep's, a direction search before a single run.
 */
import { describe, expect, it } from 'vitest';
import type { PoolTask } from '../../../src/flex/sweep/flexTask.ts';
import type { SweepSpec } from '../../../src/flex/sweep/sweepSpec.ts';
import { dispatchPriority } from '../../../src/flex/sweep/taskExecutor.ts';

const spec = (model: 'dta' | 'sta'): SweepSpec => ({ model }) as unknown as SweepSpec;
const design = { probes: [], evaluated: [] } as unknown as Extract<PoolTask, { kind: 'direction' }>['design'];
const tasks: Record<string, PoolTask> = {
  'dta base': { kind: 'base', spec: spec('dta') },
  'sta prepare': { kind: 'prepare', spec: spec('sta') },
  'dta direction': { kind: 'direction', spec: spec('dta'), direction: 0, design },
  'dta design probe': { kind: 'design', spec: spec('dta'), probe: 3 },
  'sta direction': { kind: 'direction', spec: spec('sta'), direction: 0, design },
  'sta design probe': { kind: 'design', spec: spec('sta'), probe: 3 },
};

describe('dispatchPriority', () => {
  it('should order setup, DTA direction, DTA single run, STA direction, STA single run', () => {
    const order = Object.keys(tasks).sort((a, b) => dispatchPriority(tasks[b]) - dispatchPriority(tasks[a]));
    expect(order).toEqual(['dta base', 'sta prepare', 'dta direction', 'dta design probe', 'sta direction', 'sta design probe']);
    expect(dispatchPriority(tasks['dta base'])).toBe(dispatchPriority(tasks['sta prepare']));
    expect(dispatchPriority(tasks['dta direction'])).toBeGreaterThan(dispatchPriority(tasks['dta design probe']));
    expect(dispatchPriority(tasks['dta design probe'])).toBeGreaterThan(dispatchPriority(tasks['sta direction']));
  });
});
