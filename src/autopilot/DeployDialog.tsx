/**
 * "Deploy best": a dialog asking the endpoint's name. It stays open while the deployment is
 * sent and when it is refused, with the problem under the name; it closes once the endpoint is
 * being created.
 */
import { Dialog } from '@jupyterlab/apputils';
import { ReactWidget } from '@jupyterlab/ui-components';
import React from 'react';

import { message } from '../core/errors';
import type { DeployBestAnswer } from './types';

/** SageMaker's endpoint names. */
export const ENDPOINT_NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;

/** A free-sounding endpoint name for a job: `<job>-endpoint`, within 63 characters. */
export function defaultEndpointName(jobName: string): string {
  return `${jobName.slice(0, 54).replace(/-+$/, '')}-endpoint`;
}

/** What is wrong with an endpoint name, or null. */
export function endpointNameProblem(name: string): string | null {
  if (!name.trim()) {
    return 'Name the endpoint.';
  }
  return ENDPOINT_NAME.test(name.trim())
    ? null
    : 'Up to 63 letters, digits and hyphens, starting and ending with a letter or digit.';
}

class DeployBody extends ReactWidget {
  constructor(
    readonly jobName: string,
    readonly candidate: string
  ) {
    super();
    this.name = defaultEndpointName(jobName);
    this.addClass('jp-smstudio-deploy');
  }

  name: string;
  problem: string | null = null;
  busy = false;

  set(patch: Partial<Pick<DeployBody, 'name' | 'problem' | 'busy'>>): void {
    Object.assign(this, patch);
    this.update();
  }

  render(): JSX.Element {
    const id = 'jp-smstudio-automl-endpoint-name';
    return (
      <div data-testid="automl-deploy-dialog">
        <p>
          Serve candidate <code title={this.candidate}>{this.candidate}</code> (preprocessing, then
          prediction) from a new endpoint in the Endpoints room.
        </p>
        <div className="jp-smstudio-field">
          <label htmlFor={id}>Endpoint name</label>
          <input
            id={id}
            name="endpointName"
            className="jp-mod-styled"
            value={this.name}
            disabled={this.busy}
            aria-invalid={!!this.problem}
            aria-describedby={`${id}-help`}
            onChange={e => this.set({ name: e.target.value })}
          />
          <div
            id={`${id}-help`}
            className={this.problem ? 'jp-smstudio-field-error' : 'jp-smstudio-help'}
            role={this.problem ? 'alert' : undefined}
            data-testid={this.problem ? 'automl-deploy-error' : undefined}
          >
            {this.problem ??
              'Letters, digits and hyphens; the model and config are named after it.'}
          </div>
        </div>
        {this.busy && <div className="jp-smstudio-muted">Deploying…</div>}
      </div>
    );
  }
}

/** The index of the Deploy button. */
const DEPLOY_BUTTON = 1;

class DeployDialog extends Dialog<string> {
  constructor(
    private readonly _deployBody: DeployBody,
    private readonly _deploy: (endpointName: string) => Promise<DeployBestAnswer>,
    private readonly _done: (answer: DeployBestAnswer) => void
  ) {
    super({
      title: `Deploy the best candidate of ${_deployBody.jobName}`,
      body: _deployBody,
      buttons: [Dialog.cancelButton(), Dialog.okButton({ label: 'Deploy' })],
      focusNodeSelector: 'input'
    });
    this.addClass('jp-smstudio-deploy-dialog');
  }

  resolve(index?: number): void {
    if (index !== undefined && index !== DEPLOY_BUTTON) {
      super.resolve(index);
      return;
    }
    if (this._deployBody.busy) {
      return;
    }
    const name = this._deployBody.name.trim();
    const invalid = endpointNameProblem(name);
    if (invalid) {
      this._deployBody.set({ problem: invalid });
      return;
    }
    this._deployBody.set({ busy: true, problem: null });
    this._deploy(name)
      .then(answer => {
        this._done(answer);
        super.resolve(DEPLOY_BUTTON);
      })
      .catch(reason => this._deployBody.set({ busy: false, problem: message(reason) }));
  }
}

/** Ask for the endpoint's name and deploy; the answer once it is being created, else null. */
export async function showDeployBestDialog(
  jobName: string,
  candidate: string,
  deploy: (endpointName: string) => Promise<DeployBestAnswer>
): Promise<DeployBestAnswer | null> {
  let answer: DeployBestAnswer | null = null;
  const dialog = new DeployDialog(new DeployBody(jobName, candidate), deploy, a => {
    answer = a;
  });
  await dialog.launch();
  return answer;
}
