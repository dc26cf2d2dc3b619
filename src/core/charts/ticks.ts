/** Axes of counts (steps, training job numbers): whole-number ticks only. Pure functions. */

/**
 * The tick spacing of an axis of whole numbers up to `span` wide: 1, 2 or 5 times a power of
 * ten, about `ticks` ticks, never below 1 (plotly's own choice gives 0.5, 1.5 on short axes).
 */
export function integerDtick(span: number, ticks = 8): number {
  if (!Number.isFinite(span) || span <= ticks) {
    return 1;
  }
  const raw = span / ticks;
  const power = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 5, 10].map(m => m * power).find(s => s >= raw) ?? 10 * power;
  return Math.max(1, Math.round(step));
}

/** An x axis of whole numbers over these values (the layout's `xaxis` additions). */
export function integerAxis(values: ReadonlyArray<number | string | null>): {
  dtick: number;
  tick0: number;
  tickformat: string;
} {
  const numbers = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  const span = numbers.length ? Math.max(...numbers) - Math.min(...numbers) : 0;
  return { dtick: integerDtick(span), tick0: 0, tickformat: 'd' };
}
