#!/usr/bin/env node
// Entry point for `npx ev-cosim`: the compiled CLI (dist/, built by `npm ci` through the
// `prepare` script, or `npm run build`).
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv);
