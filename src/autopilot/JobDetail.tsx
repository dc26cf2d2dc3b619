import React from 'react';

import { formatSeconds, formatSpan } from '../core/format';
import { PageHeader, StatusBadge } from '../core/jobTable';
import { RecordLink } from '../core/RecordLink';
import { AnalysisTable } from './AnalysisTable';
import { ExplainChart } from './ExplainChart';
import { formatObjective, jobMetric } from './leaderboard';
import { Leaderboard } from './Leaderboard';
import { PROBLEM_LABELS } from './metrics';
import type { AutopilotModel } from './model';
import { Stepper } from './Stepper';
import { isActive, secondaryLabel, stepsOf } from './steps';
import type { AutoMLJob } from './types';

/** What the page needs of JupyterLab: notebooks open through its document manager. */
export interface INotebookOpener {
  /** The path JupyterLab opens for a notebook's location, or null (elsewhere, e.g. s3://). */
  pathOf(url: string): string | null;
  open(path: string): void;
}

const NOTEBOOKS = [
  {
    key: 'DataExplorationNotebookLocation',
    label: 'Data exploration notebook',
    testId: 'automl-open-exploration'
  },
  {
    key: 'CandidateDefinitionNotebookLocation',
    label: 'Candidate definition notebook',
    testId: 'automl-open-candidates'
  }
] as const;

function NotebookButtons(props: { job: AutoMLJob; opener: INotebookOpener | null }) {
  const artifacts = props.job.AutoMLJobArtifacts;
  return (
    <div className="jp-smstudio-automl-notebooks">
      {NOTEBOOKS.map(n => {
        const url = artifacts?.[n.key] ?? null;
        const path = url && props.opener ? props.opener.pathOf(url) : null;
        const title = !url
          ? 'Written once the data is analysed'
          : path === null
            ? `${url} is outside the Jupyter root`
            : `Open ${path}`;
        return (
          <button
            key={n.key}
            type="button"
            className="jp-mod-styled"
            data-testid={n.testId}
            disabled={path === null}
            title={title}
            onClick={() => path !== null && props.opener?.open(path)}
          >
            {n.label}
          </button>
        );
      })}
    </div>
  );
}

