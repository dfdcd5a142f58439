import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Feeder, FeederBranch, FeederBus } from '../../../src/grid/model/feeder.ts';
import { runPowerFlow } from '../../../src/grid/powerflow/runPowerFlow.ts';
import { complexSweep } from './complexSweep.ts';

interface RandomFeeder {
  feeder: Feeder;
  /** Parent bus id of every non-root bus id, and the branch id joining them. */
  parentOf: Map<number, { parent: number; branchId: number }>;
}

/** Random radial feeder on baseMva 1 (pu = MW): random tree, shuffled ids, random data orientation. */
const randomFeeder = (zeroImpedance: boolean) =>
  fc
    .integer({ min: 2, max: 30 })
    .chain((n) =>
      fc.record({
        parents: fc.tuple(...Array.from({ length: n - 1 }, (_, i) => fc.integer({ min: 0, max: i }))),
        ids: fc.shuffledSubarray(Array.from({ length: 3 * n }, (_, i) => i + 1), { minLength: n, maxLength: n }),
        r: fc.array(fc.double({ min: 1e-4, max: 0.03, noNaN: true }), { minLength: n - 1, maxLength: n - 1 }),
        x: fc.array(fc.double({ min: 1e-4, max: 0.03, noNaN: true }), { minLength: n - 1, maxLength: n - 1 }),
        p: fc.array(fc.double({ min: 0, max: 0.05, noNaN: true }), { minLength: n, maxLength: n }),
        q: fc.array(fc.double({ min: 0, max: 0.03, noNaN: true }), { minLength: n, maxLength: n }),
        flip: fc.array(fc.boolean(), { minLength: n - 1, maxLength: n - 1 }),
        ratio: fc.array(fc.option(fc.double({ min: 0.95, max: 1.05, noNaN: true }), { freq: 3 }), { minLength: n - 1, maxLength: n - 1 }),
        shuntB: fc.array(fc.option(fc.double({ min: 0, max: 0.02, noNaN: true }), { freq: 4 }), { minLength: n, maxLength: n }),
        slackV: fc.double({ min: 0.98, max: 1.05, noNaN: true }),
      }),
    )
    .map(({ parents, ids, r, x, p, q, flip, ratio, shuntB, slackV }): RandomFeeder => {
      const buses: FeederBus[] = ids.map((id, i) => ({
        id, pLoadMw: p[i], qLoadMvar: q[i], shuntBMvar: shuntB[i] ?? 0, shuntGMw: 0, vMinPu: 0.5, vMaxPu: 1.5,
      }));
      const parentOf = new Map<number, { parent: number; branchId: number }>();
      const branches: FeederBranch[] = parents.map((parentIndex, k) => {
        const child = ids[k + 1];
        const parent = ids[parentIndex];
        parentOf.set(child, { parent, branchId: k + 1 });
        return {
          id: k + 1,
          fromBus: flip[k] ? child : parent,
          toBus: flip[k] ? parent : child,
          rPu: zeroImpedance ? 0 : r[k],
          xPu: zeroImpedance ? 0 : x[k],
          rateMva: Infinity,
          ratio: ratio[k] ?? 1,
          inService: true,
        };
      });
      const feeder: Feeder = {
        name: 'random', source: 'fast-check', baseMva: 1, baseKv: 12.66, buses, branches,
        generators: [], slackBus: ids[0], slackVoltagePu: slackV, sheddingPenaltyUsdPerMwh: 1000,
      };
      return { feeder, parentOf };
    });

