/**
 * What `ev-cosim validate` does once its options are parsed (loaded lazily by `../commands/validate.ts`, so that
 * `--help` and other commands never load this engine). The command: `ev-cosim validate <scenario>`: check a scenario without running it.
 * It runs exactly the checks a run makes before solving (`resolveScenario`), the size guard included.
 */
import { resolveScenario } from '../../sim/run/resolveScenario.js';
import { CPU_LIMIT_SEC, MEMORY_LIMIT_MB } from '../../sim/run/sizeEstimate.js';
import type { ValidateReport } from '../../sim/results/validateSchema.js';
import { readScenarioFile } from '../../sim/scenario/readScenarioFile.js';

/** Options of the `validate` command. */
export interface ValidateCommandOptions {
  readonly set: string[];
  readonly json?: boolean;
  /** Accept a scenario above the size limit (the estimate is reported either way). */
  readonly allowLarge?: boolean;
}

/** Run `ev-cosim validate <scenario>` (registered in `commands/validate.ts`). */
export function validateCommand(file: string, options: ValidateCommandOptions): void {
  const { scenario, baseDir, name } = readScenarioFile(file, options.set);
  const { network, feeder, demand, warnings, size } = resolveScenario(scenario, baseDir, file, { allowLarge: options.allowLarge === true });
  const h = scenario.horizon;
  const report: ValidateReport = {
    status: 'ok',
    scenario: name,
    scenarioFile: file,
    horizon: { startAt: h.start, intervalMin: h.intervalMin, intervals: h.intervals, stepSec: h.stepSec },
    network: { name: network.name, nodeCount: network.nodeIds.length, linkCount: network.from.length, odPairCount: demand.length },
    feeder: { name: feeder.name, busCount: feeder.buses.length, branchCount: feeder.branches.length, generatorCount: feeder.generators.length },
    stations: scenario.stations.map((s) => ({ station: s.id, node: s.node, bus: s.bus })),
    size: {
      memoryMb: Math.round(size.memoryMb),
      cpuSec: +size.cpuSec.toPrecision(3),
      memoryLimitMb: MEMORY_LIMIT_MB,
      cpuLimitSec: CPU_LIMIT_SEC,
      loadingSteps: size.steps,
      pathLinks: Math.round(size.pathSegments),
      odClassGroups: size.groups,
      vehicles: +size.vehicles.toPrecision(6),
    },
    warnings: [...warnings],
  };
  for (const w of warnings) process.stderr.write(`warning: ${file}: ${w}\n`);
  if (options.json) {
    process.stdout.write(`${JSON.stringify(report)}\n`);
    return;
  }
  process.stdout.write(
    `ok: ${file}: ${h.intervals} × ${h.intervalMin} min from ${h.start}; network ${network.name} (${demand.length} OD pairs); ` +
      `feeder ${feeder.name} (${feeder.buses.length} buses); stations ${scenario.stations.map((s) => `${s.id}@node ${s.node}/bus ${s.bus}`).join(', ')}; ` +
      `estimate ~${report.size.memoryMb} MB, ~${report.size.cpuSec} s CPU per run\n`,
  );
}
