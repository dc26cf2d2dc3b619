/**
 * Keeps a room's model up to date: the user's live events (`IStudio.events`) when they arrive,
 * and a Poll as the fallback for missed events (a dropped socket, or a server without one). The
 * poll stands by while the room is hidden, so closed-off rooms cost no requests.
 */
import type { IDisposable } from '@lumino/disposable';
import { Poll } from '@lumino/polling';
import type { ISignal } from '@lumino/signaling';

import type { StudioEvent } from '../tokens';

export namespace LiveUpdates {
  export interface IOptions {
    /** Poll name, shown in Lumino's debugging aids. */
    name: string;
    /** The user's live events (`IStudio.events.stream`), when available. */
    events?: ISignal<unknown, StudioEvent> | null;
    /** Schema ids the room cares about; other events are ignored. */
    schemas: string[];
    /** Handles one event of the listed schemas. */
    onEvent: (event: StudioEvent) => void;
    /** One poll round (also run when the room becomes visible again). */
    refresh: () => Promise<void>;
    /** Milliseconds between polls. */
    interval: number;
  }
}

export class LiveUpdates implements IDisposable {
  constructor(options: LiveUpdates.IOptions) {
    this._options = options;
    this._events = options.events ?? null;
    this._events?.connect(this._onEvent, this);
    this._poll = new Poll({
      auto: false,
      factory: () => options.refresh(),
      frequency: { interval: options.interval, backoff: false },
      name: options.name,
      standby: () => !this._visible || 'when-hidden'
    });
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  /** Start polling (idempotent). */
  start(): void {
    if (this._poll.isDisposed) {
      return;
    }
    void this._poll.start().catch(() => undefined);
  }

  /** Polls stand by while the room is not visible; showing it again catches up at once. */
  setVisible(visible: boolean): void {
    this._visible = visible;
    if (visible && !this._isDisposed) {
      void this._options.refresh();
    }
  }

  set interval(interval: number) {
    this._poll.frequency = { ...this._poll.frequency, interval };
  }

  /**
   * Run `work` once after `delay` ms, replacing any call still waiting: several events often
   * arrive together, and one refresh answers them all.
   */
  soon(work: () => void, delay: number): void {
    if (this._timer) {
      clearTimeout(this._timer);
    }
    this._timer = setTimeout(() => {
      this._timer = null;
      work();
    }, delay);
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    if (this._timer) {
      clearTimeout(this._timer);
    }
    this._events?.disconnect(this._onEvent, this);
    this._poll.dispose();
  }

  private _onEvent(_: unknown, event: StudioEvent): void {
    if (this._options.schemas.includes(event.schema_id)) {
      this._options.onEvent(event);
    }
  }

  private _options: LiveUpdates.IOptions;
  private _events: ISignal<unknown, StudioEvent> | null;
  private _poll: Poll;
  private _visible = true;
  private _isDisposed = false;
  private _timer: ReturnType<typeof setTimeout> | null = null;
}
