import React from 'react';

import { jobExperiment } from '../core/experimentConfig';
import { TUNING_JOB_TAG } from '../core/links';
import { RecordLink } from '../core/RecordLink';
import { trialComponentName } from './api';
import type { TrainingModel } from './model';

/** Where else the job shows: its tuning job, experiment and trial component. */
export function TrainingLinks({ model }: { model: TrainingModel }): JSX.Element | null {
  const job = model.selectedJob;
  const name = model.selectedName;
  if (!name) {
    return null;
  }
  const kind = model.selectedKind;
  const tuning = job?.tags?.[TUNING_JOB_TAG];
  const parents = model.component?.parents ?? [];
  const configured = job ? jobExperiment(job.config) : undefined;
  const experiments = parents.length
    ? [...new Set(parents.map(p => p.experiment_name))]
    : configured
      ? [configured]
      : [];
  const component = trialComponentName(name, kind);
  return (
    <dl className="jp-smstudio-facts" data-testid="training-links">
      {tuning && (
        <>
          <dt>Tuning job</dt>
          <dd>
            <RecordLink to={{ kind: 'tuning-job', name: tuning }} testId="training-tuning-link">
              {tuning}
            </RecordLink>
          </dd>
        </>
      )}
      <dt>Experiment</dt>
      <dd>
        {experiments.length ? (
          experiments.map(e => (
            <RecordLink key={e} to={{ kind: 'experiment', name: e }} testId="training-experiment">
              {e}
            </RecordLink>
          ))
        ) : (
          <RecordLink to={{ kind: 'unassigned' }} testId="training-experiment">
            Unassigned trial components
          </RecordLink>
        )}
      </dd>
      <dt>Trial component</dt>
      <dd>
        <RecordLink
          to={{ kind: 'trial-component', name: component, experiment: experiments[0] }}
          testId="training-component"
        >
          {component}
        </RecordLink>
      </dd>
    </dl>
  );
}
