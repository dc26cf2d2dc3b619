/** Job statuses as the server reports them, shared by the Jobs and Training rooms. */
import type { Job } from './generated/models';

export type JobStatus = Job['status'];
export const JOB_STATUSES: JobStatus[] = [
  'InProgress',
  'Completed',
  'Failed',
  'Stopping',
  'Stopped'
];
export const ACTIVE_STATUSES: JobStatus[] = ['InProgress', 'Stopping'];

/** Whether a job with this status may still change (and its page should keep reading). */
export function isActive(status: JobStatus | undefined | null): boolean {
  return !!status && ACTIVE_STATUSES.includes(status);
}
