import { HTMLSelect } from '@jupyterlab/ui-components';
import React, { useState } from 'react';

import { useFieldForm } from '../core/fieldForm';
import type { TuningJob, TuningJobRequest } from '../core/generated/models';
import { FormActions } from '../core/FormActions';
import {
  buildTuningJobRequest,
  emptyTuningForm,
  inferObjective,
  IRangeRow,
  ITuningFormValues,
  newRange,
  ObjectiveType,
  RangeKind,
  Scaling,
  SCALINGS,
  staticEntries,
  STRATEGIES,
  suggestRange,
  TuningFieldError,
  tuningTargetFor,
  withMetricName,
  withoutStatic
} from './form';

type TextField = Exclude<
  keyof ITuningFormValues,
  'ranges' | 'early_stopping' | 'objective_type' | 'objective_auto' | 'strategy'
>;

export interface ITuningFormProps {
  /** Prefilled values (from a training job), or the empty form. */
  initial?: ITuningFormValues;
  submit: (request: TuningJobRequest) => Promise<TuningJob>;
  onSubmitted?: (job: TuningJob) => void;
  onCancel?: () => void;
}

function ErrorText({ target, text }: { target: string; text: string | undefined }) {
  return text ? (
    <span
      className="jp-smstudio-field-error"
      role="alert"
      data-testid="tuning-field-error"
      data-field={target}
    >
      {text}
    </span>
  ) : null;
}

/** Where the objective's direction comes from, beside its select. */
function objectiveHelp(values: ITuningFormValues): string {
  if (!values.objective_auto) {
    return 'Chosen by you.';
  }
  const inferred = inferObjective(values.metric_name);
  return inferred
    ? `${inferred.type}: inferred from “${inferred.word}” in the metric's name.`
    : 'Maximize unless the metric is a loss or an error: pick the direction.';
}

