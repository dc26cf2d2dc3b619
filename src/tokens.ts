/**
 * Tokens through which the rooms talk to each other. A room that others may ask something of
 * provides its token; the others list it as an optional dependency (the room may be absent).
 *
 * To open another room at a record (a link), run that room's open command with the record as
 * its arguments (`OPEN_COMMANDS` and `linkTarget` in `core/links.ts`): links go every way
 * between rooms, which plugin dependencies cannot (they may not form a cycle).
 */
import type { Event } from '@jupyterlab/services';
import type { LabIcon } from '@jupyterlab/ui-components';
import { Token } from '@lumino/coreutils';
import type { IDisposable } from '@lumino/disposable';
import type { ISignal } from '@lumino/signaling';
import type { ComponentType } from 'react';

import type { StudioApi } from './core/api';
import type { WhoAmI } from './core/generated/models';

export { ApiError, StudioApi } from './core/api';
export type * from './core/generated/models';

/** A room as it appears in the Studio sidebar. */
export interface IStudioRoom {
  /** Room id, e.g. `jobs` (rendered as `data-room`). */
  id: string;
  /** Button text. */
  label: string;
  icon?: LabIcon;
  /** Tooltip. */
  caption?: string;
  /** Order in the sidebar (lower first). */
  rank?: number;
  /** Open the room's main view. */
  open(): void;
}

/** The rooms registered so far. */
export interface IStudioRoomRegistry {
  readonly rooms: ReadonlyArray<IStudioRoom>;
  readonly changed: ISignal<IStudioRoomRegistry, void>;
  /** Register a room; dispose the result to remove it. */
  add(room: IStudioRoom): IDisposable;
}

/**
 * One live event as the server sends it: `schema_id` (`JOB_STATUS_EVENT_SCHEMA`,
 * `TRIAL_COMPONENT_EVENT_SCHEMA`, ...), `version`, then the payload's fields. The same shape as
 * JupyterLab's `Event.Emission`; check the payload with the type guards of `core/events.ts`.
 */
export type StudioEvent = Event.Emission;

/**
 * The server's live events for the signed-in user (`<base_url>smstudio/api/events`, one websocket
 * per app, reopened when it closes). Only the events this user may see arrive here.
 */
export interface IStudioEvents {
  /** Every event, as it arrives. */
  readonly stream: ISignal<IStudioEvents, StudioEvent>;
  /** Whether the socket is open now. */
  readonly isConnected: boolean;
  /** Emitted with `isConnected` whenever it changes. */
  readonly connectionChanged: ISignal<IStudioEvents, boolean>;
}

/** What the core plugin provides to every room. */
export interface IStudio {
  /** Typed REST client. */
  readonly api: StudioApi;
  /** Live events for this user; rooms pass `events.stream` to their models. */
  readonly events: IStudioEvents;
  /** Room registry shown in the sidebar. */
  readonly rooms: IStudioRoomRegistry;
  /** Identity and server capabilities; re-fetched by `refreshWhoAmI`. */
  whoami(): Promise<WhoAmI>;
  refreshWhoAmI(): Promise<WhoAmI>;
  /** Reveal the Studio sidebar. */
  openSidebar(): void;
}

export const IStudio = new Token<IStudio>(
  'jupyter-smstudio:IStudio',
  'The Studio core: REST client, live events, room registry and sidebar.'
);

/** The Jobs room. */
export interface IJobsRoom {
  /** Show the Jobs room with a job's page open. */
  openJob(name: string): void;
}

export const IJobsRoom = new Token<IJobsRoom>(
  'jupyter-smstudio:IJobsRoom',
  "The Studio Jobs room: open a job's page."
);

/** The kinds of jobs the Training room lists. */
export type TrainingJobKind = 'training' | 'processing';

/** The Training room. */
export interface ITrainingRoom {
  /** Show the Training room with a training (or processing) job's page open. */
  openJob(name: string, kind?: TrainingJobKind): void;
}

export const ITrainingRoom = new Token<ITrainingRoom>(
  'jupyter-smstudio:ITrainingRoom',
  "The Studio Training room: open a training or processing job's page."
);

/** A section another room adds at the end of each endpoint's page (a React component). */
export type EndpointPageSection = ComponentType<{ endpointName: string }>;

/** The Endpoints room. */
export interface IEndpointsRoom {
  /** Add a section to every endpoint's page (the Model Monitor's status); dispose to remove it. */
  addEndpointSection(section: EndpointPageSection): IDisposable;
}

export const IEndpointsRoom = new Token<IEndpointsRoom>(
  'jupyter-smstudio:IEndpointsRoom',
  "The Studio Endpoints room: sections other rooms add to an endpoint's page."
);

/** What another room hands the Tuning room's form (e.g. "Tune…" on a training job), as text. */
export interface ITuningPrefill {
  entry_point?: string;
  source_dir?: string;
  /** `name=value, …` */
  static_hyperparameters?: string;
  metric_name?: string;
  metric_regex?: string;
}

/** The Tuning room. */
export interface ITuningRoom {
  /** Show the Tuning room with its "New tuning job" form open, prefilled with `prefill`. */
  openForm(prefill?: ITuningPrefill): void;
  /** Show the Tuning room with a tuning job's page open. */
  openJob(name: string): void;
}

export const ITuningRoom = new Token<ITuningRoom>(
  'jupyter-smstudio:ITuningRoom',
  "The Studio Tuning room: open its new tuning job form (prefilled) or a tuning job's page."
);

/** The Experiments room. */
export interface IExperimentsRoom {
  /** Show the Experiments room with an experiment's leaderboard. */
  openExperiment(name: string): Promise<void>;
  /**
   * Show the Experiments room with a trial component's page, in `experiment` (by default the
   * open experiment when the component belongs to it, else its first parent's experiment).
   */
  openComponent(name: string, experiment?: string): Promise<void>;
}

export const IExperimentsRoom = new Token<IExperimentsRoom>(
  'jupyter-smstudio:IExperimentsRoom',
  "The Studio Experiments room: open an experiment's leaderboard or a trial component's page."
);

/** Schema id of the job-status event the server sends on the events socket. */
export const JOB_STATUS_EVENT_SCHEMA = 'https://jupyter-smstudio.github.io/events/job-status';

/** Schema id of the trial-component event the server sends on the events socket. */
export const TRIAL_COMPONENT_EVENT_SCHEMA =
  'https://jupyter-smstudio.github.io/events/trial-component';
