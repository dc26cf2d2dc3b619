/**
 * Leaderboard columns: ids are SageMaker Search property names (`DisplayName`,
 * `Parameters.lr`, `Metrics.loss.Last`), so one id serves for cells, sorting and filters.
 */
import { defaultColumnWidth } from '../core/columnWidths';
import type { Columns, MetricSummary, TrialComponent } from '../core/generated/models';
import { inferObjective } from '../core/objective';

export const STATISTICS = ['Min', 'Max', 'Avg', 'StdDev', 'Last', 'Count'] as const;
export type Statistic = (typeof STATISTICS)[number];

/** Fields of every component (besides parameters and metrics). */
export const FIXED_COLUMNS: { id: string; label: string }[] = [
  { id: 'DisplayName', label: 'Name' },
  { id: 'TrialComponentName', label: 'Component' },
  { id: 'Status.PrimaryStatus', label: 'Status' },
  { id: 'CreationTime', label: 'Created' },
  { id: 'LastModifiedTime', label: 'Modified' }
];

/** Columns the server can sort by. */
export function isSortable(id: string): boolean {
  return (
    [
      'DisplayName',
      'TrialComponentName',
      'Status.PrimaryStatus',
      'CreationTime',
      'LastModifiedTime'
    ].includes(id) ||
    id.startsWith('Parameters.') ||
    id.startsWith('Metrics.')
  );
}

export const parameterColumn = (name: string): string => `Parameters.${name}`;
export const metricColumn = (name: string, stat: Statistic | string): string =>
  `Metrics.${name}.${stat}`;

/** `Metrics.<name>.<stat>` -> [name, stat]; metric names may contain dots. */
export function parseMetricColumn(id: string): [string, string] | null {
  if (!id.startsWith('Metrics.')) {
    return null;
  }
  const rest = id.slice('Metrics.'.length);
  const dot = rest.lastIndexOf('.');
  if (dot <= 0) {
    return [rest, 'Last'];
  }
  return [rest.slice(0, dot), rest.slice(dot + 1)];
}

/**
 * The order a first click on a heading sorts in: best first. A metric statistic whose name says
 * higher is better (`validation:accuracy (Last)`) sorts Descending; the rest Ascending (lowest
 * loss first).
 */
export function firstSortOrder(id: string): 'Ascending' | 'Descending' {
  const metric = parseMetricColumn(id);
  const stat = metric?.[1].toLowerCase();
  if (metric && stat !== 'count' && stat !== 'stddev') {
    return inferObjective(metric[0])?.type === 'Maximize' ? 'Descending' : 'Ascending';
  }
  return 'Ascending';
}

/** Column header text. */
export function columnLabel(id: string): string {
  const fixed = FIXED_COLUMNS.find(c => c.id === id);
  if (fixed) {
    return fixed.label;
  }
  if (id.startsWith('Parameters.')) {
    return id.slice('Parameters.'.length);
  }
  const metric = parseMetricColumn(id);
  if (metric) {
    return `${metric[0]} (${metric[1]})`;
  }
  return id;
}

/**
 * A leaderboard column's default width: the name column wide enough for run names like
 * `demo-tune-261201-104312-03`, times for a whole date and time, the others for their heading.
 */
export function columnWidth(id: string): number {
  if (id === 'DisplayName' || id === 'TrialComponentName') {
    return 240;
  }
  if (id === 'CreationTime' || id === 'LastModifiedTime') {
    return 170;
  }
  return defaultColumnWidth(columnLabel(id), 90, 280);
}

/** Every column the chooser offers for the experiment's parameters and metrics. */
export function allColumns(columns: Columns | null): string[] {
  const ids = FIXED_COLUMNS.map(c => c.id);
  if (!columns) {
    return ids;
  }
  const stats = columns.statistics?.length ? columns.statistics : [...STATISTICS];
  ids.push(...columns.parameters.map(parameterColumn));
  for (const metric of columns.metrics) {
    ids.push(...stats.map(stat => metricColumn(metric, stat)));
  }
  return ids;
}

/** The default columns: display name, status, all parameters (at most 8), each metric's Last and Min. */
export function defaultColumns(columns: Columns | null): string[] {
  const ids = ['DisplayName', 'Status.PrimaryStatus'];
  if (!columns) {
    return ids;
  }
  ids.push(...columns.parameters.slice(0, 8).map(parameterColumn));
  for (const metric of columns.metrics) {
    ids.push(metricColumn(metric, 'Last'), metricColumn(metric, 'Min'));
  }
  return ids;
}

const STAT_FIELDS: Record<string, keyof MetricSummary> = {
  min: 'min',
  max: 'max',
  avg: 'avg',
  stddev: 'std_dev',
  last: 'last',
  count: 'count'
};

/** The value of a column for one component (number, string, or undefined when absent). */
export function cellValue(component: TrialComponent, id: string): unknown {
  switch (id) {
    case 'DisplayName':
      return component.display_name;
    case 'TrialComponentName':
      return component.trial_component_name;
    case 'Status.PrimaryStatus':
      return component.status;
    case 'CreationTime':
      return component.creation_time;
    case 'LastModifiedTime':
      return component.last_modified_time;
  }
  if (id.startsWith('Parameters.')) {
    return component.parameters?.[id.slice('Parameters.'.length)];
  }
  const metric = parseMetricColumn(id);
  if (metric) {
    const summary = component.metrics?.find(m => m.metric_name === metric[0]);
    const field = STAT_FIELDS[metric[1].toLowerCase()];
    return summary && field ? summary[field] : undefined;
  }
  if (id.startsWith('Tags.')) {
    return component.tags?.[id.slice('Tags.'.length)];
  }
  return undefined;
}
