import React from 'react';

import { formatSeconds, formatSpan, formatTime } from '../core/format';
import type { DescribeProcessingJob, DescribeTrainingJob } from '../core/generated/models';
import { isActive } from '../core/jobStatus';
import { PageHeader, StatusBadge } from '../core/jobTable';
import { LogView } from '../core/LogView';
import { RoomTabs } from '../core/RoomTabs';
import { DebuggerTab } from '../debugger/DebuggerTab';
import { isTrainingDescription, trainingConfig } from './api';
import type { IDeploySource } from './deploy';
import { dirname, rootRelativePath } from './form';
import type { TrainingModel } from './model';
import { MetricChart } from './MetricChart';
import { TrainingLinks } from './TrainingLinks';

export interface ITrainingDetailProps {
  model: TrainingModel;
  /** Open "New training job" prefilled with this job's configuration. */
  onClone: () => void;
  /** Open the Tuning room's form with this job's script, hyperparameters and metric; absent without it. */
  onTune?: () => void;
  /** Stop the job (after asking). */
  onStop: () => void;
  /** "Deploy…": what it would deploy, or why it cannot; absent without the Endpoints room's API. */
  deployable?: IDeploySource | string;
  onDeploy?: () => void;
  /** Show a folder (relative to the Jupyter root) in the file browser; absent when unavailable. */
  openFolder?: (path: string) => void;
}

function formatMetric(value: unknown): string {
  if (typeof value === 'number') {
    return Number.isInteger(value) ? String(value) : value.toPrecision(6).replace(/\.?0+$/, '');
  }
  return value === null || value === undefined ? '—' : String(value);
}

/** A storage URL, with "Open folder in file browser" when it lies inside the Jupyter root. */
function StorageLink(props: {
  url: string | null | undefined;
  root: string | null;
  folder?: boolean;
  openFolder?: (path: string) => void;
  testId?: string;
}): JSX.Element {
  const { url, root, folder, openFolder, testId } = props;
  if (!url) {
    return <span className="jp-smstudio-muted">—</span>;
  }
  const rel = rootRelativePath(url, root);
  const target = rel === null ? null : folder ? rel : dirname(rel);
  return (
    <span className="jp-smstudio-training-url">
      <code data-testid={testId} title={url}>
        {url}
      </code>
      {target !== null && openFolder && (
        <button
          type="button"
          className="jp-mod-styled jp-smstudio-training-link"
          data-testid={testId ? `${testId}-open` : undefined}
          title={`Open /${target} in the file browser`}
          onClick={() => openFolder(target)}
        >
          Open folder in file browser
        </button>
      )}
    </span>
  );
}

