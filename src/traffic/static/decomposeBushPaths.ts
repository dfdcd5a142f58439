/**
 * Internal: decompose origin-based (bush) flows into OD paths with flows.
 */
import type { Network } from '../network/network.js';
import type { PreparedClasses } from './prepareUeClasses.js';
import type { UePath } from './ueTypes.js';

/**
 * For every bush and destination, repeatedly trace a path backwards from the
 * destination along the in-link with the most remaining flow, take the bottleneck
 * (remaining demand and least link flow) and subtract it. Flow conservation of the
 * origin-based flows guarantees the trace reaches the origin. Paths below 1e-9 of
 * the OD demand (rounding residue) are dropped. Deterministic; not unique (bush
 * flows do not fix the path flows), but every path returned is used at equilibrium.
 */
export function decomposeBushPaths(network: Network, prep: PreparedClasses, inBush: Uint8Array, bushFlow: Float64Array): UePath[] {
  const L = network.from.length;
  const N = network.nodeIds.length;
  const inStart = new Int32Array(N + 1);
  for (let a = 0; a < L; a++) inStart[network.to[a] + 1]++;
  for (let i = 0; i < N; i++) inStart[i + 1] += inStart[i];
  const fill = inStart.slice(0, N);
  const inLinks = new Int32Array(L);
  for (let a = 0; a < L; a++) inLinks[fill[network.to[a]]++] = a;
  const paths: UePath[] = [];
  const trace: number[] = [];
  prep.bushes.forEach((bush, b) => {
    const off = b * L;
    const left = bushFlow.slice(off, off + L);
    bush.destinations.forEach((dest, di) => {
      const demand = bush.vehPerH[di];
      let remaining = demand;
      while (remaining > 1e-9 * demand) {
        trace.length = 0;
        let bottleneck = remaining;
        let v = dest;
        while (v !== bush.origin) {
          let best = -1;
          for (let p = inStart[v]; p < inStart[v + 1]; p++) {
            const a = inLinks[p];
            if (inBush[off + a] === 1 && left[a] > 0 && (best < 0 || left[a] > left[best])) best = a;
          }
          if (best < 0 || trace.length > N) break;
          trace.push(best);
          if (left[best] < bottleneck) bottleneck = left[best];
          v = network.from[best];
        }
        if (v !== bush.origin) break; // rounding residue without a path
        for (const a of trace) left[a] -= bottleneck;
        remaining -= bottleneck;
        if (bottleneck > 1e-9 * demand) {
          paths.push({
            classIndex: bush.classIndex,
            origin: network.nodeIds[bush.origin],
            destination: network.nodeIds[dest],
            links: Int32Array.from(trace.reverse()),
            vehPerH: bottleneck,
          });
        }
      }
    });
  });
  return paths;
}
