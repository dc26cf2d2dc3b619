/**
 * What every room's model shares: the `changed` signal the views follow, live updates
 * (live events plus a poll that stands by while the room is hidden) and the lifecycle its
 * RoomPanel drives (start, visible or not, dispose). Each room adds its state and loading.
 */
import { ISignal, Signal } from '@lumino/signaling';

import type { StudioEvent } from '../tokens';
import { LiveUpdates } from './live';
import type { IRoomModel } from './RoomPanel';
import { FALLBACK_SETTINGS } from './settings';

export namespace RoomModel {
  export interface IOptions {
    /** The user's live events (`IStudio.events.stream`), when available. */
    events?: ISignal<unknown, StudioEvent> | null;
    /** Milliseconds between polls (the room's `pollInterval` setting). */
    pollInterval?: number;
  }

  /** What tells the rooms' live updates apart. */
  export interface ILive {
    /** Poll name, shown in Lumino's debugging aids. */
    name: string;
    /** Schema ids of the events the room listens to. */
    schemas: string[];
  }
}

export abstract class RoomModel implements IRoomModel {
  constructor(options: RoomModel.IOptions, live: RoomModel.ILive) {
    this._live = new LiveUpdates({
      ...live,
      events: options.events,
      onEvent: event => this._onEvent(event),
      refresh: () => this._poll(),
      interval: options.pollInterval ?? FALLBACK_SETTINGS.pollInterval
    });
  }

  /** Emitted whenever anything a view shows changed. */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  /** Start polling (idempotent). */
  start(): void {
    this._live.start();
  }

  /** Polls stand by while the room is not visible. */
  setVisible(visible: boolean): void {
    this._live.setVisible(visible);
  }

  set pollInterval(interval: number) {
    this._live.interval = interval;
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    this._live.dispose();
    Signal.clearData(this);
  }

  /** One poll round (also run when the room becomes visible again). */
  protected abstract _poll(): Promise<void>;

  /** An event of one of the room's schemas. */
  protected abstract _onEvent(event: StudioEvent): void;

  /**
   * Run `work` once after `delay` ms, replacing any call still waiting: several events often
   * arrive together, and one refresh answers them all.
   */
  protected _soon(work: () => void, delay: number): void {
    this._live.soon(work, delay);
  }

  protected _emit(): void {
    if (!this._isDisposed) {
      this._changed.emit();
    }
  }

  private _changed = new Signal<this, void>(this);
  private _live: LiveUpdates;
  private _isDisposed = false;
}
