/** The Baselines tab: the baselining jobs, and a baseline's page (statistics, constraints). */
import React from 'react';

import { DataTable, IColumn } from '../core/DataTable';
import { emptyText, formatTime } from '../core/format';
import { nameColumn, PageHeader } from '../core/jobTable';
import { RecordLink } from '../core/RecordLink';
import { ConstraintsEditor } from './ConstraintsEditor';
import { MetricFacts } from './MetricFacts';
import { formatNumber, formatPercent } from './logic';
import type { MonitorModel } from './model';
import { Sparkline } from './Sparkline';
import { MonitorStatus } from './Status';
import type { BaselineReport, BaseliningJob, FeatureBaseline } from './types';

const COLUMNS: IColumn<BaseliningJob>[] = [
  nameColumn(j => j.BaseliningJobName, 220),
  {
    id: 'status',
    label: 'Status',
    width: 110,
    cell: j => <MonitorStatus status={j.ProcessingJobStatus} />,
    testId: 'baseline-row-status'
  },
  {
    id: 'dataset',
    label: 'Dataset',
    width: 200,
    cell: j => j.BaselineDatasetS3Uri,
    title: j => j.BaselineDatasetS3Uri
  },
  {
    id: 'created',
    label: 'Created',
    width: 170,
    className: 'jp-smstudio-time',
    cell: j => formatTime(j.CreationTime)
  }
];

/** The baselining jobs, newest first; a row opens the baseline's page. */
export function BaselinesList({ model }: { model: MonitorModel }): JSX.Element {
  const { baselines } = model;
  return (
    <DataTable
      table="monitor-baselines-table"
      testId="baselines-table"
      columns={COLUMNS}
      rows={baselines.jobs}
      rowKey={j => j.BaseliningJobName}
      rowAttributes={j => ({ 'data-baseline-name': j.BaseliningJobName })}
      selected={baselines.selectedName}
      onOpen={name => model.openBaseline(name)}
      loaded={baselines.loaded}
      empty={emptyText(
        'baselines',
        'Suggest one from a notebook: DefaultModelMonitor(...).suggest_baseline(baseline_dataset=...).',
        model.filtered
      )}
    />
  );
}

/** A numeric statistic's cell. */
const Num = ({ value }: { value: number | null | undefined }) => (
  <td className="jp-smstudio-monitor-number">{formatNumber(value)}</td>
);

/** One row per feature: its type, completeness, summary statistics and distribution. */
function FeatureStatistics({ features }: { features: ReadonlyArray<FeatureBaseline> }) {
  return (
    <div className="jp-smstudio-table-wrapper jp-smstudio-monitor-scroll">
      <table
        className="jp-smstudio-table jp-smstudio-monitor-table"
        data-testid="baseline-features"
      >
        <thead>
          <tr>
            <th scope="col">Feature</th>
            <th scope="col">Type</th>
            <th scope="col">Complete</th>
            <th scope="col">Mean</th>
            <th scope="col">Std</th>
            <th scope="col">Min</th>
            <th scope="col">Max</th>
            <th scope="col">Distinct</th>
            <th scope="col">Distribution</th>
          </tr>
        </thead>
        <tbody>
          {features.map(f => (
            <tr key={f.Name} data-feature={f.Name}>
              <th scope="row" className="jp-smstudio-monitor-feature" title={f.Name}>
                {f.Name}
              </th>
              <td>{f.InferredType}</td>
              <td
                className="jp-smstudio-monitor-number"
                title={`${f.NumPresent} present, ${f.NumMissing} missing`}
              >
                {formatPercent(f.Completeness)}
              </td>
              <Num value={f.Mean} />
              <Num value={f.StdDev} />
              <Num value={f.Min} />
              <Num value={f.Max} />
              <Num value={f.DistinctCount} />
              <td>
                <Sparkline bins={f.Histogram} label={f.Name} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function BaselineFacts({ report }: { report: BaselineReport }): JSX.Element {
  const job = report.BaseliningJob;
  return (
    <dl className="jp-smstudio-facts" data-testid="baseline-facts">
      <dt>Dataset</dt>
      <dd className="jp-smstudio-url" title={job.BaselineDatasetS3Uri}>
        {job.BaselineDatasetS3Uri}
      </dd>
      <dt>Records</dt>
      <dd data-testid="baseline-item-count">
        {report.ItemCount === null || report.ItemCount === undefined
          ? '—'
          : report.ItemCount.toLocaleString('en-US')}
      </dd>
      <dt>Statistics</dt>
      <dd className="jp-smstudio-url" title={job.StatisticsS3Uri}>
        {job.StatisticsS3Uri}
      </dd>
      <dt>Constraints</dt>
      <dd className="jp-smstudio-url" title={job.ConstraintsS3Uri}>
        {job.ConstraintsS3Uri}
      </dd>
      <dt>Created</dt>
      <dd className="jp-smstudio-time">{formatTime(job.CreationTime)}</dd>
      <dt>Job</dt>
      <dd>
        <RecordLink
          to={{ kind: 'job', name: job.BaseliningJobName, jobKind: 'baselining' }}
          testId="baseline-job"
        >
          Log in the Jobs room
        </RecordLink>
      </dd>
    </dl>
  );
}

/** A baseline's page: where it came from, its per-feature statistics, its constraints to edit. */
export function BaselineDetail({ model }: { model: MonitorModel }): JSX.Element {
  const { baselines } = model;
  const name = baselines.selectedName ?? '';
  const report = baselines.report;
  const job = report?.BaseliningJob;
  return (
    <section
      className="jp-smstudio-detail jp-smstudio-monitor"
      data-testid="baseline-detail"
      aria-label={`Baseline ${name}`}
    >
      <PageHeader
        title={name}
        closeLabel="Close baseline page"
        onClose={() => model.openBaseline(null)}
        status={job && <MonitorStatus status={job.ProcessingJobStatus} testId="baseline-status" />}
      />
      {baselines.detailError && (
        <div className="jp-smstudio-error-banner" role="alert">
          {baselines.detailError}
        </div>
      )}
      {!report && !baselines.detailError && <div className="jp-smstudio-muted">Loading…</div>}
      {job?.FailureReason && (
        <div className="jp-smstudio-failure" data-testid="baseline-failure">
          <strong>Failure reason:</strong> {job.FailureReason}
        </div>
      )}
      {report && (
        <>
          <BaselineFacts report={report} />
          {report.ModelQuality && Object.keys(report.ModelQuality).length > 0 ? (
            <>
              <h4>Model quality</h4>
              <MetricFacts metrics={report.ModelQuality} testId="baseline-model-quality" />
            </>
          ) : (
            <>
              <h4>Statistics</h4>
              {report.Features.length ? (
                <FeatureStatistics features={report.Features} />
              ) : (
                <div className="jp-smstudio-muted">
                  {job?.ProcessingJobStatus === 'InProgress'
                    ? 'The statistics come when the job completes.'
                    : 'No statistics.'}
                </div>
              )}
            </>
          )}
          {report.Constraints && (
            <ConstraintsEditor baselines={baselines} features={report.Features} />
          )}
        </>
      )}
    </section>
  );
}
