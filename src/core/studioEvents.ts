/**
 * The extension's live events, per user: one websocket per app on `<base_url>smstudio/api/events`.
 *
 * The server sends on it only the events the signed-in user may see (not jupyter_server's
 * `/api/events/subscribe`, which broadcasts every user's events to everyone), one text frame of
 * JSON per event: `{"schema_id": ..., "version": ..., ...payload}`. Each frame that passes
 * `parseFrame` is emitted on `stream`, shaped like JupyterLab's `Event.Emission`, so the rooms'
 * live updates read it as before. A closed socket is reopened with exponential backoff (with
 * jitter); the rooms' polls cover whatever is missed meanwhile.
 */
import { URLExt } from '@jupyterlab/coreutils';
import type { ServerConnection } from '@jupyterlab/services';
import { ISignal, Signal } from '@lumino/signaling';

import type { IStudioEvents, StudioEvent } from '../tokens';
import { API_NAMESPACE } from './api';

/** Path of the events websocket below the server's base URL. */
export const EVENTS_PATH = URLExt.join(API_NAMESPACE, 'events');

/**
 * One frame as an event, or null when it is not one: text holding a JSON object whose
 * `schema_id` is a non-empty string (and whose `version`, when present, is a string). What the
 * payload holds is checked by the rooms' type guards (`core/events.ts`).
 */
export function parseFrame(data: unknown): StudioEvent | null {
  if (typeof data !== 'string' || data === '') {
    return null;
  }
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return null;
  }
  const record = value as Record<string, unknown>;
  if (typeof record.schema_id !== 'string' || record.schema_id === '') {
    return null;
  }
  if (record.version !== undefined && typeof record.version !== 'string') {
    return null;
  }
  return value as StudioEvent;
}

/**
 * The `_xsrf` cookie (the last one when there are several, as tornado reads them), or undefined
 * without one or without a document.
 */
export function xsrfCookie(): string | undefined {
  let cookie: string;
  try {
    cookie = typeof document === 'undefined' ? '' : document.cookie;
  } catch {
    return undefined; // e.g. a sandboxed page
  }
  let found: string | undefined;
  for (const part of cookie.split(';')) {
    const trimmed = part.trim();
    if (trimmed.startsWith('_xsrf=')) {
      found = trimmed.slice('_xsrf='.length);
    }
  }
  return found;
}

/**
 * The websocket URL: `wsUrl` + `smstudio/api/events`, with `?token=` when the settings append the
 * token (as `@jupyterlab/services` does for its sockets) and `_xsrf` when the page has that cookie
 * (cookie-authenticated sockets).
 */
export function eventsUrl(settings: ServerConnection.ISettings, xsrf?: string): string {
  const url = URLExt.join(settings.wsUrl, EVENTS_PATH);
  const query: Record<string, string> = {};
  if (settings.appendToken && settings.token !== '') {
    query.token = settings.token;
  }
  if (xsrf) {
    query._xsrf = xsrf;
  }
  const params = Object.entries(query)
    .map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
    .join('&');
  return params ? `${url}?${params}` : url;
}

export namespace StudioEvents {
  export interface IOptions {
    /** The app's server settings (`app.serviceManager.serverSettings`). */
    serverSettings: ServerConnection.ISettings;
    /** Opens a socket; by default `new serverSettings.WebSocket(url)` (tests inject a fake). */
    createSocket?: (url: string) => WebSocket;
    /** The `_xsrf` token to send; by default the page's `_xsrf` cookie. */
    xsrf?: () => string | undefined;
    /** Milliseconds before the first reconnection (doubled on each failure). Default 1000. */
    minDelay?: number;
    /** The longest wait between reconnections, in milliseconds. Default 30000. */
    maxDelay?: number;
    /**
     * A socket that stayed open this long (ms) was a success: the next reconnection starts from
     * `minDelay` again. Shorter-lived ones count as failures, so a server that accepts and drops
     * at once is not hammered. Default 5000.
     */
    stableAfter?: number;
    /** Random numbers in [0, 1) for the jitter (tests make it predictable). */
    random?: () => number;
  }
}

