import {
  caseToCsv,
  caseToFhirBundle,
  caseToJson,
  csvDataDictionary,
  DEIDENTIFICATION,
  deidentifyCase,
  type PatientCase,
} from '../../models/clinical/index.ts';

export type ExportFormat = 'fhir' | 'csv' | 'csv-dictionary' | 'json';

export function exportCase(
  c: PatientCase,
  format: ExportFormat,
  deidentified: boolean,
): { name: string; text: string; type: string } {
  const value = deidentified ? deidentifyCase(c) : c;
  const base = `${value.pseudonym.replace(/[^A-Za-z0-9_-]+/g, '_')}${deidentified ? '-deid' : ''}`;
  switch (format) {
    case 'fhir':
      return {
        name: `${base}.fhir.json`,
        text: JSON.stringify(caseToFhirBundle(value, { deidentified }), null, 2),
        type: 'application/fhir+json',
      };
    case 'csv':
      return { name: `${base}.redcap.csv`, text: caseToCsv(value), type: 'text/csv' };
    case 'csv-dictionary':
      return {
        name: 'neuromod-case-data-dictionary.csv',
        text: csvDataDictionary(),
        type: 'text/csv',
      };
    case 'json':
      return {
        name: `${base}.case.json`,
        text: caseToJson(value, new Date(), deidentified ? DEIDENTIFICATION : undefined),
        type: 'application/json',
      };
  }
}

export function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
