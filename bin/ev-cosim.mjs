#!/usr/bin/env node
// Entry point for `npx ev-cosim`: the compiled CLI (dist/, built by `npm ci` through the
// `prepare` script, or `npm run build`).
import { setFlagsFromString } from 'node:v8';

// Start-up tuning of V8's optimising compilers (bench/startup.bench.ts). Each compiles a function
// once it has run "enough"; the defaults suit long-lived servers, and in a one-second command the
// compiling cost more CPU than it saved:
// - HiGHS is 3.5 MB of WebAssembly with huge functions that cross the default tier-up budget
//   (1.8 MB executed) within the first solves; optimising them cost ~0.35 s of a 1.45 s default
//   `run`. A 50 MB budget leaves only the truly hot ones to optimise.
// - JavaScript functions are considered for optimisation after ~66 KB of bytecode executed; 400 KB
//   keeps lukewarm code off the optimiser and saves ~0.1 s more.
// Long commands still optimise their hot code: `flex --budgets 1000,4000 --directions 90` took
// 6.3 s either way, and the fixed-point run of bench/cosim.bench.ts 2.7 s. Results are unchanged:
// WebAssembly arithmetic is deterministic whichever compiler runs it, and so is JavaScript's. The
// flags are set before anything loads; the library itself leaves its host's V8 flags alone.
setFlagsFromString('--wasm-tiering-budget=50000000');
setFlagsFromString('--interrupt-budget=400000');

const { main } = await import('../dist/cli/main.js');

process.exitCode = await main(process.argv);