describe('runPowerFlow properties (random radial feeders)', () => {
  it('converges; balances hold to 1e-8 pu; voltage drops and ℓ·v = P² + Q² hold; losses ≥ 0; matches the complex sweep', () => {
    fc.assert(
      fc.property(randomFeeder(false), ({ feeder, parentOf }) => {
        const pf = runPowerFlow(feeder, {}, { toleranceMw: 1e-12 });
        expect(pf.converged).toBe(true);
        expect(pf.lossesKw).toBeGreaterThanOrEqual(0);
        const v = (id: number) => pf.voltagePu[id] ** 2;
        const busById = new Map(feeder.buses.map((b) => [b.id, b]));
        const flowInto = new Map(pf.branches.map((b) => [b.toBus, b]));
        const sentP = new Map<number, number>();
        const sentQ = new Map<number, number>();
        for (const b of pf.branches) {
          sentP.set(b.fromBus, (sentP.get(b.fromBus) ?? 0) + b.pMw);
          sentQ.set(b.fromBus, (sentQ.get(b.fromBus) ?? 0) + b.qMvar);
        }
        for (const bus of feeder.buses) {
          const outP = bus.pLoadMw + bus.shuntGMw * v(bus.id) + (sentP.get(bus.id) ?? 0);
          const outQ = bus.qLoadMvar - bus.shuntBMvar * v(bus.id) + (sentQ.get(bus.id) ?? 0);
          if (bus.id === feeder.slackBus) {
            expect(Math.abs(pf.slackPMw - outP)).toBeLessThanOrEqual(1e-8);
            expect(Math.abs(pf.slackQMvar - outQ)).toBeLessThanOrEqual(1e-8);
            continue;
          }
          // Tree orientation in the result: the branch into `bus` comes from its parent.
          const into = flowInto.get(bus.id)!;
          const { parent, branchId } = parentOf.get(bus.id)!;
          expect([into.id, into.fromBus]).toEqual([branchId, parent]);
          const data = feeder.branches[branchId - 1];
          // Equivalent seen from the parent (see orientFeeder): reversed data → ratio 1/a, z·a².
          const reversed = data.fromBus === bus.id;
          const a = reversed ? 1 / data.ratio : data.ratio;
          const zs = reversed ? data.ratio ** 2 : 1;
          const r = data.rPu * zs;
          const x = data.xPu * zs;
          const l = reversed ? into.currentSqPu / data.ratio ** 2 : into.currentSqPu;
          expect(Math.abs(into.pMw - r * l - outP)).toBeLessThanOrEqual(1e-8);
          expect(Math.abs(into.qMvar - x * l - outQ)).toBeLessThanOrEqual(1e-8);
          const drop = a * a * (v(parent) - 2 * (r * into.pMw + x * into.qMvar) + (r * r + x * x) * l);
          expect(Math.abs(v(bus.id) - drop)).toBeLessThanOrEqual(1e-8);
          const vSend = v(parent);
          expect(Math.abs(l * vSend - (into.pMw ** 2 + into.qMvar ** 2))).toBeLessThanOrEqual(1e-8);
          expect(into.lossesKw).toBeGreaterThanOrEqual(0);
        }
        const ref = complexSweep(feeder);
        for (const bus of feeder.buses) expect(Math.abs(pf.voltagePu[bus.id] - ref.vPu.get(bus.id)!)).toBeLessThanOrEqual(1e-8);
        expect(Math.abs(pf.lossesKw / 1000 - ref.lossesPu)).toBeLessThanOrEqual(1e-9);
      }),
      { numRuns: 100 },
    );
  });

  it('with zero impedance: no losses, voltages = slack voltage × ratios, slack supplies the load', () => {
    fc.assert(
      fc.property(randomFeeder(true), ({ feeder, parentOf }) => {
        const pf = runPowerFlow(feeder);
        expect(pf.converged).toBe(true);
        expect(pf.lossesKw).toBe(0);
        for (const bus of feeder.buses) {
          if (bus.id === feeder.slackBus) continue;
          const { parent, branchId } = parentOf.get(bus.id)!;
          const data = feeder.branches[branchId - 1];
          const gain = data.fromBus === bus.id ? 1 / data.ratio : data.ratio;
          expect(pf.voltagePu[bus.id]).toBeCloseTo(pf.voltagePu[parent] * gain, 12);
        }
        const loadP = feeder.buses.reduce((s, b) => s + b.pLoadMw, 0);
        expect(pf.slackPMw).toBeCloseTo(loadP, 12);
      }),
      { numRuns: 100 },
    );
  });
});
