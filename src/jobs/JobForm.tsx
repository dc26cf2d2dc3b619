import React, { useState } from 'react';

import { EXPERIMENT_HELP } from '../core/experimentConfig';
import { useFieldForm } from '../core/fieldForm';
import type { Job, ScriptJobRequest } from '../core/generated/models';
import { FormActions } from '../core/FormActions';
import { buildScriptJobRequest, FieldError, formFieldFor, IJobFormValues } from './parse';

export interface IJobFormProps {
  /** The values the form starts from (empty, or a job's to clone). */
  initial: IJobFormValues;
  /** "Clone of <job>" when prefilled from a job. */
  title?: string;
  submit: (request: ScriptJobRequest) => Promise<Job>;
  onSubmitted?: (job: Job) => void;
  onCancel?: () => void;
}

type Field = keyof IJobFormValues;

interface IFieldSpec {
  name: Field;
  label: string;
  help: string;
  multiline?: boolean;
  placeholder?: string;
  type?: string;
}

const FIELDS: IFieldSpec[] = [
  {
    name: 'script',
    label: 'Script path',
    help: 'A .py file, relative to the Jupyter root (your home volume).',
    placeholder: 'train.py'
  },
  {
    name: 'arguments',
    label: 'Arguments',
    help: 'Space-separated; quote with \'…\' or "…".',
    placeholder: '--epochs 3 --lr 0.01'
  },
  {
    name: 'environment',
    label: 'Environment',
    help: 'One KEY=VALUE per line.',
    multiline: true,
    placeholder: 'SEED=42'
  },
  {
    name: 'max_runtime_seconds',
    label: 'Max runtime (seconds)',
    help: 'Empty: the server default (1 day).',
    type: 'number',
    placeholder: '86400'
  },
  {
    name: 'experiment_name',
    label: 'Experiment (optional)',
    help: EXPERIMENT_HELP.experiment_name,
    placeholder: 'my-experiment'
  },
  {
    name: 'trial_name',
    label: 'Trial (optional)',
    help: EXPERIMENT_HELP.trial_name,
    placeholder: 'my-trial'
  },
  {
    name: 'job_name',
    label: 'Job name (optional)',
    help: 'Letters, digits and hyphens; generated when empty.',
    placeholder: 'my-job-1'
  }
];

/** The "New script job" form; client-side and server (400) errors show beside their field. */
export function JobForm({ initial, title, submit, onSubmitted, onCancel }: IJobFormProps) {
  const [values, setValues] = useState<IJobFormValues>(initial);
  const { errors, formError, busy, send } = useFieldForm({
    build: buildScriptJobRequest,
    isFieldError: (e: unknown): e is FieldError & { field: Field } => e instanceof FieldError,
    targetFor: (_values: IJobFormValues, field) => formFieldFor(field),
    submit,
    onSubmitted
  });

  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault();
    void send(values);
  };

  return (
    <form
      className="jp-smstudio-form"
      data-testid="new-job-form"
      onSubmit={onSubmit}
      noValidate
      aria-label={title ?? 'New script job'}
    >
      <h3>{title ?? 'New script job'}</h3>
      {FIELDS.map(spec => {
        const id = `smstudio-job-${spec.name}`;
        const error = errors[spec.name];
        const common = {
          id,
          name: spec.name,
          value: values[spec.name],
          placeholder: spec.placeholder,
          'aria-invalid': !!error,
          'aria-describedby': `${id}-help${error ? ` ${id}-error` : ''}`,
          className: 'jp-mod-styled jp-smstudio-input',
          onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
            setValues(v => ({ ...v, [spec.name]: e.target.value }))
        };
        return (
          <div className="jp-smstudio-field" key={spec.name}>
            <label htmlFor={id}>{spec.label}</label>
            {spec.multiline ? (
              <textarea rows={3} {...common} />
            ) : (
              <input type={spec.type ?? 'text'} min={spec.type ? 1 : undefined} {...common} />
            )}
            <span className="jp-smstudio-help" id={`${id}-help`}>
              {spec.help}
            </span>
            {error && (
              <span
                className="jp-smstudio-field-error"
                id={`${id}-error`}
                role="alert"
                data-testid={`field-error-${spec.name}`}
              >
                {error}
              </span>
            )}
          </div>
        );
      })}
      <FormActions
        error={formError}
        errorTestId="form-error"
        submitTestId="submit-job"
        busy={busy}
        label="Start job"
        onCancel={onCancel}
      />
    </form>
  );
}
