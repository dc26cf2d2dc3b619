/** The Model Monitor room's plotly charts: drift and model quality over time, histograms. */
import React from 'react';

import { chartTheme, themedLayout, withAxisTitles } from '../core/charts/theme';
import { usePlot } from '../core/charts/usePlot';
import { histogramShares, historyLines, HistoryMeasure, ILine, qualityLines } from './logic';
import type { HistogramBin, HistoryPoint } from './types';

function ChartFrame(props: {
  ref_: React.RefObject<HTMLDivElement>;
  error: string | null;
  title: string;
  testId: string;
  points: number;
}): JSX.Element {
  return (
    <figure
      className="jp-smstudio-chart jp-smstudio-monitor-chart"
      data-testid={props.testId}
      data-points={props.points}
    >
      {props.error && (
        <div className="jp-smstudio-muted" role="status">
          {props.error}
        </div>
      )}
      <div
        ref={props.ref_}
        className="jp-smstudio-chart-plot"
        aria-label={props.title}
        role="img"
      />
    </figure>
  );
}

/** Whether every value of the lines lies in 0..1. */
function fractions(lines: ReadonlyArray<ILine>): boolean {
  const values = lines.flatMap(l => l.y).filter((v): v is number => v !== null);
  return values.length > 0 && values.every(v => v >= 0 && v <= 1);
}

/**
 * One line per feature (or metric) across the executions, gaps where an execution has no value;
 * with `threshold`, a dashed line at it.
 */
export function HistoryChart(props: {
  points: ReadonlyArray<HistoryPoint>;
  measure: HistoryMeasure;
  title: string;
  yTitle: string;
  threshold?: number | null;
  testId: string;
}): JSX.Element {
  const { points, measure, title, yTitle, threshold } = props;
  const [ref, error] = usePlot(
    node => {
      const theme = chartTheme(node);
      const lines =
        measure === 'ModelQuality' ? qualityLines(points) : historyLines(points, measure);
      const layout = withAxisTitles(themedLayout(theme, title), 'Scheduled time', yTitle);
      const x = points.map(p => p.ScheduledTime);
      const data: object[] = lines.map(l => ({
        type: 'scatter',
        mode: 'lines+markers',
        connectgaps: false,
        name: l.name,
        x: l.x,
        y: l.y
      }));
      if (typeof threshold === 'number' && x.length) {
        data.push({
          type: 'scatter',
          mode: 'lines',
          name: `comparison threshold ${threshold}`,
          x: [x[0], x[x.length - 1]],
          y: [threshold, threshold],
          line: { color: theme.font, dash: 'dash', width: 1 },
          hoverinfo: 'name'
        });
      }
      return {
        layout: {
          ...layout,
          xaxis: { ...layout.xaxis, type: 'date' },
          // fractions (distances, accuracy, ...) on their whole 0..1 scale; others as they come
          yaxis: fractions(lines)
            ? { ...layout.yaxis, range: [0, 1.05] }
            : { ...layout.yaxis, rangemode: 'tozero' }
        },
        data: data as never
      };
    },
    [points, measure, title, yTitle, threshold]
  );
  return (
    <ChartFrame
      ref_={ref}
      error={error}
      title={title}
      testId={props.testId}
      points={points.length}
    />
  );
}

/** The baseline's distribution beside the window's, on the baseline's bins, as shares. */
export function HistogramChart(props: {
  feature: string;
  baseline: ReadonlyArray<HistogramBin>;
  current: ReadonlyArray<HistogramBin>;
}): JSX.Element {
  const { feature, baseline, current } = props;
  const title = `${feature}: baseline and this window`;
  const [ref, error] = usePlot(
    node => {
      const theme = chartTheme(node);
      const shares = histogramShares(baseline, current);
      const layout = withAxisTitles(themedLayout(theme, title), 'Bin', 'Share of records');
      return {
        layout: {
          ...layout,
          barmode: 'group',
          xaxis: { ...layout.xaxis, type: 'category' },
          yaxis: { ...layout.yaxis, tickformat: '.0%' }
        },
        data: [
          { type: 'bar', name: 'baseline', x: shares.labels, y: shares.baseline },
          { type: 'bar', name: 'this window', x: shares.labels, y: shares.current }
        ]
      };
    },
    [baseline, current, title]
  );
  return (
    <ChartFrame
      ref_={ref}
      error={error}
      title={title}
      testId="execution-histogram"
      points={baseline.length}
    />
  );
}
