export * from './contacts.ts';
export * from './sampling.ts';
export * from './populations.ts';
export * from './fieldTable.ts';
export * from './therapies/index.ts';
export * from './run.ts';
export * from './view.ts';
export * from './safety.ts';