function TrainingFacts({
  d,
  model,
  openFolder
}: { d: DescribeTrainingJob } & Pick<ITrainingDetailProps, 'model' | 'openFolder'>): JSX.Element {
  const config = trainingConfig(model.selectedJob);
  const spec = d.AlgorithmSpecification;
  const hps = Object.entries(config.hyperparameters ?? d.HyperParameters ?? {});
  const channels = d.InputDataConfig ?? [];
  const finals = d.FinalMetricDataList ?? [];
  return (
    <>
      <h4>Configuration</h4>
      <dl className="jp-smstudio-facts" data-testid="training-config">
        <dt>Entry point</dt>
        <dd>{spec.EntryPoint ?? config.entry_point ?? '—'}</dd>
        <dt>Source dir</dt>
        <dd>{config.source_dir || '—'}</dd>
        <dt>Framework</dt>
        <dd>{spec.Framework ?? 'none'}</dd>
        <dt>Instance</dt>
        <dd>
          {d.ResourceConfig.InstanceType ?? 'local'} × {d.ResourceConfig.InstanceCount ?? 1}
        </dd>
        <RunTimes
          maxRun={d.StoppingCondition.MaxRuntimeInSeconds}
          created={d.CreationTime}
          started={d.TrainingStartTime}
          ended={d.TrainingEndTime}
        />
      </dl>
      <h4>Hyperparameters</h4>
      {hps.length ? (
        <table
          className="jp-smstudio-table jp-smstudio-training-kv"
          data-testid="training-hyperparameters"
        >
          <tbody>
            {hps.map(([k, v]) => (
              <tr key={k}>
                <th scope="row">{k}</th>
                <td>{String(v)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <div className="jp-smstudio-muted">None</div>
      )}
      <h4>Input channels</h4>
      {channels.length ? (
        <table
          className="jp-smstudio-table jp-smstudio-training-kv"
          data-testid="training-channels"
        >
          <tbody>
            {channels.map(c => (
              <tr key={c.ChannelName}>
                <th scope="row">{c.ChannelName}</th>
                <td>
                  <StorageLink
                    url={c.DataSource.S3DataSource.S3Uri}
                    root={model.root}
                    folder
                    openFolder={openFolder}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <div className="jp-smstudio-muted">None</div>
      )}
      <h4>Output</h4>
      <dl className="jp-smstudio-facts">
        <dt>Model artifact</dt>
        <dd>
          {d.ModelArtifacts?.S3ModelArtifacts ? (
            <StorageLink
              url={d.ModelArtifacts.S3ModelArtifacts}
              root={model.root}
              openFolder={openFolder}
              testId="training-model-artifact"
            />
          ) : (
            <span className="jp-smstudio-muted" data-testid="training-model-artifact-none">
              {isActive(d.TrainingJobStatus)
                ? 'when the job completes'
                : d.TrainingJobStatus === 'Completed'
                  ? '—'
                  : `none: the job ${d.TrainingJobStatus.toLowerCase()} before it saved a model`}
            </span>
          )}
        </dd>
        <dt>Output path</dt>
        <dd>
          <StorageLink
            url={d.OutputDataConfig.S3OutputPath}
            root={model.root}
            folder
            openFolder={openFolder}
          />
        </dd>
      </dl>
      <h4>Metrics</h4>
      {finals.length ? (
        <table
          className="jp-smstudio-table jp-smstudio-training-kv"
          data-testid="training-final-metrics"
        >
          <tbody>
            {finals.map(m => (
              <tr key={m.MetricName}>
                <th scope="row">{m.MetricName}</th>
                <td>{formatMetric(m.Value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <div className="jp-smstudio-muted">
          {(spec.MetricDefinitions ?? []).length
            ? 'No values yet.'
            : 'No metric definitions: add Name/Regex rows to record metrics from the log.'}
        </div>
      )}
      {model.metrics.length > 0 && (
        <div className="jp-smstudio-training-charts">
          {model.metrics.map(m => (
            <MetricChart
              key={m.metric_name}
              name={m.metric_name}
              series={model.series.get(m.metric_name)}
            />
          ))}
        </div>
      )}
    </>
  );
}

/** Limit and times, the same on training and processing pages. */
function RunTimes(props: {
  maxRun?: number | null;
  created?: string | null;
  started?: string | null;
  ended?: string | null;
}): JSX.Element {
  return (
    <>
      <dt>Max run</dt>
      <dd>{formatSeconds(props.maxRun)}</dd>
      <dt>Created</dt>
      <dd className="jp-smstudio-time">{formatTime(props.created)}</dd>
      <dt>Started</dt>
      <dd className="jp-smstudio-time">{formatTime(props.started)}</dd>
      <dt>Ended</dt>
      <dd className="jp-smstudio-time">{formatTime(props.ended)}</dd>
      <dt>Duration</dt>
      <dd className="jp-smstudio-time">
        {formatSpan(props.started ?? props.created, props.ended)}
      </dd>
    </>
  );
}

function ProcessingFacts({
  d,
  model,
  openFolder
}: { d: DescribeProcessingJob } & Pick<ITrainingDetailProps, 'model' | 'openFolder'>): JSX.Element {
  const cluster = d.ProcessingResources.ClusterConfig;
  return (
    <>
      <h4>Configuration</h4>
      <dl className="jp-smstudio-facts" data-testid="training-config">
        <dt>Command</dt>
        <dd>
          <code>
            {[
              ...(d.AppSpecification.ContainerEntrypoint ?? []),
              ...(d.AppSpecification.ContainerArguments ?? [])
            ].join(' ')}
          </code>
        </dd>
        <dt>Instance</dt>
        <dd>
          {cluster.InstanceType ?? 'local'} × {cluster.InstanceCount ?? 1}
        </dd>
        <RunTimes
          maxRun={d.StoppingCondition.MaxRuntimeInSeconds}
          created={d.CreationTime}
          started={d.ProcessingStartTime}
          ended={d.ProcessingEndTime}
        />
        {d.ExitMessage && (
          <>
            <dt>Exit</dt>
            <dd>{d.ExitMessage}</dd>
          </>
        )}
      </dl>
      <h4>Inputs</h4>
      <table className="jp-smstudio-table jp-smstudio-training-kv">
        <tbody>
          {(d.ProcessingInputs ?? []).map(i => (
            <tr key={i.InputName}>
              <th scope="row">{i.InputName}</th>
              <td>
                <StorageLink
                  url={i.S3Input.S3Uri}
                  root={model.root}
                  folder
                  openFolder={openFolder}
                />{' '}
                → <code>{i.S3Input.LocalPath}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4>Outputs</h4>
      <table className="jp-smstudio-table jp-smstudio-training-kv">
        <tbody>
          {(d.ProcessingOutputConfig.Outputs ?? []).map(o => (
            <tr key={o.OutputName}>
              <th scope="row">{o.OutputName}</th>
              <td>
                <code>{o.S3Output.LocalPath}</code> →{' '}
                <StorageLink
                  url={o.S3Output.S3Uri}
                  root={model.root}
                  folder
                  openFolder={openFolder}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

type DetailTab = 'overview' | 'debugger';
const DETAIL_TABS = [
  { id: 'overview' as const, label: 'Overview' },
  { id: 'debugger' as const, label: 'Debugger' }
];

/**
 * The job page: status, configuration, hyperparameters, channels, output, metrics, log, Stop, Clone;
 * a training job's Debugger tab beside it (rules, tensors).
 */
export function TrainingDetail({
  model,
  onClone,
  onTune,
  onStop,
  openFolder,
  deployable,
  onDeploy
}: ITrainingDetailProps): JSX.Element {
  const name = model.selectedName ?? '';
  const d = model.description;
  const status = model.selectedStatus;
  const secondary =
    (isTrainingDescription(d) ? d.SecondaryStatus : null) ??
    model.selectedJob?.secondary_status ??
    null;
  const failure = d?.FailureReason ?? model.selectedJob?.failure_reason ?? null;
  const training = model.selectedKind === 'training';
  const [tab, setTab] = React.useState<DetailTab>('overview');
  const showDebugger = training && tab === 'debugger';
  return (
    <section
      className="jp-smstudio-detail jp-smstudio-training-detail"
      data-testid="training-detail"
      aria-label={`Job ${name}`}
    >
      <PageHeader
        title={name}
        closeLabel="Close job page"
        onClose={() => model.select(null)}
        status={
          <span
            className="jp-smstudio-training-status"
            data-testid="training-status"
            data-status={status ?? ''}
          >
            {status && <StatusBadge status={status} />}
            {secondary && secondary !== status && (
              <span className="jp-smstudio-muted"> {secondary}</span>
            )}
          </span>
        }
        actions={
          <>
            {training && (
              <button
                type="button"
                className="jp-mod-styled"
                data-testid="training-clone"
                title="Open a new training job form with this job's configuration"
                disabled={!isTrainingDescription(d)}
                onClick={onClone}
              >
                Clone
              </button>
            )}
            {training && onTune && (
              <button
                type="button"
                className="jp-mod-styled"
                data-testid="training-tune"
                title="Start a tuning job whose training jobs run this script"
                disabled={!isTrainingDescription(d)}
                onClick={onTune}
              >
                Tune…
              </button>
            )}
            {training && onDeploy && (
              <button
                type="button"
                className="jp-mod-styled"
                data-testid="training-deploy"
                title={
                  typeof deployable === 'string'
                    ? deployable
                    : "Serve this job's model from a new endpoint (Endpoints room)"
                }
                disabled={typeof deployable === 'string'}
                onClick={onDeploy}
              >
                Deploy…
              </button>
            )}
            <button
              type="button"
              className="jp-mod-styled jp-mod-warn"
              data-testid="training-stop"
              disabled={status !== 'InProgress'}
              onClick={onStop}
            >
              Stop
            </button>
          </>
        }
      />
      {model.detailError && (
        <div className="jp-smstudio-error-banner" role="alert">
          {model.detailError}
        </div>
      )}
      {failure && (
        <div className="jp-smstudio-failure" data-testid="training-failure-reason">
          <strong>Failure reason:</strong> {failure}
        </div>
      )}
      {training && (
        <RoomTabs
          tabs={DETAIL_TABS}
          current={tab}
          onSelect={setTab}
          room="training-detail"
          label={`Job ${name}`}
        />
      )}
      {showDebugger ? (
        <div role="tabpanel" aria-label="Debugger">
          <DebuggerTab key={name} job={name} status={status} settings={model.api.settings} />
        </div>
      ) : (
        <div
          role={training ? 'tabpanel' : undefined}
          aria-label={training ? 'Overview' : undefined}
        >
          <TrainingLinks model={model} />
          {d && isTrainingDescription(d) && (
            <TrainingFacts d={d} model={model} openFolder={openFolder} />
          )}
          {d && !isTrainingDescription(d) && (
            <ProcessingFacts d={d} model={model} openFolder={openFolder} />
          )}
          {!d && !model.detailError && <div className="jp-smstudio-muted">Loading…</div>}
          <LogView
            log={model.log}
            complete={model.logComplete}
            error={model.logError}
            testId="training-log"
          />
        </div>
      )}
    </section>
  );
}
