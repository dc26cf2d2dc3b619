/**
 * "New AutoML job": the CSV (picked in the file browser, or a path / URL typed), a preview of
 * its first rows and column kinds, the target among its columns, the problem type (the preview
 * suggests one), a metric that fits it, the budget, the mode, the job's name and output.
 */
import { HTMLSelect } from '@jupyterlab/ui-components';
import React, { useEffect, useState } from 'react';

import { message } from '../core/errors';
import { useFieldForm } from '../core/fieldForm';
import { formatSeconds } from '../core/format';
import { FormActions } from '../core/FormActions';
import {
  buildAutoMLRequest,
  effectiveProblemType,
  emptyWizard,
  IWizardValues,
  metricChoices,
  MODES,
  suggestedProblemType,
  WizardField,
  WizardFieldError,
  wizardTargetFor,
  withField
} from './form';
import { PROBLEM_LABELS, PROBLEM_TYPES } from './metrics';
import { CsvPreviewTable } from './PreviewTable';
import type { AutoMLJob, CreateAutoMLJobRequest, CsvPreview } from './types';

export interface IWizardProps {
  /** The CSV to start from (the file browser's "Create AutoML job…"). */
  initialInput?: string;
  preview: (url: string) => Promise<CsvPreview>;
  submit: (request: CreateAutoMLJobRequest) => Promise<AutoMLJob>;
  /** JupyterLab's file dialog: a CSV's path, or null when cancelled; absent: no Browse. */
  pickFile?: () => Promise<string | null>;
  onSubmitted?: (job: AutoMLJob) => void;
  onCancel?: () => void;
}

interface IPreviewState {
  /** The URL the preview is of (or being read for). */
  url: string;
  loading: boolean;
  preview: CsvPreview | null;
  error: string | null;
}

const NO_PREVIEW: IPreviewState = { url: '', loading: false, preview: null, error: null };

function FieldError({ field, text }: { field: WizardField; text: string | undefined }) {
  return text ? (
    <span
      className="jp-smstudio-field-error"
      role="alert"
      data-testid="automl-field-error"
      data-field={field}
    >
      {text}
    </span>
  ) : null;
}

