/**
 * One execution's report, below the schedule's executions: its violations, each feature's drift
 * against the baseline, and the selected feature's histograms side by side.
 */
import React from 'react';

import { formatTime } from '../core/format';
import { formatNumber, formatPercent } from './logic';
import { MetricFacts } from './MetricFacts';
import { HistogramChart } from './MonitorCharts';
import type { Schedules } from './schedules';
import { MonitorStatus } from './Status';
import type { ExecutionReport as Report, FeatureDrift } from './types';

function Violations({ report }: { report: Report }): JSX.Element {
  // a model quality violation names a metric (SageMaker's metric_name)
  const subject = report.MonitoringType === 'ModelQuality' ? 'Metric' : 'Feature';
  if (!report.Violations.length) {
    return (
      <div className="jp-smstudio-muted" data-testid="execution-no-violations">
        No violations.
      </div>
    );
  }
  return (
    <div className="jp-smstudio-table-wrapper jp-smstudio-monitor-scroll">
      <table
        className="jp-smstudio-table jp-smstudio-monitor-table"
        data-testid="execution-violations"
      >
        <thead>
          <tr>
            <th scope="col">{subject}</th>
            <th scope="col">Check</th>
            <th scope="col">Description</th>
          </tr>
        </thead>
        <tbody>
          {report.Violations.map((v, i) => (
            <tr key={i} data-feature={v.FeatureName} data-check={v.ConstraintCheckType}>
              <th scope="row" className="jp-smstudio-monitor-feature" title={v.FeatureName}>
                {v.FeatureName || '—'}
              </th>
              <td>{v.ConstraintCheckType}</td>
              <td className="jp-smstudio-monitor-description">{v.Description}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Whether a feature drifted past what baseline_drift_check compared its distance with (the
 * Robust method widens the threshold for small windows).
 */
export function drifted(f: FeatureDrift): boolean {
  const threshold = f.EffectiveThreshold ?? f.Threshold;
  return typeof f.Distance === 'number' && typeof threshold === 'number' && f.Distance > threshold;
}

/** Where a threshold comes from: the constraint's, or widened by the Robust method. */
function thresholdTitle(f: FeatureDrift): string | undefined {
  if (typeof f.Threshold !== 'number') {
    return undefined;
  }
  const effective = f.EffectiveThreshold;
  return typeof effective === 'number' && effective !== f.Threshold
    ? `comparison_threshold ${formatNumber(f.Threshold)}, widened by the Robust method for a window of this size`
    : `comparison_threshold ${formatNumber(f.Threshold)}`;
}

function DriftTable(props: { schedules: Schedules; report: Report }): JSX.Element {
  const { schedules, report } = props;
  const selected = schedules.feature;
  return (
    <div className="jp-smstudio-table-wrapper jp-smstudio-monitor-scroll">
      <table className="jp-smstudio-table jp-smstudio-monitor-table" data-testid="execution-drift">
        <thead>
          <tr>
            <th scope="col">Feature</th>
            <th scope="col" title="SageMaker's baseline_drift_check distance">
              Distance
            </th>
            <th scope="col" title="What the distance was compared with">
              Threshold
            </th>
            <th scope="col" title="Population stability index">
              PSI
            </th>
            <th scope="col">Wasserstein</th>
            <th scope="col">Complete</th>
            <th scope="col">Baseline</th>
          </tr>
        </thead>
        <tbody>
          {report.Features.map(f => (
            <tr
              key={f.Name}
              data-feature={f.Name}
              data-drifted={drifted(f)}
              tabIndex={0}
              aria-selected={f.Name === selected}
              className={f.Name === selected ? 'jp-mod-selected' : undefined}
              title={`Show the histograms of ${f.Name}`}
              onClick={() => schedules.selectFeature(f.Name)}
              onKeyDown={e => {
                if (e.key === 'Enter' || e.key === ' ') {
                  e.preventDefault();
                  schedules.selectFeature(f.Name);
                }
              }}
            >
              <th scope="row" className="jp-smstudio-monitor-feature" title={f.Name}>
                {f.Name}
              </th>
              <td
                className={`jp-smstudio-monitor-number${drifted(f) ? ' jp-smstudio-monitor-over' : ''}`}
              >
                {formatNumber(f.Distance)}
              </td>
              <td className="jp-smstudio-monitor-number" title={thresholdTitle(f)}>
                {formatNumber(f.EffectiveThreshold ?? f.Threshold)}
              </td>
              <td className="jp-smstudio-monitor-number">{formatNumber(f.Psi)}</td>
              <td className="jp-smstudio-monitor-number">{formatNumber(f.Wasserstein)}</td>
              <td className="jp-smstudio-monitor-number">{formatPercent(f.Completeness)}</td>
              <td className="jp-smstudio-monitor-number">
                {formatPercent(f.BaselineCompleteness)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The open execution's report. */
export function ExecutionReport({ schedules }: { schedules: Schedules }): JSX.Element | null {
  const job = schedules.selectedExecution;
  const report = schedules.report;
  if (!job) {
    return null;
  }
  const feature = report?.Features.find(f => f.Name === schedules.feature);
  const execution = report?.Execution;
  return (
    <section
      className="jp-smstudio-monitor-execution"
      data-testid="execution-report"
      data-execution={job}
      aria-label={`Execution ${job}`}
    >
      <h4>
        Execution <span className="jp-smstudio-time">{formatTime(execution?.ScheduledTime)}</span>{' '}
        {execution && (
          <MonitorStatus
            status={execution.MonitoringExecutionStatus}
            testId="execution-report-status"
          />
        )}
        {typeof report?.ItemCount === 'number' && (
          <span className="jp-smstudio-muted">
            {' '}
            {report.ItemCount.toLocaleString('en-US')} records
          </span>
        )}
      </h4>
      {schedules.reportError && (
        <div className="jp-smstudio-error-banner" role="alert">
          {schedules.reportError}
        </div>
      )}
      {!report && !schedules.reportError && <div className="jp-smstudio-muted">Loading…</div>}
      {execution?.FailureReason && (
        <div className="jp-smstudio-failure" data-testid="execution-failure">
          <strong>Failure reason:</strong> {execution.FailureReason}
        </div>
      )}
      {report && (
        <>
          {report.ModelQuality && Object.keys(report.ModelQuality).length > 0 && (
            <>
              <h5>Model quality</h5>
              <MetricFacts metrics={report.ModelQuality} testId="execution-model-quality" />
            </>
          )}
          <h5>Violations</h5>
          <Violations report={report} />
          {report.Features.length > 0 && (
            <>
              <h5>Drift per feature</h5>
              <DriftTable schedules={schedules} report={report} />
            </>
          )}
          {feature && (
            <HistogramChart
              feature={feature.Name}
              baseline={feature.BaselineHistogram}
              current={feature.Histogram}
            />
          )}
        </>
      )}
    </section>
  );
}
