export * from './bessel.ts';
export * from './contact.ts';
export * from './pointSource.ts';
export * from './conductor.ts';
export * from './grid.ts';
export * from './kspace.ts';
export * from './solver25d.ts';
export * from './leadField.ts';
