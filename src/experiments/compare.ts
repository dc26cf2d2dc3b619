/** Rows of the Compare view and the "only differences" rule. Pure helpers. */
import type { Artifact, TrialComponent } from '../core/generated/models';
import { metricColumn } from './columns';
import { cellValue } from './columns';
import { sameValue } from './values';

export interface ICompareRow {
  /** Section: parameters, metrics, or artifacts. */
  section: 'Parameters' | 'Metrics' | 'Input artifacts' | 'Output artifacts';
  label: string;
  /** One value per component (undefined where the component lacks it). */
  values: unknown[];
}

/** True when every component has the same value (missing counts as a value of its own). */
export function allEqual(values: ReadonlyArray<unknown>): boolean {
  if (values.length < 2) {
    return true;
  }
  const first = values[0];
  return values.every(v => (v === undefined && first === undefined) || sameValue(v, first));
}

/** Keep the rows whose values differ (all rows when `onlyDifferences` is off). */
export function filterDifferences<T extends { values: ReadonlyArray<unknown> }>(
  rows: ReadonlyArray<T>,
  onlyDifferences: boolean
): T[] {
  return onlyDifferences ? rows.filter(r => !allEqual(r.values)) : [...rows];
}

const COMPARE_STATS = ['Min', 'Max', 'Avg', 'StdDev', 'Last', 'Count'];

function union(lists: string[][]): string[] {
  const all = new Set<string>();
  lists.forEach(list => list.forEach(item => all.add(item)));
  return [...all].sort((a, b) => a.localeCompare(b));
}

function artifactValue(a: Artifact | undefined): unknown {
  return a ? a.value : undefined;
}

/** Side-by-side rows for the given components. */
export function compareRows(components: ReadonlyArray<TrialComponent>): ICompareRow[] {
  const rows: ICompareRow[] = [];
  for (const name of union(components.map(c => Object.keys(c.parameters ?? {})))) {
    rows.push({
      section: 'Parameters',
      label: name,
      values: components.map(c => c.parameters?.[name])
    });
  }
  for (const metric of union(components.map(c => (c.metrics ?? []).map(m => m.metric_name)))) {
    for (const stat of COMPARE_STATS) {
      rows.push({
        section: 'Metrics',
        label: `${metric} (${stat})`,
        values: components.map(c => cellValue(c, metricColumn(metric, stat)))
      });
    }
  }
  for (const [section, key] of [
    ['Input artifacts', 'input_artifacts'],
    ['Output artifacts', 'output_artifacts']
  ] as const) {
    for (const name of union(components.map(c => Object.keys(c[key] ?? {})))) {
      rows.push({
        section,
        label: name,
        values: components.map(c => artifactValue(c[key]?.[name]))
      });
    }
  }
  return rows;
}

export type ArtifactKind = 'image' | 'csv' | 'text' | 'value';

/** How to preview an artifact: by media type first, then by the URL's extension. */
export function artifactKind(artifact: Artifact): ArtifactKind {
  const value = artifact.value ?? '';
  const isUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(value);
  const media = (artifact.media_type ?? '').toLowerCase();
  const path = value.split(/[?#]/)[0].toLowerCase();
  if (!isUrl) {
    return 'value';
  }
  if (media.startsWith('image/') || /\.(png|jpe?g|gif|svg|webp)$/.test(path)) {
    return 'image';
  }
  if (media === 'text/csv' || path.endsWith('.csv')) {
    return 'csv';
  }
  if (
    media.startsWith('text/') ||
    media === 'application/json' ||
    /\.(txt|log|json|md|ya?ml|py|tsv)$/.test(path)
  ) {
    return 'text';
  }
  return 'value';
}

/** Parse the first `maxRows` rows of a CSV text (quotes handled; a cut-off last line is dropped). */
export function parseCsv(text: string, maxRows = 50, truncated = false): string[][] {
  const rows: string[][] = [];
  let field = '';
  let row: string[] = [];
  let quoted = false;
  let i = 0;
  for (; i < text.length && rows.length < maxRows; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        field += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') {
        i++;
      }
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += ch;
    }
  }
  if (rows.length < maxRows && !truncated && (field || row.length)) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
