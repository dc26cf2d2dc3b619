import React, { useState } from 'react';

import { ApiError } from '../core/api';
import type { Job } from '../core/generated/models';
import { FormActions } from '../core/FormActions';
import {
  buildScriptJobRequest,
  EMPTY_FORM,
  FieldError,
  formFieldFor,
  IJobFormValues
} from './parse';

export interface IJobFormProps {
  submit: (values: IJobFormValues) => Promise<Job>;
  onSubmitted?: (job: Job) => void;
  onCancel?: () => void;
}

type FieldErrors = Partial<Record<keyof IJobFormValues, string>>;

interface IFieldSpec {
  name: keyof IJobFormValues;
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
    name: 'job_name',
    label: 'Job name (optional)',
    help: 'Letters, digits and hyphens; generated when empty.',
    placeholder: 'my-job-1'
  }
];

/** The "New script job" form; client-side and server (400) errors show beside their field. */
export function JobForm({ submit, onSubmitted, onCancel }: IJobFormProps): JSX.Element {
  const [values, setValues] = useState<IJobFormValues>(EMPTY_FORM);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: React.FormEvent) => {
    event.preventDefault();
    setErrors({});
    setFormError(null);
    try {
      buildScriptJobRequest(values); // validate before sending
    } catch (error) {
      if (error instanceof FieldError) {
        setErrors({ [error.field]: error.message });
        return;
      }
      throw error;
    }
    setBusy(true);
    try {
      const job = await submit(values);
      setValues(v => ({ ...v, job_name: '' }));
      onSubmitted?.(job);
    } catch (error) {
      const field = error instanceof ApiError ? formFieldFor(error.field) : null;
      const text = error instanceof Error ? error.message : String(error);
      if (field) {
        setErrors({ [field]: text });
      } else {
        setFormError(text);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="jp-smstudio-form"
      data-testid="new-job-form"
      onSubmit={onSubmit}
      noValidate
      aria-label="New script job"
    >
      <h3>New script job</h3>
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