/** "New tuning job": the training script, the objective, the ranges to search and the budget. */
export function TuningForm({ initial, submit, onSubmitted, onCancel }: ITuningFormProps) {
  const [values, setValues] = useState<ITuningFormValues>(initial ?? emptyTuningForm);
  const { errors, formError, busy, send } = useFieldForm({
    build: buildTuningJobRequest,
    isFieldError: (e: unknown): e is TuningFieldError => e instanceof TuningFieldError,
    targetFor: tuningTargetFor,
    submit,
    onSubmitted
  });

  const set = <K extends keyof ITuningFormValues>(key: K, value: ITuningFormValues[K]) =>
    setValues(v => ({ ...v, [key]: value }));
  const setRange = (id: number, patch: Partial<IRangeRow>) =>
    setValues(v => ({ ...v, ranges: v.ranges.map(r => (r.id === id ? { ...r, ...patch } : r)) }));
  /** Tune a static hyperparameter: a range around its value replaces it (and a blank row). */
  const tune = (name: string, value: string) =>
    setValues(v => ({
      ...v,
      static_hyperparameters: withoutStatic(v.static_hyperparameters, name),
      ranges: [...v.ranges.filter(r => r.name.trim()), suggestRange(name, value)]
    }));

  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault();
    void send(values);
  };

  const input = (
    field: TextField,
    label: string,
    extra: React.InputHTMLAttributes<HTMLInputElement> = {},
    help?: string
  ) => (
    <div className="jp-smstudio-field" key={field}>
      <label htmlFor={`smstudio-tuning-${field}`}>{label}</label>
      <input
        id={`smstudio-tuning-${field}`}
        name={field}
        className="jp-mod-styled jp-smstudio-input"
        value={values[field]}
        aria-invalid={!!errors[field]}
        onChange={e =>
          field === 'metric_name'
            ? setValues(v => withMetricName(v, e.target.value))
            : set(field, e.target.value)
        }
        {...extra}
      />
      {help && <span className="jp-smstudio-help">{help}</span>}
      <ErrorText target={field} text={errors[field]} />
    </div>
  );

  const ranged = new Set(values.ranges.map(r => r.name.trim()));
  const candidates = staticEntries(values.static_hyperparameters).filter(([k]) => !ranged.has(k));

  return (
    <form
      className="jp-smstudio-form jp-smstudio-tuning-form"
      data-testid="tuning-form"
      onSubmit={onSubmit}
      noValidate
      aria-label="New tuning job"
    >
      <h3>New tuning job</h3>
      <div className="jp-smstudio-form-grid">
        {input('entry_point', 'Entry point', { placeholder: 'train.py' })}
        {input('source_dir', 'Source dir (optional)', { placeholder: 'my-project' })}
      </div>
      {input(
        'static_hyperparameters',
        'Static hyperparameters',
        { placeholder: 'epochs=10, batch=32' },
        'The same for every training job. Tune one below: it moves into the ranges.'
      )}
      <div className="jp-smstudio-form-grid">
        {input('metric_name', 'Objective metric', { placeholder: 'validation:accuracy' })}
        {input('metric_regex', 'Metric regex', { placeholder: 'accuracy=([0-9.]+)' })}
        <div className="jp-smstudio-field">
          <label htmlFor="smstudio-tuning-objective_type">Objective</label>
          <HTMLSelect
            id="smstudio-tuning-objective_type"
            name="objective_type"
            value={values.objective_type}
            aria-describedby="smstudio-tuning-objective-help"
            onChange={e =>
              setValues(v => ({
                ...v,
                objective_type: e.target.value as ObjectiveType,
                objective_auto: false
              }))
            }
            options={['Maximize', 'Minimize']}
          />
          <span
            className="jp-smstudio-help"
            id="smstudio-tuning-objective-help"
            data-testid="tuning-objective-help"
          >
            {objectiveHelp(values)}
          </span>
          <ErrorText target="objective_type" text={errors.objective_type} />
        </div>
      </div>
      <fieldset className="jp-smstudio-rows" data-testid="tuning-ranges">
        <legend>Hyperparameter ranges</legend>
        {candidates.length > 0 && (
          <div className="jp-smstudio-candidates" data-testid="tuning-candidates">
            <span className="jp-smstudio-help">Tune:</span>
            {candidates.map(([name, value]) => (
              <button
                key={name}
                type="button"
                className="jp-mod-styled jp-smstudio-chip"
                data-testid="tuning-candidate"
                data-name={name}
                title={`Search a range around ${name}=${value} instead of sending it as is`}
                onClick={() => tune(name, value)}
              >
                {name}={value}
              </button>
            ))}
          </div>
        )}
        <div className="jp-smstudio-range-grid jp-smstudio-range-captions" aria-hidden="true">
          <span>Hyperparameter</span>
          <span>Kind</span>
          <span>Min</span>
          <span>Max</span>
          <span>Scaling</span>
        </div>
        {values.ranges.map((row, index) => (
          <div className="jp-smstudio-row" key={row.id} data-testid="tuning-range-row">
            <div className="jp-smstudio-range-grid">
              <input
                className="jp-mod-styled jp-smstudio-input"
                name={`ranges.${index}.name`}
                aria-label={`Range ${index + 1}: name`}
                placeholder="learning_rate"
                value={row.name}
                aria-invalid={!!errors[`ranges.${row.id}`]}
                onChange={e => setRange(row.id, { name: e.target.value })}
              />
              <HTMLSelect
                name={`ranges.${index}.kind`}
                aria-label={`Range ${index + 1}: kind`}
                value={row.kind}
                onChange={e => setRange(row.id, { kind: e.target.value as RangeKind })}
                options={['continuous', 'integer', 'categorical']}
              />
              {row.kind === 'categorical' ? (
                <input
                  className="jp-mod-styled jp-smstudio-input jp-smstudio-range-values"
                  name={`ranges.${index}.values`}
                  aria-label={`Range ${index + 1}: values`}
                  placeholder="adam, sgd"
                  value={row.values}
                  onChange={e => setRange(row.id, { values: e.target.value })}
                />
              ) : (
                <>
                  <input
                    className="jp-mod-styled jp-smstudio-input"
                    name={`ranges.${index}.min`}
                    aria-label={`Range ${index + 1}: min`}
                    placeholder="min"
                    value={row.min}
                    onChange={e => setRange(row.id, { min: e.target.value })}
                  />
                  <input
                    className="jp-mod-styled jp-smstudio-input"
                    name={`ranges.${index}.max`}
                    aria-label={`Range ${index + 1}: max`}
                    placeholder="max"
                    value={row.max}
                    onChange={e => setRange(row.id, { max: e.target.value })}
                  />
                  <HTMLSelect
                    name={`ranges.${index}.scaling`}
                    aria-label={`Range ${index + 1}: scaling`}
                    value={row.scaling}
                    onChange={e => setRange(row.id, { scaling: e.target.value as Scaling })}
                    options={SCALINGS.filter(
                      s => row.kind === 'continuous' || s !== 'ReverseLogarithmic'
                    )}
                  />
                </>
              )}
              <button
                type="button"
                className="jp-smstudio-icon-button"
                aria-label={`Remove range ${index + 1}`}
                title="Remove range"
                onClick={() =>
                  set(
                    'ranges',
                    values.ranges.length > 1
                      ? values.ranges.filter(r => r.id !== row.id)
                      : [newRange()]
                  )
                }
              >
                ×
              </button>
            </div>
            <ErrorText target={`ranges.${row.id}`} text={errors[`ranges.${row.id}`]} />
          </div>
        ))}
        <ErrorText target="ranges" text={errors.ranges} />
        <button
          type="button"
          className="jp-mod-styled"
          data-testid="tuning-add-range"
          onClick={() => set('ranges', [...values.ranges, newRange()])}
        >
          Add range
        </button>
      </fieldset>
      <div className="jp-smstudio-form-grid">
        <div className="jp-smstudio-field">
          <label htmlFor="smstudio-tuning-strategy">Strategy</label>
          <HTMLSelect
            id="smstudio-tuning-strategy"
            name="strategy"
            value={values.strategy}
            onChange={e => set('strategy', e.target.value as ITuningFormValues['strategy'])}
            options={[...STRATEGIES]}
          />
          <ErrorText target="strategy" text={errors.strategy} />
        </div>
        {input('max_jobs', 'Training jobs', { type: 'number', min: 1, max: 500 })}
        {input('max_parallel_jobs', 'At a time', { type: 'number', min: 1, max: 100 })}
        {input('tuning_job_name', 'Name (optional)', { placeholder: 'my-tuning-1' })}
      </div>
      <label className="jp-smstudio-check">
        <input
          type="checkbox"
          name="early_stopping"
          checked={values.early_stopping}
          onChange={e => set('early_stopping', e.target.checked)}
        />
        Stop poor training jobs early (median rule)
      </label>
      <ErrorText target="early_stopping" text={errors.early_stopping} />
      <FormActions
        error={formError}
        errorTestId="tuning-form-error"
        submitTestId="tuning-submit"
        busy={busy}
        label="Start tuning job"
        onCancel={onCancel}
      />
    </form>
  );
}
