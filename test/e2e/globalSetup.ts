import { createServer } from 'node:net';
import { preview } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
  }
}

/** Serves the built app (dist/) on 127.0.0.1 for the e2e suite; E2E_BASE_URL points it elsewhere. */
export default async function setup(project: TestProject) {
  if (process.env.E2E_BASE_URL) {
    project.provide('baseURL', process.env.E2E_BASE_URL);
    return;
  }
  // a free port, so that a second run (another checkout, a developer's server) never collides
  const port = await new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 4173));
    });
  });
  const server = await preview({ logLevel: 'warn', preview: { port, strictPort: true } });
  project.provide('baseURL', server.resolvedUrls?.local[0] ?? 'http://127.0.0.1:4173/');
  return async () => {
    await server.close();
  };
}
