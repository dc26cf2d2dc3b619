/**
 * Follows one job's log: reads it in chunks from the last offset until the server says it is
 * complete. Used by the job pages of the Jobs and Training rooms.
 */
import type { LogChunk } from './generated/models';
import { message } from './errors';

export namespace LogTail {
  export interface IOptions {
    /** Reads the log of `name` from `offset`. */
    read: (name: string, offset: number) => Promise<LogChunk>;
    /** Milliseconds between reads of a log that is still growing. */
    interval: number;
    /** Called whenever text, completeness or error changed. */
    changed: () => void;
    /** Called once when the log is complete (the job has ended). */
    completed: () => void;
  }
}

export class LogTail {
  constructor(options: LogTail.IOptions) {
    this._options = options;
    this._interval = options.interval;
  }

  get text(): string {
    return this._text;
  }
  get complete(): boolean {
    return this._complete;
  }
  get error(): string | null {
    return this._error;
  }

  set interval(interval: number) {
    this._interval = interval;
  }

  /** Forget the current log and stop reading it (a read still under way is dropped). */
  stop(): void {
    this._text = '';
    this._offset = 0;
    this._complete = false;
    this._error = null;
    this._generation++;
    if (this._timer) {
      clearTimeout(this._timer);
      this._timer = null;
    }
  }

  /** Start reading `name`'s log from its beginning. */
  follow(name: string): void {
    this.stop();
    void this._read(name, this._generation);
  }

  private async _read(name: string, generation: number): Promise<void> {
    if (generation !== this._generation) {
      return;
    }
    let delay = this._interval;
    try {
      const chunk = await this._options.read(name, this._offset);
      if (generation !== this._generation) {
        return;
      }
      this._error = null;
      if (chunk.text) {
        this._text += chunk.text;
      }
      this._offset = chunk.next_offset;
      if (chunk.complete) {
        this._complete = true;
        this._options.changed();
        this._options.completed();
        return;
      }
      // More text is waiting when the chunk was not empty: read on sooner.
      if (chunk.text) {
        delay = Math.min(delay, 200);
      }
    } catch (reason) {
      if (generation !== this._generation) {
        return;
      }
      this._error = message(reason);
      // A failing server is not asked again at full speed.
      delay = Math.max(delay, 2000);
    }
    this._options.changed();
    this._timer = setTimeout(() => {
      this._timer = null;
      void this._read(name, generation);
    }, delay);
  }

  private _options: LogTail.IOptions;
  private _interval: number;
  private _text = '';
  private _offset = 0;
  private _complete = false;
  private _error: string | null = null;
  private _generation = 0;
  private _timer: ReturnType<typeof setTimeout> | null = null;
}