/** One socket per app on the server's per-user events websocket. See the module comment. */
export class StudioEvents implements IStudioEvents {
  constructor(options: StudioEvents.IOptions) {
    const settings = options.serverSettings;
    this._settings = settings;
    this._createSocket = options.createSocket ?? (url => new settings.WebSocket(url));
    this._xsrf = options.xsrf ?? xsrfCookie;
    this._minDelay = options.minDelay ?? 1000;
    this._maxDelay = options.maxDelay ?? 30000;
    this._stableAfter = options.stableAfter ?? 5000;
    this._random = options.random ?? Math.random;
    this._connect();
  }

  /** Every event the server sends this user, one emission per valid frame. */
  get stream(): ISignal<this, StudioEvent> {
    return this._stream;
  }

  /** Whether the socket is open now. */
  get isConnected(): boolean {
    return this._isConnected;
  }

  /** Emitted with `isConnected` whenever it changes. */
  get connectionChanged(): ISignal<this, boolean> {
    return this._connectionChanged;
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  /** The wait before the next reconnection (ms), or null while none is scheduled. */
  get nextDelay(): number | null {
    return this._timer === null ? null : this._scheduledDelay;
  }

  /** Close the socket for good: no more reconnections, no more emissions. */
  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    if (this._timer !== null) {
      clearTimeout(this._timer);
      this._timer = null;
    }
    this._closeSocket();
    this._setConnected(false);
    Signal.clearData(this);
  }

  private _connect(): void {
    this._timer = null;
    if (this._isDisposed) {
      return;
    }
    let socket: WebSocket;
    try {
      socket = this._createSocket(eventsUrl(this._settings, this._xsrf()));
    } catch (error) {
      // e.g. a malformed URL or a page that may not open sockets: try again later.
      console.warn('jupyter-smstudio: cannot open the events socket', error);
      this._failures++;
      this._schedule();
      return;
    }
    this._socket = socket;
    let openedAt: number | null = null;
    socket.onopen = () => {
      openedAt = Date.now();
      this._setConnected(true);
    };
    socket.onmessage = (message: MessageEvent) => {
      const event = parseFrame(message.data);
      if (event) {
        this._stream.emit(event);
      }
    };
    // An error is followed by close, which does the work.
    socket.onerror = () => undefined;
    socket.onclose = () => {
      if (this._socket !== socket) {
        return;
      }
      this._detach(socket);
      this._socket = null;
      this._setConnected(false);
      const lasted = openedAt === null ? 0 : Date.now() - openedAt;
      this._failures = lasted >= this._stableAfter ? 0 : this._failures + 1;
      this._schedule();
    };
  }

  /** Reconnect after `minDelay * 2^(failures - 1)` (at most `maxDelay`), jittered by up to half. */
  private _schedule(): void {
    if (this._isDisposed) {
      return;
    }
    const exponent = Math.max(0, this._failures - 1);
    const base = Math.min(this._maxDelay, this._minDelay * 2 ** Math.min(exponent, 30));
    this._scheduledDelay = Math.round(base * (0.5 + this._random() / 2));
    this._timer = setTimeout(() => this._connect(), this._scheduledDelay);
  }

  private _closeSocket(): void {
    const socket = this._socket;
    if (socket) {
      this._socket = null;
      this._detach(socket);
      try {
        socket.close();
      } catch {
        // already closed
      }
    }
  }

  private _detach(socket: WebSocket): void {
    socket.onopen = null;
    socket.onmessage = null;
    socket.onerror = null;
    socket.onclose = null;
  }

  private _setConnected(connected: boolean): void {
    if (this._isConnected !== connected) {
      this._isConnected = connected;
      this._connectionChanged.emit(connected);
    }
  }

  private _settings: ServerConnection.ISettings;
  private _createSocket: (url: string) => WebSocket;
  private _xsrf: () => string | undefined;
  private _minDelay: number;
  private _maxDelay: number;
  private _stableAfter: number;
  private _random: () => number;
  private _socket: WebSocket | null = null;
  private _timer: ReturnType<typeof setTimeout> | null = null;
  private _scheduledDelay = 0;
  private _failures = 0;
  private _isConnected = false;
  private _isDisposed = false;
  private _stream = new Signal<this, StudioEvent>(this);
  private _connectionChanged = new Signal<this, boolean>(this);
}
