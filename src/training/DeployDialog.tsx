/**
 * The "Deploy…" dialog of a completed training job: endpoint name, variant name, instance count
 * and type. It stays open while the deployment is sent and when it is refused, with the problem
 * under the field it concerns; it closes once the endpoint is being created.
 */
import { Dialog } from '@jupyterlab/apputils';
import { ReactWidget } from '@jupyterlab/ui-components';
import React from 'react';

import {
  DeployField,
  deployDefaults,
  IDeployProblem,
  IDeploySource,
  IDeployValues,
  MAX_INSTANCES
} from './deploy';

const FIELDS: { field: DeployField; label: string; type: 'text' | 'number'; hint: string }[] = [
  {
    field: 'endpointName',
    label: 'Endpoint name',
    type: 'text',
    hint: 'Letters, digits and hyphens; the model and config are named after it.'
  },
  { field: 'variantName', label: 'Variant name', type: 'text', hint: 'The production variant.' },
  {
    field: 'instanceCount',
    label: 'Instance count',
    type: 'number',
    hint: `Model servers behind the endpoint (1 to ${MAX_INSTANCES}).`
  },
  {
    field: 'instanceType',
    label: 'Instance type',
    type: 'text',
    hint: 'Recorded as SageMaker does; the instances run on this server.'
  }
];

/** The dialog's body: the fields, each with its problem, and what is deployed. */
class DeployBody extends ReactWidget {
  constructor(readonly source: IDeploySource) {
    super();
    this.values = deployDefaults(source.jobName);
    this.addClass('jp-smstudio-deploy');
  }

  values: IDeployValues;
  problem: IDeployProblem | null = null;
  busy = false;

  getValue(): IDeployValues {
    return this.values;
  }

  set(patch: Partial<Pick<DeployBody, 'values' | 'problem' | 'busy'>>): void {
    Object.assign(this, patch);
    this.update();
  }

  render(): JSX.Element {
    const { problem, busy, source } = this;
    return (
      <div data-testid="deploy-dialog">
        <dl className="jp-smstudio-facts">
          <dt>Model artifact</dt>
          <dd className="jp-smstudio-url" title={source.modelData}>
            {source.modelData}
          </dd>
          <dt>Inference code</dt>
          <dd>
            {source.program && source.codeUrl ? (
              <span title={source.codeUrl}>{source.program}</span>
            ) : (
              <span className="jp-smstudio-muted">the serving defaults</span>
            )}
          </dd>
        </dl>
        {FIELDS.map(f => {
          const error = problem?.field === f.field ? problem.message : null;
          const id = `jp-smstudio-deploy-${f.field}`;
          return (
            <div className="jp-smstudio-field" key={f.field}>
              <label htmlFor={id}>{f.label}</label>
              <input
                id={id}
                className="jp-mod-styled"
                name={f.field}
                type={f.type}
                // no min/max: JupyterLab's dialog would disable Deploy rather than say why
                value={this.values[f.field]}
                disabled={busy}
                aria-invalid={!!error}
                aria-describedby={`${id}-help`}
                onChange={e => this.set({ values: { ...this.values, [f.field]: e.target.value } })}
              />
              <div
                id={`${id}-help`}
                className={error ? 'jp-smstudio-field-error' : 'jp-smstudio-help'}
                role={error ? 'alert' : undefined}
                data-testid={error ? `deploy-error-${f.field}` : undefined}
              >
                {error ?? f.hint}
              </div>
            </div>
          );
        })}
        {problem && !problem.field && (
          <div className="jp-smstudio-error-banner" role="alert" data-testid="deploy-error">
            {problem.message}
          </div>
        )}
        {busy && <div className="jp-smstudio-muted">Deploying…</div>}
      </div>
    );
  }
}

/** A dialog whose Deploy button sends the deployment and closes only once it is accepted. */
class DeployDialog extends Dialog<IDeployValues> {
  constructor(
    private readonly _form: DeployBody,
    private readonly _submit: (values: IDeployValues) => Promise<IDeployProblem | null>
  ) {
    super({
      title: `Deploy ${_form.source.jobName}`,
      body: _form,
      buttons: [Dialog.cancelButton(), Dialog.okButton({ label: 'Deploy' })],
      focusNodeSelector: 'input'
    });
    this.addClass('jp-smstudio-deploy-dialog');
  }

  resolve(index?: number): void {
    const deploy = index === undefined || index === DEPLOY_BUTTON;
    if (!deploy) {
      super.resolve(index);
      return;
    }
    if (this._form.busy) {
      return;
    }
    this._form.set({ busy: true, problem: null });
    void this._submit(this._form.values)
      .catch((reason: unknown): IDeployProblem => ({ field: null, message: String(reason) }))
      .then(problem => {
        if (problem) {
          this._form.set({ busy: false, problem });
          const field = problem.field;
          if (field) {
            // once the re-render has enabled the fields again
            requestAnimationFrame(() =>
              this._form.node.querySelector<HTMLInputElement>(`input[name="${field}"]`)?.focus()
            );
          }
        } else {
          super.resolve(DEPLOY_BUTTON);
        }
      });
  }
}

/** The index of the Deploy button. */
const DEPLOY_BUTTON = 1;

/**
 * Ask for the endpoint's name and size and deploy with `submit`; the endpoint's name once it is
 * being created, null when the user cancelled.
 */
export async function showDeployDialog(
  source: IDeploySource,
  submit: (values: IDeployValues) => Promise<IDeployProblem | null>
): Promise<string | null> {
  const body = new DeployBody(source);
  const dialog = new DeployDialog(body, submit);
  const result = await dialog.launch();
  return result.button.accept ? body.values.endpointName.trim() : null;
}
