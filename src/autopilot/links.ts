/**
 * The Autopilot room's commands. Its open command takes the job to show as its arguments (as
 * every room's does, see core/links.ts), so any room or notebook opens an AutoML job's page.
 */

export const CommandIDs = {
  /** The palette's "Autopilot" (`auto_ml_job_name`: open that job's page). */
  open: 'smstudio:autopilot-open',
  /** "New AutoML Job" (`input`: the CSV to start from). */
  create: 'smstudio:autopilot-new',
  /** "Create AutoML job…" on a CSV file in the file browser. */
  createFromFile: 'smstudio:autopilot-new-from-file',
  stop: 'smstudio:autopilot-stop',
  deploy: 'smstudio:autopilot-deploy-best'
} as const;
