/** ev-cosim public API: one namespace per engine. */
export * as grid from './grid/index.js';
export * as traffic from './traffic/index.js';
export * as sim from './sim/index.js';
export * as flex from './flex/index.js';
export * as equilibrium from './equilibrium/index.js';
