/**
 * Multi-class static user equilibrium by Algorithm B (bush-based, Dial 2006).
 */
import { SolverError } from '../../common/errors.js';
import type { Network } from '../network/network.js';
import { BushEngine } from './bushEngine.js';
import { decomposeBushPaths } from './decomposeBushPaths.js';
import { makeBprTable } from './linkCosts.js';
import { prepareUeClasses } from './prepareUeClasses.js';
import type { StaticUeOptions, StaticUeResult, UeClass, UeIterationRecord } from './ueTypes.js';

/**
 * Solve the static UE with several user classes sharing the road (docs/model.md §2 static
 * cases: heterogeneous value of time). Class k's generalized link cost is
 * c_a^k = t_a(X_a) + tollFactor_k·toll_a + distanceFactor_k·length_a + extra_a^k
 * (minutes), with t_a the BPR time of the TOTAL flow X_a; the Jacobian is symmetric,
 * so the equilibrium minimizes Σ_a ∫₀^{X_a} t_a + Σ_k Σ_a m_a^k x_a^k (Beckmann).
 *
 * 1. Validate classes and demand (`InputError`: unknown nodes, negative flows,
 *    OD pairs without a path, zero-capacity links that would carry demand).
 * 2. All-or-nothing start on free-flow costs; one bush per (class, origin).
 * 3. Each outer iteration: for every bush, update it (drop unused links, add
 *    shortcuts) and shift flow by Newton steps; then `innerIterations` shift-only
 *    passes over the bushes that are not yet equilibrated.
 * 4. Measure the relative gap (Σ x·c − Σ d·c_min)/Σ x·c with one Dijkstra per
 *    (class, origin), the average excess cost and the Beckmann objective; stop at
 *    `gapTarget` or `maxIterations`.
 *
 * @example
 * const r = solveMultiClassUe(net, [
 *   { name: 'low VOT', demand: dLow, valueOfTimePerMin: 0.2 },
 *   { name: 'high VOT', demand: dHigh, valueOfTimePerMin: 1.0 }], { gapTarget: 1e-8 });
 * r.classLinkFlows[0]; // veh/h per link of the first class
 */
export function solveMultiClassUe(network: Network, classes: readonly UeClass[], options: StaticUeOptions = {}): StaticUeResult {
  const started = performance.now();
  const gapTarget = options.gapTarget ?? 1e-8;
  const maxIterations = options.maxIterations ?? 1000;
  const innerIterations = options.innerIterations ?? 20;
  if (!(gapTarget >= 0)) throw new SolverError('traffic/static', 'bad option', `gapTarget must be ≥ 0, got ${gapTarget}`);
  if (!(Number.isInteger(maxIterations) && maxIterations >= 0)) {
    throw new SolverError('traffic/static', 'bad option', `maxIterations must be a non-negative integer, got ${maxIterations}`);
  }
  const bpr = makeBprTable(network);
  const prep = prepareUeClasses(network, classes, bpr, options.demandSource ?? 'demand');
  const engine = new BushEngine(network, bpr, prep);
  engine.initialize();
  const history: UeIterationRecord[] = [];
  let measure = engine.measure();
  let iterations = 0;
  const B = prep.bushes.length;
  while (iterations < maxIterations && measure.relativeGap > gapTarget) {
    iterations++;
    // Shift only where a node's used paths differ by more than a fraction of the
    // current average excess cost: cheap passes early, exact ones near the end.
    const threshold = measure.averageExcessCostMin * 1e-2;
    for (let b = 0; b < B; b++) {
      engine.updateBush(b);
      engine.shift(b, threshold);
    }
    for (let pass = 0; pass < innerIterations; pass++) {
      let active = false;
      for (let b = 0; b < B; b++) {
        if (engine.bushExcess[b] <= threshold) continue;
        engine.shift(b, threshold);
        active = true;
      }
      if (!active) break;
    }
    engine.refreshFlows();
    measure = engine.measure();
    const record: UeIterationRecord = {
      iteration: iterations,
      relativeGap: measure.relativeGap,
      averageExcessCostMin: measure.averageExcessCostMin,
      objective: measure.objective,
      seconds: (performance.now() - started) / 1000,
    };
    history.push(record);
    if (options.onIteration?.(record) === false) break;
  }
  const classLinkCostsMin = prep.fixedCostMin.map((fixed) => Float64Array.from(engine.time, (t, a) => t + fixed[a]));
  return {
    linkFlows: engine.linkFlow,
    classLinkFlows: engine.classFlow,
    linkTimesMin: engine.time,
    classLinkCostsMin,
    relativeGap: measure.relativeGap,
    averageExcessCostMin: measure.averageExcessCostMin,
    objective: measure.objective,
    iterations,
    converged: measure.relativeGap <= gapTarget,
    history,
    paths: () => decomposeBushPaths(network, prep, engine.inBush, engine.bushFlow),
  };
}
