/** `ev-cosim` from the TypeScript sources, for tests that spawn worker processes: `node --import tsx test/jobs/evCosimFromSource.ts worker …`. */
import { main } from '../../src/cli/main.ts';

process.exitCode = await main(process.argv);
