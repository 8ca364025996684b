#!/usr/bin/env node
// The headless `neuromod` command: runs the same TypeScript models as the app, in Node.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
