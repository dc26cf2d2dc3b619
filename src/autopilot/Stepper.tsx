import React from 'react';

import type { IStep } from './steps';

const MARKS: Record<IStep['state'], string> = {
  done: '✓',
  active: '•',
  pending: '',
  failed: '✕',
  stopped: '■'
};

/** Where the job stands: its steps in a row, each done, running, to come, or where it ended. */
export function Stepper({ steps }: { steps: ReadonlyArray<IStep> }): JSX.Element {
  return (
    <ol className="jp-smstudio-automl-steps" data-testid="automl-steps" aria-label="Progress">
      {steps.map((step, i) => (
        <li
          key={`${i}-${step.status}`}
          className={`jp-smstudio-automl-step jp-mod-${step.state}`}
          data-step={step.status}
          data-state={step.state}
          aria-current={step.state === 'active' ? 'step' : undefined}
          title={`${step.label}: ${step.state}`}
        >
          <span className="jp-smstudio-automl-step-mark" aria-hidden="true">
            {MARKS[step.state] || i + 1}
          </span>
          <span className="jp-smstudio-automl-step-label">{step.label}</span>
        </li>
      ))}
    </ol>
  );
}
