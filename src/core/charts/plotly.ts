/**
 * plotly.js, loaded lazily: it is big, so it is loaded the first time a chart is drawn, not
 * with JupyterLab.
 */
import type { Data, Layout } from 'plotly.js';

export type PlotlyModule = typeof import('plotly.js-dist-min');

/**
 * A trace plotly draws. `@types/plotly.js` has no type for parallel coordinates, so those
 * traces are described here.
 */
export type Trace = Data | IParcoordsTrace;

export interface IParcoordsTrace {
  type: 'parcoords';
  line: { color: number[]; colorscale: [number, string][]; showscale: boolean };
  labelfont: { color: string };
  /** Degrees the axis labels turn (many axes: their labels would overlap). */
  labelangle?: number;
  labelside?: 'top' | 'bottom';
  tickfont: { color: string };
  rangefont: { color: string };
  dimensions: { label: string; values: number[]; ticktext?: string[]; tickvals?: number[] }[];
}

/** What a chart draws: its traces and layout. */
export interface IFigure {
  data: Trace[];
  layout: Partial<Layout>;
}

let plotly: Promise<PlotlyModule> | null = null;

/** plotly.js, loaded on first use (a failed load is tried again on the next call). */
export function loadPlotly(): Promise<PlotlyModule> {
  if (!plotly) {
    plotly = import('plotly.js-dist-min').then(
      m => (m as PlotlyModule & { default?: PlotlyModule }).default ?? m
    );
    plotly.catch(() => (plotly = null));
  }
  return plotly;
}

/** How every chart is drawn: it follows the window's size, without the plotly logo. */
export const PLOT_CONFIG = { responsive: true, displaylogo: false };
