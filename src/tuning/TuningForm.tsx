import React, { useState } from 'react';

import { useFieldForm } from '../core/fieldForm';
import type { TuningJob, TuningJobRequest } from '../core/generated/models';
import { FormActions } from '../core/FormActions';
import {
  buildTuningJobRequest,
  emptyTuningForm,
  IRangeRow,
  ITuningFormValues,
  newRange,
  RangeKind,
  Scaling,
  SCALINGS,
  STRATEGIES,
  TuningFieldError,
  tuningTargetFor
} from './form';

type TextField = Exclude<keyof ITuningFormValues, 'ranges' | 'early_stopping'>;

export interface ITuningFormProps {
  /** Prefilled values (from a training job), or the empty form. */
  initial?: ITuningFormValues;
  submit: (request: TuningJobRequest) => Promise<TuningJob>;
  onSubmitted?: (job: TuningJob) => void;
  onCancel?: () => void;
}

function ErrorText({
  target,
  text
}: {
  target: string;
  text: string | undefined;
}): JSX.Element | null {
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

/** "New tuning job": the training script, the objective, the ranges to search and the budget. */
export function TuningForm({
  initial,
  submit,
  onSubmitted,
  onCancel
}: ITuningFormProps): JSX.Element {
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

  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault();
    void send(values);
  };

  const input = (
    field: TextField,
    label: string,
    extra: React.InputHTMLAttributes<HTMLInputElement> = {}
  ) => (
    <div className="jp-smstudio-field" key={field}>
      <label htmlFor={`smstudio-tuning-${field}`}>{label}</label>
      <input
        id={`smstudio-tuning-${field}`}
        name={field}
        className="jp-mod-styled jp-smstudio-input"
        value={values[field]}
        aria-invalid={!!errors[field]}
        onChange={e => set(field, e.target.value)}
        {...extra}
      />
      <ErrorText target={field} text={errors[field]} />
    </div>
  );

  const select = (
    field: 'strategy' | 'objective_type',
    label: string,
    options: readonly string[]
  ) => (
    <div className="jp-smstudio-field" key={field}>
      <label htmlFor={`smstudio-tuning-${field}`}>{label}</label>
      <select
        id={`smstudio-tuning-${field}`}
        name={field}
        className="jp-mod-styled"
        value={values[field]}
        onChange={e => set(field, e.target.value as ITuningFormValues[typeof field])}
      >
        {options.map(o => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
      <ErrorText target={field} text={errors[field]} />
    </div>
  );

  return (
    <form
      className="jp-smstudio-form jp-smstudio-tuning-form"
      data-testid="tuning-form"
      onSubmit={onSubmit}
      noValidate
      aria-label="New tuning job"
    >
      <h3>New tuning job</h3>
      <div className="jp-smstudio-tuning-grid">
        {input('entry_point', 'Entry point', { placeholder: 'train.py' })}
        {input('source_dir', 'Source dir (optional)', { placeholder: 'my-project' })}
        {input('static_hyperparameters', 'Static hyperparameters', {
          placeholder: 'epochs=10, batch=32'
        })}
        {input('metric_name', 'Objective metric', { placeholder: 'validation:accuracy' })}
        {input('metric_regex', 'Metric regex', { placeholder: 'accuracy=([0-9.]+)' })}
        {select('objective_type', 'Objective', ['Maximize', 'Minimize'])}
      </div>
      <fieldset className="jp-smstudio-rows" data-testid="tuning-ranges">
        <legend>Hyperparameter ranges</legend>
        {values.ranges.map((row, index) => (
          <div className="jp-smstudio-row" key={row.id} data-testid="tuning-range-row">
            <div className="jp-smstudio-row-inputs">
              <input
                className="jp-mod-styled jp-smstudio-input"
                name={`ranges.${index}.name`}
                aria-label={`Range ${index + 1}: name`}
                placeholder="learning_rate"
                value={row.name}
                aria-invalid={!!errors[`ranges.${row.id}`]}
                onChange={e => setRange(row.id, { name: e.target.value })}
              />
              <select
                className="jp-mod-styled"
                name={`ranges.${index}.kind`}
                aria-label={`Range ${index + 1}: kind`}
                value={row.kind}
                onChange={e => setRange(row.id, { kind: e.target.value as RangeKind })}
              >
                <option value="continuous">continuous</option>
                <option value="integer">integer</option>
                <option value="categorical">categorical</option>
              </select>
              {row.kind === 'categorical' ? (
                <input
                  className="jp-mod-styled jp-smstudio-input"
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
                  <select
                    className="jp-mod-styled"
                    name={`ranges.${index}.scaling`}
                    aria-label={`Range ${index + 1}: scaling`}
                    value={row.scaling}
                    onChange={e => setRange(row.id, { scaling: e.target.value as Scaling })}
                  >
                    {SCALINGS.filter(
                      s => row.kind === 'continuous' || s !== 'ReverseLogarithmic'
                    ).map(s => (
                      <option key={s} value={s}>
                        {s}
                      </option>
                    ))}
                  </select>
                </>
              )}
              <button
                type="button"
                className="jp-smstudio-icon-button"
                aria-label={`Remove range ${index + 1}`}
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
      <div className="jp-smstudio-tuning-grid">
        {select('strategy', 'Strategy', STRATEGIES)}
        {input('max_jobs', 'Training jobs', { type: 'number', min: 1, max: 500 })}
        {input('max_parallel_jobs', 'At a time', { type: 'number', min: 1, max: 100 })}
        <div className="jp-smstudio-field">
          <label>
            <input
              type="checkbox"
              name="early_stopping"
              checked={values.early_stopping}
              onChange={e => set('early_stopping', e.target.checked)}
            />{' '}
            Stop poor jobs early (median rule)
          </label>
          <ErrorText target="early_stopping" text={errors.early_stopping} />
        </div>
        {input('tuning_job_name', 'Name (optional)', { placeholder: 'my-tuning-1' })}
      </div>
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
