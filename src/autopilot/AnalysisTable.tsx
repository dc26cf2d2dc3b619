import React from 'react';

import { DataTable, IColumn } from '../core/DataTable';
import type { ColumnAnalysis } from '../core/generated/models';
import { PROBLEM_LABELS } from './metrics';
import { percent } from './PreviewTable';
import type { DataAnalysis } from './types';

/** What each of the analysis's warnings means, in words. */
export const WARNINGS: Record<string, string> = {
  id_like: 'ID-like: unique per row, dropped',
  constant: 'constant: one value in every row',
  empty: 'empty: no value in any row',
  mostly_missing: 'mostly missing',
  likely_leakage: 'likely target leakage'
};

const COLUMNS: IColumn<ColumnAnalysis>[] = [
  { id: 'name', label: 'Column', width: 180, cell: c => c.name, title: c => c.name },
  { id: 'kind', label: 'Kind', width: 100, cell: c => c.kind },
  {
    id: 'missing',
    label: 'Missing',
    width: 80,
    cell: c => percent(c.missing_fraction),
    testId: 'automl-analysis-missing'
  },
  { id: 'distinct', label: 'Distinct', width: 80, cell: c => c.distinct_count },
  {
    id: 'warnings',
    label: 'Warnings',
    width: 300,
    cell: c =>
      (c.warnings ?? []).map(w => (
        <span key={w} className="jp-smstudio-automl-warning" data-warning={w}>
          {WARNINGS[w] ?? w}
        </span>
      )),
    title: c => (c.warnings ?? []).map(w => WARNINGS[w] ?? w).join('; ') || undefined
  }
];

/** The class counts as `yes 120 (60%), no 80 (40%)`. */
export function classBalance(counts: Record<string, number> | null | undefined): string {
  const entries = Object.entries(counts ?? {}).sort((a, b) => b[1] - a[1]);
  const total = entries.reduce((sum, [, n]) => sum + n, 0);
  return entries.map(([k, n]) => `${k} ${n} (${percent(total ? n / total : 0)})`).join(', ');
}

/** The data as Autopilot saw it: rows, the problem, the target's classes and every column. */
export function AnalysisTable({ analysis }: { analysis: DataAnalysis }): JSX.Element {
  const balance = classBalance(analysis.class_counts);
  return (
    <div data-testid="automl-analysis">
      <dl className="jp-smstudio-facts">
        <dt>Rows</dt>
        <dd>
          {analysis.row_count}
          {analysis.sampled_rows < analysis.row_count
            ? ` (columns analysed on a sample of ${analysis.sampled_rows})`
            : ''}
        </dd>
        <dt>Target</dt>
        <dd>
          {analysis.TargetAttributeName}: {PROBLEM_LABELS[analysis.ProblemType].toLowerCase()}
          {analysis.problem_type_inferred ? ' (inferred)' : ''}
          {analysis.target_missing_count
            ? `, missing in ${analysis.target_missing_count} rows`
            : ''}
        </dd>
        {balance && (
          <>
            <dt>Classes</dt>
            <dd title={balance}>{balance}</dd>
          </>
        )}
      </dl>
      <div className="jp-smstudio-table-wrapper">
        <DataTable
          table="automl-analysis"
          testId="automl-analysis-columns"
          columns={COLUMNS}
          rows={analysis.columns}
          rowKey={c => c.name}
          rowAttributes={c => ({ 'data-column': c.name })}
          empty="No columns besides the target."
        />
      </div>
    </div>
  );
}
