/** How the rooms write times, durations and empty lists. Pure functions. */
import type { Job } from './generated/models';

/**
 * Local date and time in the user's locale, with two digits everywhere and a 24-hour clock:
 * every time in a column has the same width, so columns line up and do not jump.
 */
const TIME_FORMAT: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false
};

/** Local date-time of an ISO timestamp, or an em dash. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) {
    return '—';
  }
  const date = new Date(iso);
  return isNaN(date.getTime()) ? iso : date.toLocaleString(undefined, TIME_FORMAT);
}

/** Seconds as `1h 02m 03s`, `2m 05s` or `7s`; an em dash without a value. */
export function formatSeconds(total: number | null | undefined): string {
  if (total === null || total === undefined || !Number.isFinite(total)) {
    return '—';
  }
  let seconds = Math.max(0, Math.round(total));
  const h = Math.floor(seconds / 3600);
  seconds -= h * 3600;
  const m = Math.floor(seconds / 60);
  const s = seconds - m * 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (h) {
    return `${h}h ${pad(m)}m ${pad(s)}s`;
  }
  return m ? `${m}m ${pad(s)}s` : `${s}s`;
}

/** Time between two ISO timestamps (the end defaults to now). */
export function formatSpan(
  start: string | null | undefined,
  end: string | null | undefined,
  now: number = Date.now()
): string {
  const a = start ? Date.parse(start) : NaN;
  const b = end ? Date.parse(end) : now;
  return isNaN(a) || isNaN(b) ? '—' : formatSeconds((b - a) / 1000);
}

/** A job's run time from start (or creation) to end (or now). */
export function formatDuration(job: Job, now: number = Date.now()): string {
  return formatSpan(job.start_time ?? job.creation_time, job.end_time, now);
}

/**
 * What an empty list says, the same way in every room: `No training jobs yet. Start one with
 * “New training job”.`, or, while filters hide everything, `No training jobs match the filters.`
 */
export function emptyText(things: string, how = '', filtered = false): string {
  if (filtered) {
    return `No ${things} match the filters.`;
  }
  return how ? `No ${things} yet. ${how}` : `No ${things} yet.`;
}
