// Worker entry of scripts/calibrate.ts: loads the TypeScript models in a worker thread.
import { register } from 'tsx/esm/api';

register();
await import('./calibrate.ts');
