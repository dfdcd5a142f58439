/**
 * Names of the static-equilibrium scenarios shipped in `scenarios/`. Kept apart from the
 * solvers so that a command's help text can list them without loading the engines.
 */
export const BUNDLED_EQUILIBRIUM_SCENARIOS = [
  'siouxfalls-ieee123-base', 'siouxfalls-ieee123-stress', 'siouxfalls-ieee123-island', 'gwe-ieee33', 'gwe-ieee33-tolls',
] as const;
