/** Minimal typing of the `scs-solver` WebAssembly module used by the conic cross-check test. */
declare module 'scs-solver' {
  export interface ScsData {
    m: number; n: number;
    A_x: number[]; A_i: number[]; A_p: number[];
    b: number[]; c: number[];
  }
  export interface ScsCone { z: number; l: number; q?: number[]; qsize?: number }
  export interface ScsSolution { x: number[]; y: number[]; s: number[]; status: string; info: { pobj: number; iter: number } }
  export interface ScsModule {
    ScsSettings: new () => { epsAbs: number; epsRel: number; maxIters: number; verbose: number };
    setDefaultSettings(settings: object): void;
    solve(data: ScsData, cone: ScsCone, settings: object): ScsSolution;
  }
  export default function createSCS(): Promise<ScsModule>;
}
