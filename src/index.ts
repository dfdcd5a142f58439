/** ev-cosim public API: one namespace per engine. */
export * as grid from './grid/index.ts';
export * as traffic from './traffic/index.ts';
export * as sim from './sim/index.ts';
export * as flex from './flex/index.ts';
