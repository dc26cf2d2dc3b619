/** What the rooms' forms share of turning typed text into request values. Pure functions. */

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A hyperparameter value: a number when the text is one (`8`, `0.1`, `1e-3`), else the text. */
export function parseValue(text: string): number | string {
  const trimmed = text.trim();
  if (NUMBER.test(trimmed)) {
    const n = Number(trimmed);
    if (Number.isFinite(n)) {
      return n;
    }
  }
  return trimmed;
}
