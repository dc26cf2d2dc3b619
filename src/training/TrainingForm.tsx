import { HTMLSelect } from '@jupyterlab/ui-components';
import React, { useState } from 'react';

import { EXPERIMENT_HELP } from '../core/experimentConfig';
import { useFieldForm } from '../core/fieldForm';
import type { DescribeTrainingJob, TrainingJobRequest } from '../core/generated/models';
import { FormActions } from '../core/FormActions';
import {
  buildTrainingJobRequest,
  FieldError,
  FormTarget,
  formTargetFor,
  FRAMEWORKS,
  Framework,
  IRow,
  ITrainingFormValues,
  newRow,
  RowList,
  SimpleField
} from './form';

export interface ITrainingFormProps {
  initial: ITrainingFormValues;
  /** "Clone of <job>" when prefilled from a job. */
  title?: string;
  submit: (request: TrainingJobRequest) => Promise<DescribeTrainingJob>;
  onSubmitted?: (job: DescribeTrainingJob) => void;
  onCancel?: () => void;
  /**
   * Ask the user for a file or folder (JupyterLab's file dialog): its path relative to the
   * Jupyter root, or null when the dialog was cancelled. Absent without a file dialog.
   */
  pickPath?: (want: 'file' | 'folder') => Promise<string | null>;
}

function FieldErrorText({
  target,
  text
}: {
  target: string;
  text: string | undefined;
}): JSX.Element | null {
  if (!text) {
    return null;
  }
  return (
    <span
      className="jp-smstudio-field-error"
      role="alert"
      data-testid="training-field-error"
      data-field={target}
    >
      {text}
    </span>
  );
}

interface IRowsSpec {
  list: RowList;
  legend: string;
  keyLabel: string;
  valueLabel: string;
  keyPlaceholder: string;
  valuePlaceholder: string;
  help: string;
  testId: string;
  addLabel: string;
}

const ROWS: IRowsSpec[] = [
  {
    list: 'hyperparameters',
    legend: 'Hyperparameters',
    keyLabel: 'Name',
    valueLabel: 'Value',
    keyPlaceholder: 'epochs',
    valuePlaceholder: '8',
    help: 'Numeric values are sent as numbers; passed to the script as --name value.',
    testId: 'training-hp-row',
    addLabel: 'Add hyperparameter'
  },
  {
    list: 'channels',
    legend: 'Input channels',
    keyLabel: 'Channel',
    valueLabel: 'URL or path',
    keyPlaceholder: 'train',
    valuePlaceholder: 'data/train or file:///… or s3://bucket/prefix',
    help: 'Each channel is mounted at /opt/ml/input/data/<channel> (SM_CHANNEL_<CHANNEL>).',
    testId: 'training-channel-row',
    addLabel: 'Add channel'
  },
  {
    list: 'metrics',
    legend: 'Metric definitions',
    keyLabel: 'Name',
    valueLabel: 'Regex',
    keyPlaceholder: 'loss',
    valuePlaceholder: 'loss=([0-9\\.]+)',
    help: 'Log lines matching the regex record the first group as the metric.',
    testId: 'training-metric-row',
    addLabel: 'Add metric'
  }
];

