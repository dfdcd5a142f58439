/**
 * Finite differences of the engine's own optimal cost (OpfSession, warm, ±ε MW or MVAr of extra
 * demand at a bus) against the DLMPs it reports — the prices must be the cost's derivatives.
 * Default: 8 buses of the case33bw + DG + rating case; EV_COSIM_LONG=1: every bus, plus ieee123
 * and a shedding interval of the horizon.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Feeder } from '../../../src/grid/model/feeder.ts';
import type { FeederInterval } from '../../../src/grid/model/injection.ts';
import { OpfSession } from '../../../src/grid/problems/opfSession.ts';
import type { OpfResult } from '../../../src/grid/problems/opfResult.ts';
import { case33WithDgs, fdDlmp, horizon33, ieee123WithVoltageLimit, LONG } from './referenceCases.ts';

/**
 * ε of the central differences, MW / MVAr: small against the case's curvature, large against the
 * engine's cost noise. The shedding interval uses 2e-4: there the cost has kinks within 1 kVAr
 * (another bus's shedding switching on; seen on the reference's own optimum as well).
 */
const EPS_MW = 0.01;

/**
 * Buses where the cost is smooth over ±ε: no shed amount within 2ε of 0 or of the bus's net
 * consumption (a shed bound switching on or off inside the difference stencil is a kink, where a
 * DLMP is only one of the one-sided slopes).
 */
function smoothAt(feeder: Feeder, interval: FeederInterval, r: OpfResult, id: number, epsMw: number): boolean {
  const shedMw = (r.shedKwByBus[id] ?? 0) / 1000;
  if (shedMw === 0) return true;
  const pNetMw = feeder.buses.find((b) => b.id === id)!.pLoadMw * (interval.loadScale ?? 1)
    + (interval.injections ?? []).filter((i) => i.bus === id).reduce((s, i) => s + i.pMw, 0);
  return shedMw > 2 * epsMw && pNetMw - shedMw > 2 * epsMw;
}

/**
 * What ∂cost/∂demand should be at a bus with partial shedding under `constant-pf`: extra pure P
 * (or Q) demand also changes the bus's power factor κ = Qnet/Pnet at which the shed amount s is
 * shed, so besides the balance-row dual it moves the Q balance by s·∂κ:
 *   ∂C/∂Pd = λP + λQ·s·Qnet/Pnet²,   ∂C/∂Qd = λQ·(1 − s/Pnet).
 * (Checked on the reference's own optimum: at bus 25 of horizon interval 8 the one-sided
 * differences converge to λP + 8.59 $/MWh.) Without shedding both terms vanish.
 */
function expectedSlope(feeder: Feeder, interval: FeederInterval, r: OpfResult, id: number, kind: 'p' | 'q'): number {
  const shedMw = (r.shedKwByBus[id] ?? 0) / 1000;
  const lambdaP = r.dlmpP[id];
  const lambdaQ = r.dlmpQ[id];
  if (shedMw === 0 || (feeder.sheddingConvention ?? 'constant-pf') !== 'constant-pf') return kind === 'p' ? lambdaP : lambdaQ;
  const scale = interval.loadScale ?? 1;
  const bus = feeder.buses.find((b) => b.id === id)!;
  const at = (interval.injections ?? []).filter((i) => i.bus === id);
  const pNet = bus.pLoadMw * scale + at.reduce((s, i) => s + i.pMw, 0);
  const qNet = bus.qLoadMvar * scale + at.filter((i) => i.sMaxMva === undefined).reduce((s, i) => s + (i.qMvar ?? 0), 0);
  return kind === 'p' ? lambdaP + (lambdaQ * shedMw * qNet) / pNet ** 2 : lambdaQ * (1 - shedMw / pNet);
}

function check(name: string, build: () => Feeder, interval: FeederInterval, buses: () => number[], tol: number, long: boolean, epsMw = EPS_MW): void {
  describe.skipIf(long && !LONG)(`${name}: central finite differences (±${epsMw} MW) of the engine's optimal cost vs its DLMPs`, () => {
    let opf: OpfSession;
    let r: OpfResult;
    beforeAll(async () => {
      opf = await OpfSession.create(build());
      r = opf.solve(interval);
    });
    afterAll(() => opf.dispose());
    it(`P-DLMPs within ${tol} $/MWh`, () => {
      expect(r.status).toBe('optimal');
      let worst = 0;
      let at = -1;
      for (const id of buses().filter((b) => smoothAt(build(), interval, r, b, epsMw))) {
        const d = Math.abs(fdDlmp(opf, interval, id, 'p', epsMw) - expectedSlope(build(), interval, r, id, 'p'));
        if (d > worst) [worst, at] = [d, id];
      }
      expect(worst, `worst at bus ${at}`).toBeLessThan(tol);
    });
    it(`Q-DLMPs within ${tol} $/MVArh`, () => {
      let worst = 0;
      let at = -1;
      for (const id of buses().filter((b) => smoothAt(build(), interval, r, b, epsMw))) {
        const d = Math.abs(fdDlmp(opf, interval, id, 'q', epsMw) - expectedSlope(build(), interval, r, id, 'q'));
        if (d > worst) [worst, at] = [d, id];
      }
      expect(worst, `worst at bus ${at}`).toBeLessThan(tol);
    });
  });
}

const some33 = (): number[] => [2, 6, 10, 15, 18, 22, 25, 33];
const all = (f: () => Feeder) => (): number[] => f().buses.map((b) => b.id);

check('case33bw + 2 DGs + binding rating, 8 buses', case33WithDgs, {}, some33, 0.01, false);
check('case33bw + 2 DGs + binding rating, every bus', case33WithDgs, {}, all(case33WithDgs), 0.01, true);
check('ieee123 + DG + binding voltage floor, every 4th bus', ieee123WithVoltageLimit, {}, () => all(ieee123WithVoltageLimit)().filter((_, k) => k % 4 === 0), 0.01, true);
check('case33bw horizon interval 8 (shedding), every bus where the cost is smooth over ±ε, power-factor term included at shedding buses', case33WithDgs, horizon33()[8], all(case33WithDgs), 0.1, true, 0.0002);
