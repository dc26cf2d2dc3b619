/**
 * The Debugger tab of a training job's page: the rules and their statuses (live), the tensor picker,
 * and the plots (a tensor over steps, its histogram at a step, losses, gradients per layer).
 */
import { Clipboard } from '@jupyterlab/apputils';
import { ServerConnection } from '@jupyterlab/services';
import { URLExt } from '@jupyterlab/coreutils';
import React from 'react';

import type { DebuggerTensors, TensorSummary } from '../core/generated/models';
import { DebuggerApi } from './api';
import { DebuggerModel } from './model';
import { GradientChart, HistogramChart, LossChart, StatisticsChart } from './Plots';
import { RuleList } from './RuleList';
import './debugger.css';

export interface IDebuggerTabProps {
  job: string;
  /** The job's status as the Training room knows it: a change reads everything again. */
  status: string | null;
  settings?: ServerConnection.ISettings;
  /** Milliseconds between reads while the job or a rule runs. */
  interval?: number;
}

function useModel(props: IDebuggerTabProps): DebuggerModel {
  const { job, settings, interval } = props;
  const model = React.useMemo(
    () => new DebuggerModel(new DebuggerApi(settings), job, interval),
    [job, settings, interval]
  );
  const [, redraw] = React.useReducer((n: number) => n + 1, 0);
  React.useEffect(() => {
    model.changed.connect(redraw);
    model.start();
    return () => model.dispose();
  }, [model]);
  // the Training room saw the job change (it stopped, it ended): read again at once, not at the next tick
  const seen = React.useRef(props.status);
  React.useEffect(() => {
    if (props.status !== seen.current) {
      seen.current = props.status;
      void model.refresh();
    }
  }, [model, props.status]);
  return model;
}

/** What to do for a job that saves no tensors. */
function HowToEnable(): JSX.Element {
  return (
    <div className="jp-smstudio-debugger-enable" data-testid="debugger-not-enabled">
      <p>
        This job saves no tensors: its estimator had neither a debugger hook config nor rules. Give
        the next job one of them, and a plain PyTorch, Keras or XGBoost script is hooked without a
        change:
      </p>
      <pre>
        {`from jupyter_smstudio.sdk.debugger import (
    CollectionConfig, DebuggerHookConfig, Rule, rule_configs)

estimator = PyTorch(
    entry_point="train.py", ...,
    debugger_hook_config=DebuggerHookConfig(collection_configs=[
        CollectionConfig("losses", parameters={"save_interval": "10"}),
        CollectionConfig("gradients", parameters={"save_interval": "10"})]),
    rules=[Rule.sagemaker(rule_configs.loss_not_decreasing()),
           Rule.sagemaker(rule_configs.vanishing_gradient())])`}
      </pre>
    </div>
  );
}

function CopyablePath(props: {
  label: string;
  path: string;
  testId: string;
  hint?: string;
}): JSX.Element {
  const [copied, setCopied] = React.useState(false);
  return (
    <div className="jp-smstudio-debugger-path">
      <span className="jp-smstudio-debugger-path-label">{props.label}</span>
      <button
        type="button"
        className="jp-mod-styled"
        aria-label={`Copy ${props.label.toLowerCase()} path`}
        onClick={() => {
          Clipboard.copyToSystem(props.path);
          setCopied(true);
        }}
      >
        {copied ? 'Copied' : 'Copy'}
      </button>
      <code data-testid={props.testId} title={props.path}>
        {props.path}
      </code>
      {props.hint && <div className="jp-smstudio-muted">{props.hint}</div>}
    </div>
  );
}

