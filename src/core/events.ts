/**
 * The server's jupyter_events as the rooms read them: type guards from the raw emission to the
 * generated payload types (the event stream carries any JSON, so its shape is checked once).
 */
import type { Event } from '@jupyterlab/services';

import { JOB_STATUS_EVENT_SCHEMA, TRIAL_COMPONENT_EVENT_SCHEMA } from '../tokens';
import type { JobStatusEvent, TrialComponentEvent } from './generated/models';
import { JOB_STATUSES } from './jobStatus';

const CHANGES: ReadonlyArray<unknown> = ['created', 'updated', 'metrics', 'deleted'];

function optionalText(value: unknown): boolean {
  return value === undefined || value === null || typeof value === 'string';
}

/** A job-status event (schema `job-status`, payload `JobStatusEvent`). */
export function isJobStatusEvent(event: Event.Emission): event is Event.Emission & JobStatusEvent {
  return (
    event.schema_id === JOB_STATUS_EVENT_SCHEMA &&
    typeof event.job_name === 'string' &&
    typeof event.job_kind === 'string' &&
    typeof event.owner === 'string' &&
    (JOB_STATUSES as ReadonlyArray<unknown>).includes(event.status) &&
    optionalText(event.failure_reason)
  );
}

/** A trial-component event (schema `trial-component`, payload `TrialComponentEvent`). */
export function isTrialComponentEvent(
  event: Event.Emission
): event is Event.Emission & TrialComponentEvent {
  return (
    event.schema_id === TRIAL_COMPONENT_EVENT_SCHEMA &&
    typeof event.trial_component_name === 'string' &&
    typeof event.owner === 'string' &&
    CHANGES.includes(event.change)
  );
}
