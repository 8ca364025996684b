/** Lead and generator catalogue: data, schemas, contact geometry, provenance. */
export * from './provenance.ts';
export * from './leadSchema.ts';
export * from './leads.ts';
export * from './geometry.ts';
export * from './generatorSchema.ts';
export * from './generators.ts';
