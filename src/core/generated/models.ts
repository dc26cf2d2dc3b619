/* eslint-disable */
/**
 * GENERATED FILE - do not edit by hand.
 *
 * Source: the pydantic contract models (python -m jupyter_smstudio.contracts),
 * converted by scripts/gen-types.mjs with json-schema-to-typescript.
 * Regenerate with `jlpm gen:types`; `jlpm check:types` fails when this file is stale.
 */

export interface SmStudioContract {
  ErrorResponse?: ErrorResponse;
  Job?: Job;
  JobList?: JobList;
  JobReport?: JobReport;
  JobStatusEvent?: JobStatusEvent;
  LogChunk?: LogChunk;
  ScriptJobRequest?: ScriptJobRequest;
  StoppingCondition?: StoppingCondition;
  StorageEntry?: StorageEntry;
  StorageListing?: StorageListing;
  WhoAmI?: WhoAmI;
}
/**
 * What every failed request answers: never a traceback.
 */
export interface ErrorResponse {
  message: string;
  /**
   * Short machine-readable cause, e.g. ValidationError
   */
  reason: string;
  /**
   * Dotted path of the offending field
   */
  field?: string | null;
}
export interface Job {
  job_name: string;
  job_kind: string;
  owner: string;
  status: 'InProgress' | 'Completed' | 'Failed' | 'Stopping' | 'Stopped';
  secondary_status?: string | null;
  failure_reason?: string | null;
  exit_code?: number | null;
  creation_time: string;
  start_time?: string | null;
  end_time?: string | null;
  last_heartbeat?: string | null;
  runner: string;
  log_url: string;
  output_url: string;
  config: {
    [k: string]: unknown;
  };
  tags?: {
    [k: string]: string;
  };
}
export interface JobList {
  jobs: Job[];
  total: number;
}
/**
 * What a running job process may tell the server (with its job token).
 */
export interface JobReport {
  secondary_status?: string | null;
}
/**
 * Payload of the `job-status` jupyter_event (schema version 1).
 */
export interface JobStatusEvent {
  job_name: string;
  job_kind: string;
  owner: string;
  status: 'InProgress' | 'Completed' | 'Failed' | 'Stopping' | 'Stopped';
  failure_reason?: string | null;
}
export interface LogChunk {
  job_name: string;
  /**
   * Byte offset this chunk starts at
   */
  offset: number;
  /**
   * Pass as ?offset= to read on
   */
  next_offset: number;
  text: string;
  /**
   * True when the job has ended and the whole log was read
   */
  complete: boolean;
}
/**
 * Run a Python file with arguments and an environment.
 */
export interface ScriptJobRequest {
  /**
   * Unique name; generated when absent
   */
  job_name?: string | null;
  /**
   * Path of a .py file relative to the home volume, an absolute path inside it, or a file:// URL
   */
  script: string;
  /**
   * @maxItems 1000
   */
  arguments?: string[];
  environment?: {
    [k: string]: string;
  };
  stopping_condition?: StoppingCondition;
  /**
   * Seconds between SIGTERM and SIGKILL on stop
   */
  stop_grace_seconds?: number;
  tags?: {
    [k: string]: string;
  };
}
export interface StoppingCondition {
  /**
   * Stop the job after this many seconds
   */
  max_runtime_seconds?: number;
}
export interface StorageEntry {
  url: string;
  name: string;
  type: 'file' | 'directory';
  size?: number | null;
  modified?: string | null;
}
export interface StorageListing {
  url: string;
  entries: StorageEntry[];
}
/**
 * The identity the server sees and what this server offers.
 */
export interface WhoAmI {
  user: string;
  admin: boolean;
  version: string;
  rooms: string[];
  job_runner: string;
  storage_root: string;
  home_volume: string;
}
