/**
 * Column widths of the rooms' tables: a default from the heading (so a heading is never cut at
 * first sight), the user's widths (dragged) kept per table while JupyterLab runs.
 */
import { useReducer } from 'react';

/** The narrowest a column may be dragged. */
export const MIN_COLUMN_WIDTH = 48;

/** Pixels per character of the UI font (13px) and the room for padding, sort mark and handle. */
const CHAR_WIDTH = 7;
const HEADING_PADDING = 36;

/**
 * A column's default width: wide enough for its heading (`min` for short ones), at most `max`
 * (longer headings show in full on hover).
 */
export function defaultColumnWidth(heading: string, min = 80, max = 320): number {
  const wanted = Math.ceil(heading.length * CHAR_WIDTH + HEADING_PADDING);
  return Math.max(min, Math.min(max, wanted));
}

/** A dragged width, kept at least `MIN_COLUMN_WIDTH`, in whole pixels. */
export function clampWidth(width: number): number {
  return Math.max(MIN_COLUMN_WIDTH, Math.round(width));
}

/** The user's widths by table, then by column. */
const stored = new Map<string, Map<string, number>>();

export interface IColumnWidths {
  /** The column's width: the user's, else `fallback`. */
  width(column: string, fallback: number): number;
  setWidth(column: string, width: number): void;
  /** Back to the default width. */
  reset(column: string): void;
}

/** The widths of one table's columns (`table`: a name unique among the rooms' tables). */
export function useColumnWidths(table: string): IColumnWidths {
  const [, bump] = useReducer((n: number) => n + 1, 0);
  const mine = (): Map<string, number> => {
    let widths = stored.get(table);
    if (!widths) {
      widths = new Map();
      stored.set(table, widths);
    }
    return widths;
  };
  return {
    width: (column, fallback) => stored.get(table)?.get(column) ?? fallback,
    setWidth: (column, width) => {
      mine().set(column, clampWidth(width));
      bump();
    },
    reset: column => {
      mine().delete(column);
      bump();
    }
  };
}