/** The "New training job" form; client-side and server (400) errors show beside their field or row. */
export function TrainingForm(props: ITrainingFormProps): JSX.Element {
  const { initial, title, submit, onSubmitted, onCancel, pickPath } = props;
  const [values, setValues] = useState<ITrainingFormValues>(initial);
  const { errors, setErrors, formError, busy, send } = useFieldForm({
    build: buildTrainingJobRequest,
    isFieldError: (e: unknown): e is FieldError => e instanceof FieldError,
    targetFor: formTargetFor,
    submit,
    onSubmitted: job => {
      setValues(v => ({ ...v, job_name: '' }));
      onSubmitted?.(job);
    }
  });

  const set = <K extends keyof ITrainingFormValues>(key: K, value: ITrainingFormValues[K]) =>
    setValues(v => ({ ...v, [key]: value }));

  const setRow = (list: RowList, id: number, patch: Partial<IRow>) =>
    setValues(v => ({ ...v, [list]: v[list].map(r => (r.id === id ? { ...r, ...patch } : r)) }));

  const removeRow = (list: RowList, id: number) =>
    setValues(v => {
      const rows = v[list].filter(r => r.id !== id);
      return { ...v, [list]: rows.length ? rows : [newRow()] };
    });

  const pick = async (field: 'entry_point' | 'source_dir') => {
    const path = await pickPath?.(field === 'entry_point' ? 'file' : 'folder');
    if (path === null || path === undefined) {
      return; // cancelled
    }
    let value = path;
    // An entry point picked inside the source dir is relative to it.
    if (field === 'entry_point' && values.source_dir.trim()) {
      const base = values.source_dir.trim().replace(/\/+$/, '');
      if (path.startsWith(`${base}/`)) {
        value = path.slice(base.length + 1);
      }
    }
    setErrors(e => ({ ...e, [field]: undefined }));
    set(field, value);
  };

  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault();
    void send(values);
  };

  const input = (
    field: Exclude<SimpleField, 'framework'>,
    label: string,
    help: string,
    extra: React.InputHTMLAttributes<HTMLInputElement> = {},
    picker?: boolean
  ) => {
    const id = `smstudio-training-${field}`;
    const error = errors[field];
    return (
      <div className="jp-smstudio-field" key={field}>
        <label htmlFor={id}>{label}</label>
        <div className="jp-smstudio-input-row">
          <input
            id={id}
            name={field}
            className="jp-mod-styled jp-smstudio-input"
            value={values[field]}
            aria-invalid={!!error}
            aria-describedby={`${id}-help`}
            onChange={e => set(field, e.target.value)}
            {...extra}
          />
          {picker && pickPath && (
            <button
              type="button"
              className="jp-mod-styled"
              data-testid={`training-pick-${field}`}
              title={`Choose the ${field === 'entry_point' ? 'script' : 'folder'} in a file dialog`}
              onClick={() => void pick(field as 'entry_point' | 'source_dir')}
            >
              Browse…
            </button>
          )}
        </div>
        <span className="jp-smstudio-help" id={`${id}-help`}>
          {help}
        </span>
        <FieldErrorText target={field} text={error} />
      </div>
    );
  };

  return (
    <form
      className="jp-smstudio-form jp-smstudio-training-form"
      data-testid="training-form"
      onSubmit={onSubmit}
      noValidate
      aria-label="New training job"
    >
      <h3>{title ?? 'New training job'}</h3>
      {input(
        'entry_point',
        'Entry point',
        'The training script: relative to the source dir when one is given, else to the Jupyter root.',
        { placeholder: 'train.py' },
        true
      )}
      {input(
        'source_dir',
        'Source dir (optional)',
        'A folder, relative to the Jupyter root, packed with the script.',
        { placeholder: 'my-project' },
        true
      )}
      <div className="jp-smstudio-form-grid">
        <div className="jp-smstudio-field">
          <label htmlFor="smstudio-training-framework">Framework</label>
          <HTMLSelect
            id="smstudio-training-framework"
            name="framework"
            aria-describedby="smstudio-training-framework-help"
            value={values.framework}
            onChange={e => set('framework', e.target.value as Framework)}
            options={[{ value: '', label: 'none' }, ...FRAMEWORKS]}
          />
          <span className="jp-smstudio-help" id="smstudio-training-framework-help">
            Sets SageMaker's framework variables.
          </span>
          <FieldErrorText target="framework" text={errors.framework} />
        </div>
        {input('instance_type', 'Instance type', "'local' or ml.<family>.<size>", {
          placeholder: 'local'
        })}
        {input('instance_count', 'Instance count', '1 to 16 hosts', {
          type: 'number',
          min: 1,
          max: 16
        })}
        {input('max_run', 'Max run (seconds)', 'Empty: 1 day', {
          type: 'number',
          min: 1,
          placeholder: '86400'
        })}
      </div>
      {ROWS.map(spec => (
        <fieldset
          className="jp-smstudio-rows"
          key={spec.list}
          data-testid={`training-${spec.list}`}
        >
          <legend>{spec.legend}</legend>
          <span className="jp-smstudio-help">{spec.help}</span>
          {values[spec.list].map((row, index) => {
            const target = `${spec.list}.${row.id}` as FormTarget;
            const error = errors[target];
            return (
              <div
                className="jp-smstudio-row"
                key={row.id}
                data-testid={spec.testId}
                data-row-field={target}
              >
                <div className="jp-smstudio-row-inputs">
                  <input
                    className="jp-mod-styled jp-smstudio-input"
                    name={`${spec.list}.${index}.key`}
                    aria-label={`${spec.legend} ${index + 1}: ${spec.keyLabel}`}
                    placeholder={spec.keyPlaceholder}
                    value={row.key}
                    aria-invalid={!!error}
                    onChange={e => setRow(spec.list, row.id, { key: e.target.value })}
                  />
                  <input
                    className="jp-mod-styled jp-smstudio-input"
                    name={`${spec.list}.${index}.value`}
                    aria-label={`${spec.legend} ${index + 1}: ${spec.valueLabel}`}
                    placeholder={spec.valuePlaceholder}
                    value={row.value}
                    aria-invalid={!!error}
                    onChange={e => setRow(spec.list, row.id, { value: e.target.value })}
                  />
                  <button
                    type="button"
                    className="jp-smstudio-icon-button"
                    aria-label={`Remove ${spec.legend.toLowerCase()} row ${index + 1}`}
                    title="Remove row"
                    onClick={() => removeRow(spec.list, row.id)}
                  >
                    ×
                  </button>
                </div>
                <FieldErrorText target={target} text={error} />
              </div>
            );
          })}
          <button
            type="button"
            className="jp-mod-styled"
            data-testid={`training-add-${spec.list}`}
            onClick={() => set(spec.list, [...values[spec.list], newRow()])}
          >
            {spec.addLabel}
          </button>
        </fieldset>
      ))}
      <div className="jp-smstudio-form-grid">
        {input('experiment_name', 'Experiment (optional)', EXPERIMENT_HELP.experiment_name, {
          placeholder: 'my-experiment'
        })}
        {input('trial_name', 'Trial (optional)', EXPERIMENT_HELP.trial_name, {
          placeholder: 'my-trial'
        })}
      </div>
      {input(
        'job_name',
        'Job name (optional)',
        'Letters, digits and hyphens; generated when empty.',
        {
          placeholder: 'my-training-1'
        }
      )}
      <FormActions
        error={formError}
        errorTestId="training-form-error"
        submitTestId="training-submit"
        busy={busy}
        label="Start training job"
        onCancel={onCancel}
      />
    </form>
  );
}
