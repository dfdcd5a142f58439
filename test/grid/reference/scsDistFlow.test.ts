/**
 * The conic reference checked on its own: a 2-bus feeder solved by hand (Newton on the two
 * balance equations, implicit-function derivatives for the DLMPs), certification figures on
 * case33bw, agreement of the polished point with plain SCS at 1e-10, and finite differences of
 * the reference's own optimum.
 */
import { describe, expect, it } from 'vitest';
import type { Feeder } from '../../../src/grid/model/feeder.ts';
import { branch, bus, substation } from '../feederFixtures.ts';
import { case33WithDgs, CASE33_RATING_MVA } from './referenceCases.ts';
import { solveReferenceSocp } from './scsDistFlow.ts';

const R = 0.01;
const X = 0.02;
const twoBus: Feeder = {
  name: 'two-bus', source: 'test/two-bus', baseMva: 10, baseKv: 12.66,
  buses: [bus(1), bus(2, 1, 0.5)],
  branches: [branch(1, 1, 2, R, X)],
  generators: [substation(1, { costUsdPerMwh: 20 })],
  slackBus: 1, slackVoltagePu: 1, sheddingPenaltyUsdPerMwh: 1000,
};

/** Hand solution: P − r(P²+Q²) = pD, Q − x(P²+Q²) = qD with v₁ = 1 (tight cone). */
function handSolution(pD: number, qD: number): { p: number; q: number; v2: number; dlmpP: number; dlmpQ: number } {
  let p = pD;
  let q = qD;
  for (let k = 0; k < 50; k++) {
    const s = p * p + q * q;
    const f1 = p - R * s - pD;
    const f2 = q - X * s - qD;
    const [a, b, c, d] = [1 - 2 * R * p, -2 * R * q, -2 * X * p, 1 - 2 * X * q];
    const det = a * d - b * c;
    p -= (d * f1 - b * f2) / det;
    q -= (-c * f1 + a * f2) / det;
  }
  const [a, b, c, d] = [1 - 2 * R * p, -2 * R * q, -2 * X * p, 1 - 2 * X * q];
  const det = a * d - b * c;
  // d(P,Q)/d(pD,qD) = J⁻¹; the cost is 20 $/MWh × P (MW), so the prices are 20·(J⁻¹)₀·.
  return { p, q, v2: 1 - 2 * (R * p + X * q) + (R * R + X * X) * (p * p + q * q), dlmpP: (20 * d) / det, dlmpQ: (20 * -b) / det };
}

describe('conic reference (SCS + KKT polish) on its own', () => {
  it('2-bus feeder: DLMPs within 1e-6 $/MWh, voltage within 1e-9 pu and objective within 1e-9 rel of the hand solution', async () => {
    const hand = handSolution(0.1, 0.05);
    const ref = await solveReferenceSocp(twoBus);
    expect(ref.status).toBe('optimal');
    expect(ref.accuracy.polished).toBe(true);
    expect(Math.abs(ref.dlmpP[2] - hand.dlmpP)).toBeLessThan(1e-6);
    expect(Math.abs(ref.dlmpQ[2] - hand.dlmpQ)).toBeLessThan(1e-6);
    expect(Math.abs(ref.dlmpP[1] - 20)).toBeLessThan(1e-6);
    expect(Math.abs(ref.dlmpQ[1])).toBeLessThan(1e-6);
    expect(Math.abs(ref.voltagePu[2] - Math.sqrt(hand.v2))).toBeLessThan(1e-9);
    expect(Math.abs(ref.objectiveUsdPerH - 200 * hand.p) / (200 * hand.p)).toBeLessThan(1e-9);
    // The prices are above the energy price: losses make the far bus dearer.
    expect(ref.dlmpP[2]).toBeGreaterThan(20.02);
  });

  it('2-bus feeder without polish (plain SCS, eps 1e-10): DLMPs within 1e-4 $/MWh of the hand solution', async () => {
    const hand = handSolution(0.1, 0.05);
    const ref = await solveReferenceSocp(twoBus, {}, { polish: false });
    expect(Math.abs(ref.dlmpP[2] - hand.dlmpP)).toBeLessThan(1e-4);
    expect(Math.abs(ref.dlmpQ[2] - hand.dlmpQ)).toBeLessThan(1e-4);
  });

  it('case33bw + DGs + binding rating: certified KKT point (residual < 1e-9, primal violation < 1e-9 pu, cone gap < 1e-9 pu²), rating binds to 1e-9 MVA', async () => {
    const ref = await solveReferenceSocp(case33WithDgs());
    expect(ref.status).toBe('optimal');
    expect(ref.accuracy.polished).toBe(true);
    expect(ref.accuracy.kktResidual).toBeLessThan(1e-9);
    expect(ref.accuracy.maxPrimalViolationPu).toBeLessThan(1e-9);
    expect(ref.accuracy.maxConeGapPu).toBeLessThan(1e-9);
    expect(Math.abs(Math.hypot(ref.pMwByBranch[1], ref.qMvarByBranch[1]) - CASE33_RATING_MVA)).toBeLessThan(1e-9);
    // Both DGs interior (so their marginal costs set prices) — the case is the intended one.
    for (const d of ref.dispatch.slice(1)) {
      expect(d.pMw).toBeGreaterThan(0.05);
      expect(d.pMw).toBeLessThan(0.95);
    }
  });

  it('case33bw + DGs: polished DLMPs within 1e-5 $/MWh of plain SCS at eps 1e-10 (two independent stopping rules)', async () => {
    const feeder = case33WithDgs();
    const polished = await solveReferenceSocp(feeder);
    const plain = await solveReferenceSocp(feeder, {}, { polish: false, eps: 1e-10 });
    for (const b of feeder.buses) {
      expect(Math.abs(polished.dlmpP[b.id] - plain.dlmpP[b.id])).toBeLessThan(1e-5);
      expect(Math.abs(polished.dlmpQ[b.id] - plain.dlmpQ[b.id])).toBeLessThan(1e-5);
    }
    expect(Math.abs(polished.objectiveUsdPerH - plain.objectiveUsdPerH) / polished.objectiveUsdPerH).toBeLessThan(1e-9);
  });

  it('case33bw + DGs: central finite differences (±1e-3 MW) of the reference optimum match its DLMPs within 1e-4 $/MWh at buses 6, 18, 25, 33', async () => {
    const feeder = case33WithDgs();
    const ref = await solveReferenceSocp(feeder);
    const eps = 1e-3;
    for (const id of [6, 18, 25, 33]) {
      for (const kind of ['p', 'q'] as const) {
        const at = async (sign: number): Promise<number> =>
          (await solveReferenceSocp(feeder, { injections: [kind === 'p' ? { bus: id, pMw: sign * eps } : { bus: id, pMw: 0, qMvar: sign * eps }] })).objectiveUsdPerH;
        const fd = ((await at(1)) - (await at(-1))) / (2 * eps);
        expect(Math.abs(fd - (kind === 'p' ? ref.dlmpP[id] : ref.dlmpQ[id]))).toBeLessThan(1e-4);
      }
    }
  });
});