/** "Open in TensorBoard" when jupyter-server-proxy serves /tensorboard here; null otherwise. */
function useTensorBoardUrl(settings?: ServerConnection.ISettings): string | null {
  const [url, setUrl] = React.useState<string | null>(null);
  React.useEffect(() => {
    const s = settings ?? ServerConnection.makeSettings();
    let alive = true;
    ServerConnection.makeRequest(URLExt.join(s.baseUrl, 'server-proxy/servers-info'), {}, s)
      .then(async response => {
        if (!response.ok) {
          return;
        }
        const info = (await response.json()) as { server_processes?: { name?: string }[] };
        if (alive && (info.server_processes ?? []).some(p => p.name === 'tensorboard')) {
          setUrl(URLExt.join(s.baseUrl, 'tensorboard/'));
        }
      })
      .catch(() => undefined); // no jupyter-server-proxy: the path is shown instead
    return () => {
      alive = false;
    };
  }, [settings]);
  return url;
}

function TensorPicker(props: { model: DebuggerModel }): JSX.Element {
  const { model } = props;
  const tensors: DebuggerTensors | null = model.tensors;
  const [regex, setRegex] = React.useState(model.regex);
  const apply = (collection: string, text: string): void => model.setFilter(collection, text);
  const listed: ReadonlyArray<TensorSummary> = tensors?.Tensors ?? [];
  const summary = model.selectedSummary;
  return (
    <div className="jp-smstudio-debugger-picker" data-testid="debugger-picker">
      <div className="jp-smstudio-debugger-filters">
        <label className="jp-smstudio-inline-field">
          Collection
          <select
            className="jp-mod-styled"
            data-testid="debugger-collection"
            value={model.collection}
            onChange={e => apply(e.currentTarget.value, regex)}
          >
            <option value="">All</option>
            {(tensors?.Collections ?? []).map(c => (
              <option key={c.CollectionName} value={c.CollectionName}>
                {c.CollectionName} ({c.TensorCount})
              </option>
            ))}
          </select>
        </label>
        <label className="jp-smstudio-inline-field">
          Regex
          <input
            className="jp-mod-styled jp-smstudio-input"
            data-testid="debugger-regex"
            placeholder="e.g. fc1|relu"
            value={regex}
            onChange={e => setRegex(e.currentTarget.value)}
            onBlur={() => regex !== model.regex && apply(model.collection, regex)}
            onKeyDown={e => e.key === 'Enter' && apply(model.collection, regex)}
          />
        </label>
      </div>
      {model.filterError && (
        <div className="jp-smstudio-field-error" role="alert" data-testid="debugger-filter-error">
          {model.filterError}
        </div>
      )}
      {tensors?.Warning && (
        <div
          className="jp-smstudio-debugger-warning"
          role="status"
          data-testid="debugger-filter-warning"
        >
          {tensors.Warning}
        </div>
      )}
      {listed.length > 0 && (
        <label className="jp-smstudio-debugger-tensors">
          <span>Tensor ({listed.length})</span>
          <select
            size={Math.min(8, Math.max(3, listed.length))}
            data-testid="debugger-tensor"
            value={model.selected ?? ''}
            onChange={e => model.select(e.currentTarget.value)}
          >
            {listed.map(t => (
              <option key={t.TensorName} value={t.TensorName}>
                {t.TensorName}
                {t.NonFiniteStepCount ? ` — NaN/inf at ${t.NonFiniteStepCount} steps` : ''}
              </option>
            ))}
          </select>
        </label>
      )}
      {summary && <TensorFacts summary={summary} />}
    </div>
  );
}

function formatNumber(value: number | null | undefined): string {
  return typeof value === 'number' ? value.toPrecision(4) : 'NaN/inf';
}

function TensorFacts({ summary }: { summary: TensorSummary }): JSX.Element {
  const latest = summary.Latest ?? {};
  return (
    <dl
      className="jp-smstudio-facts jp-smstudio-debugger-facts"
      data-testid="debugger-tensor-facts"
    >
      <dt>Shape</dt>
      <dd>
        [{(summary.Shape ?? []).join(', ')}] {summary.DType}
      </dd>
      <dt>Collections</dt>
      <dd>{(summary.Collections ?? []).join(', ')}</dd>
      <dt>Steps saved</dt>
      <dd>
        {(summary.Modes ?? [])
          .map(m => `${m.Mode.toLowerCase()}: ${m.StepCount} (${m.FirstStep}–${m.LastStep})`)
          .join('; ')}
      </dd>
      <dt>Latest (step {summary.LatestStep})</dt>
      <dd>
        min {formatNumber(latest.min)}, max {formatNumber(latest.max)}, mean{' '}
        {formatNumber(latest.mean)}, std {formatNumber(latest.std)}
      </dd>
      <dt>NaN / inf</dt>
      <dd data-testid="debugger-nonfinite-count">
        {summary.NonFiniteStepCount ? `at ${summary.NonFiniteStepCount} steps` : 'none'}
      </dd>
    </dl>
  );
}

