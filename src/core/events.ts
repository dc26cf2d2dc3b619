/**
 * The server's live events (`IStudio.events`) as the rooms read them: type guards from the raw
 * frame to the generated payload types (the socket carries any JSON, so its shape is checked once).
 */
import { JOB_STATUS_EVENT_SCHEMA, TRIAL_COMPONENT_EVENT_SCHEMA } from '../tokens';
import type { StudioEvent } from '../tokens';
import type { JobStatusEvent, TrialComponentEvent } from './generated/models';
import { JOB_STATUSES } from './jobStatus';

const CHANGES: ReadonlyArray<unknown> = ['created', 'updated', 'metrics', 'deleted'];

/**
 * A job-status event (schema `job-status`, payload `JobStatusEvent`). It carries no failure
 * reason: that is read with the job itself (the REST record), where access is checked.
 */
export function isJobStatusEvent(event: StudioEvent): event is StudioEvent & JobStatusEvent {
  return (
    event.schema_id === JOB_STATUS_EVENT_SCHEMA &&
    typeof event.job_name === 'string' &&
    typeof event.job_kind === 'string' &&
    typeof event.owner === 'string' &&
    (JOB_STATUSES as ReadonlyArray<unknown>).includes(event.status)
  );
}

/** A trial-component event (schema `trial-component`, payload `TrialComponentEvent`). */
export function isTrialComponentEvent(
  event: StudioEvent
): event is StudioEvent & TrialComponentEvent {
  return (
    event.schema_id === TRIAL_COMPONENT_EVENT_SCHEMA &&
    typeof event.trial_component_name === 'string' &&
    typeof event.owner === 'string' &&
    CHANGES.includes(event.change)
  );
}
