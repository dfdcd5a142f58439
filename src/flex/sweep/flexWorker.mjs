// Worker-thread bootstrap: register tsx so the TypeScript worker body runs without a build step
// (as bin/ev-cosim.mjs does for the CLI), then hand piscina its default export.
import { register } from 'tsx/esm/api';

register();
const mod = await import('./flexWorker.ts');
export default mod.default;
