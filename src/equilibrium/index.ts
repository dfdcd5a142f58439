/** Public API of src/equilibrium: the static coupled equilibria of the source papers (re-exports only). */
export { runEquilibriumScenario, BUNDLED_EQUILIBRIUM_SCENARIOS } from './runEquilibriumScenario.js';
export { solveV2gEquilibrium } from './solveV2gEquilibrium.js';
export { solveGweScenario } from './solveGweScenario.js';
export { parseV2gScenario, prepareV2gInput } from './v2gScenario.js';
export { parseGweScenario } from './gweScenario.js';