function HistogramStep(props: { model: DebuggerModel }): JSX.Element | null {
  const { model } = props;
  const steps = model.selectedSummary?.ValueSteps ?? [];
  if (!steps.length) {
    return null;
  }
  const fired = model.fired;
  return (
    <div className="jp-smstudio-debugger-filters">
      <label className="jp-smstudio-inline-field">
        Step
        <select
          className="jp-mod-styled"
          data-testid="debugger-histogram-step"
          value={model.histogramStep ?? ''}
          onChange={e =>
            model.setHistogramStep(
              e.currentTarget.value === '' ? null : Number(e.currentTarget.value)
            )
          }
        >
          <option value="">Latest</option>
          {steps.map(s => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      {fired.map(f => {
        // the saved step nearest to where the rule fired
        const near = steps.reduce((a, b) => (Math.abs(b - f.step) < Math.abs(a - f.step) ? b : a));
        return (
          <button
            key={f.name}
            type="button"
            className="jp-mod-styled"
            title={`Show the histogram at step ${near}, nearest to where ${f.name} fired (${f.step})`}
            onClick={() => model.setHistogramStep(near)}
          >
            Step {near}: {f.name} fired
          </button>
        );
      })}
    </div>
  );
}

export function DebuggerTab(props: IDebuggerTabProps): JSX.Element {
  const model = useModel(props);
  const tensorBoard = useTensorBoardUrl(props.settings);
  const rules = model.rules;
  const fired = model.fired;
  return (
    <div className="jp-smstudio-debugger" data-testid="debugger-tab" data-live={model.live}>
      {model.error && (
        <div className="jp-smstudio-error-banner" role="alert">
          {model.error}
        </div>
      )}
      {!rules && !model.error && <div className="jp-smstudio-muted">Loading…</div>}
      {rules && (
        <section aria-label="Rules">
          <h4>Rules</h4>
          <RuleList rules={rules.RuleEvaluations ?? []} />
        </section>
      )}
      {rules && !model.hasDebugger && <HowToEnable />}
      {rules && model.hasDebugger && (
        <>
          <section aria-label="Where the tensors are" className="jp-smstudio-debugger-paths">
            {rules.DebuggerOutputPath && (
              <CopyablePath
                label="Tensors"
                path={rules.DebuggerOutputPath}
                testId="debugger-output-path"
                hint="read them in a notebook with smdebug.trials.create_trial(path)"
              />
            )}
            {rules.TensorBoardOutputPath &&
              (tensorBoard ? (
                <a
                  className="jp-smstudio-link"
                  href={tensorBoard}
                  target="_blank"
                  rel="noreferrer"
                  data-testid="debugger-tensorboard"
                >
                  Open in TensorBoard
                </a>
              ) : (
                <CopyablePath
                  label="TensorBoard"
                  path={rules.TensorBoardOutputPath}
                  testId="debugger-tensorboard-path"
                  hint="tensorboard --logdir <this path>"
                />
              ))}
          </section>
          <section aria-label="Tensors" className="jp-smstudio-debugger-grid">
            <TensorPicker model={model} />
            <StatisticsChart stats={model.statistics} tensor={model.selected} fired={fired} />
            <HistogramChart
              histogram={model.histogram}
              tensor={model.selected}
              error={model.histogramError}
            >
              <HistogramStep model={model} />
            </HistogramChart>
            <LossChart losses={model.losses} fired={fired} />
          </section>
          <GradientChart gradients={model.gradients} fired={fired} />
        </>
      )}
    </div>
  );
}
