/**
 * Names of the networks shipped in `scenarios/data/transport/`. Kept apart from the
 * readers so that a command's help text can list them without loading the engine.
 */
export const BUNDLED_NETWORKS = ['SiouxFalls', 'Anaheim', 'ChicagoSketch', 'NguyenDupuis'] as const;
export type BundledNetworkName = (typeof BUNDLED_NETWORKS)[number];
