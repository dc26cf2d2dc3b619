/**
 * The suggested constraints of a baseline, editable before schedules use them: per feature the
 * completeness threshold and "non-negative", and the drift comparison's threshold and method.
 * Save writes the whole constraints.json back (the server checks it; its refusal is shown).
 */
import { HTMLSelect } from '@jupyterlab/ui-components';
import React from 'react';

import type { Baselines } from './baselines';
import { COMPARISON_METHODS, COMPARISON_OPERATORS } from './constraints';
import type { FeatureBaseline } from './types';

/** A data quality file's constraints: per feature, and the drift comparison's. */
function DataConstraints(props: {
  baselines: Baselines;
  features: ReadonlyArray<FeatureBaseline>;
}): JSX.Element {
  const { baselines } = props;
  const { edits, problem } = baselines;
  const invalid = (field: string) => problem?.field === field;
  const domains = new Map(props.features.map(f => [f.Name, f.Domains ?? null]));
  return (
    <>
      <div className="jp-smstudio-table-wrapper jp-smstudio-monitor-scroll">
        <table className="jp-smstudio-table jp-smstudio-monitor-table">
          <thead>
            <tr>
              <th scope="col">Feature</th>
              <th scope="col" title="The share of records that must have a value (0 to 1)">
                Completeness ≥
              </th>
              <th scope="col">Non-negative</th>
              <th scope="col">Categories</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(edits.features).map(([name, edit]) => {
              const values = domains.get(name);
              return (
                <tr key={name} data-constraint={name}>
                  <th scope="row" className="jp-smstudio-monitor-feature" title={name}>
                    {name}
                  </th>
                  <td>
                    <input
                      className="jp-mod-styled jp-smstudio-monitor-input"
                      type="number"
                      step="any"
                      min={0}
                      max={1}
                      aria-label={`Completeness threshold of ${name}`}
                      aria-invalid={invalid(`${name}.completeness`)}
                      data-testid="constraint-completeness"
                      value={edit.completeness}
                      onChange={e => baselines.setFeature(name, { completeness: e.target.value })}
                    />
                  </td>
                  <td>
                    {edit.nonNegative === null ? (
                      <span className="jp-smstudio-muted">—</span>
                    ) : (
                      <input
                        type="checkbox"
                        aria-label={`${name} is non-negative`}
                        data-testid="constraint-non-negative"
                        checked={edit.nonNegative}
                        onChange={e =>
                          baselines.setFeature(name, { nonNegative: e.target.checked })
                        }
                      />
                    )}
                  </td>
                  <td
                    className="jp-smstudio-monitor-domains"
                    title={values ? values.join(', ') : undefined}
                  >
                    {values?.length ? values.join(', ') : '—'}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="jp-smstudio-monitor-comparison">
        <label className="jp-smstudio-inline-field">
          Drift threshold
          <input
            className="jp-mod-styled jp-smstudio-monitor-input"
            type="number"
            step="any"
            min={0}
            name="threshold"
            aria-invalid={invalid('threshold')}
            data-testid="constraint-threshold"
            value={edits.threshold}
            onChange={e => baselines.setComparison({ threshold: e.target.value })}
          />
        </label>
        <label className="jp-smstudio-inline-field">
          Comparison
          <HTMLSelect
            data-testid="constraint-method"
            value={edits.method}
            onChange={e => baselines.setComparison({ method: e.target.value })}
            options={COMPARISON_METHODS.map(m => ({ value: m, label: m }))}
          />
        </label>
      </div>
    </>
  );
}

/** A model quality file's constraints: per metric, its threshold and which side is a violation. */
function QualityConstraints({ baselines }: { baselines: Baselines }): JSX.Element {
  const { edits, problem } = baselines;
  return (
    <div className="jp-smstudio-table-wrapper jp-smstudio-monitor-scroll">
      <table
        className="jp-smstudio-table jp-smstudio-monitor-table"
        data-testid="quality-constraints"
      >
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th
              scope="col"
              title="A window whose metric compares so with the threshold is a violation"
            >
              Violation when
            </th>
            <th scope="col">Threshold</th>
          </tr>
        </thead>
        <tbody>
          {edits.quality.map(q => (
            <tr key={q.metric} data-metric={q.metric}>
              <th scope="row" className="jp-smstudio-monitor-feature" title={q.metric}>
                {q.metric}
              </th>
              <td>
                <HTMLSelect
                  aria-label={`Comparison of ${q.metric}`}
                  value={q.operator}
                  onChange={e => baselines.setQuality(q.metric, { operator: e.target.value })}
                  options={COMPARISON_OPERATORS.map(o => ({ value: o, label: o }))}
                />
              </td>
              <td>
                <input
                  className="jp-mod-styled jp-smstudio-monitor-input"
                  type="number"
                  step="any"
                  aria-label={`Threshold of ${q.metric}`}
                  aria-invalid={problem?.field === `${q.metric}.threshold`}
                  data-testid="quality-threshold"
                  value={q.threshold}
                  onChange={e => baselines.setQuality(q.metric, { threshold: e.target.value })}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ConstraintsEditor(props: {
  baselines: Baselines;
  features: ReadonlyArray<FeatureBaseline>;
}): JSX.Element {
  const { baselines } = props;
  const { edits, problem } = baselines;
  return (
    <form
      className="jp-smstudio-monitor-constraints"
      data-testid="constraints-editor"
      noValidate
      onSubmit={e => {
        e.preventDefault();
        void baselines.save();
      }}
    >
      <h4>Suggested constraints</h4>
      {edits.kind === 'data' ? (
        <DataConstraints baselines={baselines} features={props.features} />
      ) : (
        <QualityConstraints baselines={baselines} />
      )}
      {problem && (
        <div className="jp-smstudio-error-banner" role="alert" data-testid="constraints-error">
          {problem.message}
        </div>
      )}
      {baselines.saved && !baselines.dirty && (
        <div className="jp-smstudio-muted" role="status" data-testid="constraints-saved">
          Saved: schedules that use this baseline check the edited constraints.
        </div>
      )}
      <div className="jp-smstudio-monitor-buttons">
        <button
          type="button"
          className="jp-mod-styled"
          disabled={!baselines.dirty || baselines.saving}
          onClick={() => baselines.reset()}
        >
          Reset
        </button>
        <button
          type="submit"
          className="jp-mod-styled jp-mod-accept"
          data-testid="constraints-save"
          disabled={!baselines.dirty || baselines.saving}
        >
          {baselines.saving ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}
