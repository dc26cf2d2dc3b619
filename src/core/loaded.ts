/**
 * One thing a model reads for its views: the value of the latest read (kept until the next
 * answer) and the error of the last read. The answer of a read that a newer one (or a reset)
 * superseded is dropped.
 */
import { message } from './errors';

export class Loaded<T> {
  /**
   * @param empty - the value before the first answer (and after a reset)
   * @param changed - called when the value or the error changed
   */
  constructor(
    private _empty: T,
    private _changed: () => void
  ) {
    this._value = _empty;
  }

  get value(): T {
    return this._value;
  }
  /** The error of the last read, or null. */
  get error(): string | null {
    return this._error;
  }

  /** Read the value (again); a failure's text is `describe(reason)`. */
  async load(
    read: () => Promise<T>,
    describe: (reason: unknown) => string = message
  ): Promise<void> {
    const generation = ++this._generation;
    try {
      const value = await read();
      if (generation !== this._generation) {
        return;
      }
      this._value = value;
      this._error = null;
    } catch (reason) {
      if (generation !== this._generation) {
        return;
      }
      this._error = describe(reason);
    }
    this._changed();
  }

  /** Back to the empty value, dropping the reads under way. */
  reset(): void {
    this._generation++;
    this._value = this._empty;
    this._error = null;
  }

  private _value: T;
  private _error: string | null = null;
  private _generation = 0;
}
