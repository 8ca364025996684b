/** Programs in time and their charge, charge density, Shannon k, energy and envelope checks. */
export * from './charge.ts';
export * from './groups.ts';
export * from './density.ts';
export * from './schedule.ts';
export * from './dose.ts';
export * from './energy.ts';
export * from './train.ts';
export * from './checkProgram.ts';
export * from './summary.ts';
export * from './fractions.ts';
export * from './steering.ts';
