/**
 * Metric and parameter values as they travel: numbers, or the strings "NaN", "Infinity",
 * "-Infinity" (and any other string for string parameters). Pure helpers, no DOM.
 */

/** Any value from the wire. */
export type WireValue = number | string | null | undefined;

/** The numeric meaning of a wire value, keeping NaN and +-Infinity (null when not numeric). */
export function numericValue(value: unknown): number | null {
  if (typeof value === 'number') {
    return value;
  }
  if (value === 'NaN') {
    return NaN;
  }
  if (value === 'Infinity' || value === '+Infinity') {
    return Infinity;
  }
  if (value === '-Infinity') {
    return -Infinity;
  }
  return null;
}

/** Text of a value for a table cell or a CSV field; empty for null/undefined. */
export function formatValue(value: unknown, digits = 6): string {
  if (value === null || value === undefined) {
    return '';
  }
  if (typeof value === 'number') {
    if (Number.isNaN(value)) {
      return 'NaN';
    }
    if (!Number.isFinite(value)) {
      return value > 0 ? 'Infinity' : '-Infinity';
    }
    if (Number.isInteger(value)) {
      return String(value);
    }
    return String(Number(value.toPrecision(digits)));
  }
  if (typeof value === 'object') {
    return JSON.stringify(value);
  }
  return String(value);
}

/** Equality for "only differences": NaN equals NaN ("NaN" too); other values compare strictly. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) {
    return true;
  }
  const na = numericValue(a);
  const nb = numericValue(b);
  if (na !== null && nb !== null) {
    return (Number.isNaN(na) && Number.isNaN(nb)) || na === nb;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    return JSON.stringify(a) === JSON.stringify(b);
  }
  return false;
}
