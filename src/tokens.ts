/**
 * Tokens through which the rooms talk to each other.
 */
import type { LabIcon } from '@jupyterlab/ui-components';
import { Token } from '@lumino/coreutils';
import type { IDisposable } from '@lumino/disposable';
import type { ISignal } from '@lumino/signaling';

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

/** What the core plugin provides to every room. */
export interface IStudio {
  /** Typed REST client. */
  readonly api: StudioApi;
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
  'The Studio core: REST client, room registry and sidebar.'
);

/** Schema id of the job-status jupyter_event emitted by the server. */
export const JOB_STATUS_EVENT_SCHEMA = 'https://jupyter-smstudio.github.io/events/job-status';
