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
  const server = await preview({ logLevel: 'warn' });
  project.provide('baseURL', server.resolvedUrls?.local[0] ?? 'http://127.0.0.1:4173/');
  return async () => {
    await server.close();
  };
}
