export * from './conductivity.ts';
export * from './shapes.ts';
export * from './spine.ts';
export * from './roots.ts';
export * from './dermatomes.ts';
export * from './drg.ts';
export * from './nerve.ts';
export * from './resolve.ts';
