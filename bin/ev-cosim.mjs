#!/usr/bin/env node
// Entry point for `npx ev-cosim`: runs the TypeScript sources through tsx so that
// the CLI works right after `npm ci` without a build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/sim/cli/main.ts');
process.exitCode = await main(process.argv);
