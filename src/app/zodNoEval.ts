import { z } from 'zod';

// The app's Content-Security-Policy forbids eval. Zod's compiled fast path probes for it with
// `Function('')`, which a strict policy reports as a violation even though the probe is caught.
// Every bundle that parses with zod (the page and each worker) imports this module first.
z.config({ jitless: true });
