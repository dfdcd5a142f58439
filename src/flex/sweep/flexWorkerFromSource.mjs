// Worker bootstrap used only when the sweep runs from the TypeScript sources (tests,
// benchmarks): register tsx (a devDependency) so the worker body loads, then hand piscina
// its default export. The compiled package runs dist/flex/sweep/flexWorker.js directly.
import { register } from 'tsx/esm/api';

register();
const mod = await import('./flexWorker.ts');
export default mod.default;