/** An AutoML job's page: progress, leaderboard, notebooks, explainability, data analysis. */
export function JobDetail(props: {
  model: AutopilotModel;
  job: AutoMLJob;
  opener: INotebookOpener | null;
  onStop: () => void;
  onDeploy: () => void;
}): JSX.Element {
  const { model, job } = props;
  const active = isActive(job);
  const problem = job.ProblemType ?? job.ResolvedAttributes?.ProblemType ?? null;
  const metric = jobMetric(job, model.candidates);
  const best = job.BestCandidate;
  const input = job.InputDataConfig[0];
  const endpoint = model.endpointName;
  const criteria = job.AutoMLJobConfig?.CompletionCriteria;
  const canDeploy = !!best && job.AutoMLJobStatus !== 'Stopping';
  return (
    <section
      className="jp-smstudio-detail"
      data-testid="automl-detail"
      aria-label={job.AutoMLJobName}
    >
      <PageHeader
        title={job.AutoMLJobName}
        closeLabel="Close AutoML job page"
        onClose={() => model.select(null)}
        status={
          <>
            <StatusBadge status={job.AutoMLJobStatus} testId="automl-detail-status" />
            <span className="jp-smstudio-muted" data-testid="automl-detail-step">
              {secondaryLabel(job.AutoMLJobSecondaryStatus)}
            </span>
          </>
        }
        actions={
          <>
            <button
              type="button"
              className="jp-mod-styled jp-mod-accept"
              data-testid="automl-deploy"
              disabled={!canDeploy}
              title={
                canDeploy
                  ? 'Serve the best candidate from a new endpoint'
                  : 'Once a candidate has finished'
              }
              onClick={props.onDeploy}
            >
              Deploy best
            </button>
            <button
              type="button"
              className="jp-mod-styled jp-mod-warn"
              data-testid="automl-stop"
              disabled={job.AutoMLJobStatus !== 'InProgress'}
              onClick={props.onStop}
            >
              Stop
            </button>
          </>
        }
      />
      <Stepper steps={stepsOf(job, model.lastSeenStep)} />
      {job.FailureReason && (
        <div className="jp-smstudio-error-banner" role="alert" data-testid="automl-failure">
          {job.FailureReason}
        </div>
      )}
      {model.detailError && (
        <div className="jp-smstudio-error-banner" role="alert">
          {model.detailError}
        </div>
      )}
      <dl className="jp-smstudio-facts">
        <dt>Data</dt>
        <dd className="jp-smstudio-url" title={input?.DataSource.S3DataSource.S3Uri}>
          {input?.DataSource.S3DataSource.S3Uri}
        </dd>
        <dt>Target</dt>
        <dd>
          {input?.TargetAttributeName}
          {problem ? `: ${PROBLEM_LABELS[problem].toLowerCase()}` : ''}
          {!job.ProblemType && problem ? ' (inferred)' : ''}
        </dd>
        <dt>Objective</dt>
        <dd>{metric}</dd>
        <dt>Candidates</dt>
        <dd data-testid="automl-candidate-count">
          {model.candidates.length}
          {criteria?.MaxCandidates ? ` (at most ${criteria.MaxCandidates})` : ''}
        </dd>
        <dt>Run time</dt>
        <dd data-testid="automl-runtime">
          {formatSpan(job.CreationTime, job.EndTime)}
          {criteria?.MaxAutoMLJobRuntimeInSeconds
            ? ` of a ${formatSeconds(criteria.MaxAutoMLJobRuntimeInSeconds)} budget`
            : ''}
        </dd>
        <dt>Best</dt>
        <dd data-testid="automl-best">
          {best ? (
            <>
              {formatObjective(best.FinalAutoMLJobObjectiveMetric?.Value)} (
              <RecordLink to={{ kind: 'job', name: best.CandidateName, jobKind: 'training' }}>
                {best.CandidateName}
              </RecordLink>
              )
            </>
          ) : (
            '—'
          )}
        </dd>
        <dt>Experiment</dt>
        <dd>
          <RecordLink
            to={{ kind: 'experiment', name: job.AutoMLJobName }}
            testId="automl-experiment"
          >
            {job.AutoMLJobName}
          </RecordLink>
        </dd>
        <dt>Output</dt>
        <dd
          className="jp-smstudio-url"
          title={job.OutputDataConfig.S3OutputPath}
          data-testid="automl-output"
        >
          {job.OutputDataConfig.S3OutputPath}
        </dd>
        {endpoint && (
          <>
            <dt>Endpoint</dt>
            <dd>
              <RecordLink to={{ kind: 'endpoint', name: endpoint }} testId="automl-endpoint">
                {endpoint}
              </RecordLink>
            </dd>
          </>
        )}
      </dl>
      {(job.PartialFailureReasons ?? []).map((r, i) => (
        <div key={i} className="jp-smstudio-muted" role="status">
          {r.PartialFailureMessage}
        </div>
      ))}
      <h4>Notebooks</h4>
      <NotebookButtons job={job} opener={props.opener} />
      <h4>Candidates</h4>
      <Leaderboard job={job} candidates={model.candidates} active={active} />
      <h4>Explainability</h4>
      {model.report ? (
        <ExplainChart report={model.report} />
      ) : (
        <p className="jp-smstudio-muted">
          {active ? 'Written once the best candidate is known.' : 'No report.'}
        </p>
      )}
      <h4>Data analysis</h4>
      {model.analysis ? (
        <AnalysisTable analysis={model.analysis} />
      ) : (
        <p className="jp-smstudio-muted">{active ? 'Analysing the data…' : 'No analysis.'}</p>
      )}
    </section>
  );
}