export function Wizard(props: IWizardProps): JSX.Element {
  const [values, setValues] = useState<IWizardValues>(() => emptyWizard(props.initialInput));
  const [shown, setShown] = useState<IPreviewState>(NO_PREVIEW);
  const { errors, setErrors, formError, busy, send } = useFieldForm({
    build: (v: IWizardValues) => buildAutoMLRequest(v, shown.preview),
    isFieldError: (e: unknown): e is WizardFieldError => e instanceof WizardFieldError,
    targetFor: (_v: IWizardValues, field: string | null | undefined) => wizardTargetFor(field),
    submit: props.submit,
    onSubmitted: props.onSubmitted
  });
  const { preview } = props;

  /** Read the preview of a URL (a newer request wins). */
  const load = (url: string) => {
    const trimmed = url.trim();
    if (!trimmed || (trimmed === shown.url && (shown.loading || shown.preview))) {
      return;
    }
    setShown({ url: trimmed, loading: true, preview: null, error: null });
  };

  useEffect(() => {
    if (!shown.loading) {
      return;
    }
    let alive = true;
    preview(shown.url)
      .then(answer => {
        if (!alive) {
          return;
        }
        setShown(s => ({ ...s, loading: false, preview: answer }));
        // the target: kept when the new file has it, else the last column (often the label)
        setValues(v =>
          answer.Columns.some(c => c.Name === v.target)
            ? v
            : withField(v, 'target', answer.Columns[answer.Columns.length - 1]?.Name ?? '', answer)
        );
        setErrors(e => ({ ...e, input: undefined }));
      })
      .catch(reason => {
        if (alive) {
          setShown(s => ({ ...s, loading: false, error: message(reason) }));
        }
      });
    return () => {
      alive = false;
    };
  }, [shown.url, shown.loading, preview, setErrors]);

  // the file the wizard opened with is read at once
  useEffect(() => {
    if (props.initialInput) {
      load(props.initialInput);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const set = <K extends WizardField>(field: K, value: IWizardValues[K]) =>
    setValues(v => withField(v, field, value, shown.preview));

  const browse = async () => {
    const path = await props.pickFile?.();
    if (path) {
      set('input', path);
      load(path);
    }
  };

  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault();
    void send(values);
  };

  const columns = shown.preview?.Columns ?? [];
  const suggested = suggestedProblemType(shown.preview, values.target);
  const kind = effectiveProblemType(values, shown.preview);
  const inputError = errors.input ?? shown.error ?? undefined;

  const text = (
    field: WizardField,
    label: string,
    extra: React.InputHTMLAttributes<HTMLInputElement> = {},
    help?: React.ReactNode
  ) => (
    <div className="jp-smstudio-field">
      <label htmlFor={`smstudio-automl-${field}`}>{label}</label>
      <input
        id={`smstudio-automl-${field}`}
        name={field}
        data-testid={`automl-${field.replace(/_/g, '-')}`}
        className="jp-mod-styled jp-smstudio-input"
        value={values[field]}
        aria-invalid={!!errors[field]}
        onChange={e => set(field, e.target.value as never)}
        {...extra}
      />
      {help && <span className="jp-smstudio-help">{help}</span>}
      <FieldError field={field} text={errors[field]} />
    </div>
  );

  const select = (
    field: WizardField,
    label: string,
    options: { value: string; label: string }[],
    help?: React.ReactNode
  ) => (
    <div className="jp-smstudio-field">
      <label htmlFor={`smstudio-automl-${field}`}>{label}</label>
      <HTMLSelect
        id={`smstudio-automl-${field}`}
        name={field}
        data-testid={`automl-${field.replace(/_/g, '-')}`}
        value={values[field]}
        aria-invalid={!!errors[field]}
        onChange={e => set(field, e.target.value as never)}
        options={options}
      />
      {help && <span className="jp-smstudio-help">{help}</span>}
      <FieldError field={field} text={errors[field]} />
    </div>
  );

  const runtime = Number(values.max_runtime);

  return (
    <form
      className="jp-smstudio-form jp-smstudio-automl-wizard"
      data-testid="automl-wizard"
      onSubmit={onSubmit}
      noValidate
      aria-label="New AutoML job"
    >
      <h3>New AutoML job</h3>
      <div className="jp-smstudio-field">
        <label htmlFor="smstudio-automl-input">Data (CSV with a header row)</label>
        <div className="jp-smstudio-input-row">
          <input
            id="smstudio-automl-input"
            name="input"
            data-testid="automl-input"
            className="jp-mod-styled jp-smstudio-input"
            placeholder="data/train.csv, file:///… or s3://bucket/train.csv"
            value={values.input}
            aria-invalid={!!inputError}
            onChange={e => set('input', e.target.value)}
            onBlur={e => load(e.target.value)}
            onKeyDown={e => {
              if (e.key === 'Enter') {
                e.preventDefault();
                load(values.input);
              }
            }}
          />
          {props.pickFile && (
            <button
              type="button"
              className="jp-mod-styled"
              data-testid="automl-browse"
              onClick={() => void browse()}
            >
              Browse…
            </button>
          )}
          <button
            type="button"
            className="jp-mod-styled"
            data-testid="automl-preview-button"
            disabled={!values.input.trim() || shown.loading}
            onClick={() =>
              setShown({ url: values.input.trim(), loading: true, preview: null, error: null })
            }
          >
            Preview
          </button>
        </div>
        <span className="jp-smstudio-help">
          A path in your home folder, or a file:// or s3:// URL (a folder holding one CSV file).
        </span>
        <FieldError field="input" text={inputError} />
      </div>
      {shown.loading && (
        <div className="jp-smstudio-muted" role="status">
          Reading {shown.url}…
        </div>
      )}
      {shown.preview && (
        <CsvPreviewTable
          preview={shown.preview}
          target={values.target}
          onChooseTarget={name => set('target', name)}
        />
      )}
      <div className="jp-smstudio-form-grid">
        {columns.length
          ? select('target', 'Target (the column to predict)', [
              ...(values.target ? [] : [{ value: '', label: 'Choose a column…' }]),
              ...columns.map(c => ({ value: c.Name, label: `${c.Name} (${c.Kind})` }))
            ])
          : text('target', 'Target (the column to predict)', {
              placeholder: 'Preview the file to choose'
            })}
        {select(
          'problem_type',
          'Problem type',
          [
            {
              value: '',
              label: suggested ? `Auto (${PROBLEM_LABELS[suggested]})` : 'Auto (from the target)'
            },
            ...PROBLEM_TYPES.map(p => ({ value: p, label: PROBLEM_LABELS[p] }))
          ],
          suggested ? (
            <span data-testid="automl-suggested">
              The preview suggests {PROBLEM_LABELS[suggested].toLowerCase()} for “{values.target}”.
            </span>
          ) : undefined
        )}
        {select(
          'metric',
          'Objective metric',
          metricChoices(kind),
          kind ? `Metrics of ${PROBLEM_LABELS[kind].toLowerCase()}.` : undefined
        )}
        {select('mode', 'Mode', [...MODES])}
        {text(
          'max_runtime',
          'Time budget (seconds)',
          { inputMode: 'numeric' },
          Number.isFinite(runtime) && runtime > 0 ? `${formatSeconds(runtime)} in all` : undefined
        )}
        {text('max_candidates', 'Max candidates', { inputMode: 'numeric' })}
        {text('job_name', 'Job name', { placeholder: 'churn-0101-1200' })}
        {text(
          'output_path',
          'Output path',
          { placeholder: 'automl' },
          'A folder in your home, or a URL: notebooks and models go under <path>/<job name>/.'
        )}
      </div>
      <FormActions
        error={formError}
        errorTestId="automl-form-error"
        submitTestId="automl-submit"
        busy={busy}
        label="Create AutoML job"
        onCancel={props.onCancel}
      />
    </form>
  );
}
