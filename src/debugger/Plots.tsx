/** The Debugger tab's plots (plotly, loaded lazily), each with the steps where rules fired marked. */
import type { Layout } from 'plotly.js';
import React from 'react';

import { chartTheme, IChartTheme, themedLayout, withAxisTitles } from '../core/charts/theme';
import type { Trace } from '../core/charts/plotly';
import { usePlot } from '../core/charts/usePlot';
import type {
  DebuggerLosses,
  GradientHeatmap,
  TensorHistogram,
  TensorStatistics
} from '../core/generated/models';
import {
  firedLines,
  heatmapTrace,
  histogramTrace,
  lossTraces,
  nonFiniteSteps,
  statisticsTraces
} from './figures';
import type { IFiredRule } from './model';

const FIRED_COLOR = 3; // the theme's error color in chartTheme's colorway

/** One figure in a card: its title above, a message instead of an empty plot. */
function Chart(props: {
  title: string;
  testId: string;
  /** Why there is nothing to draw (null: draw). */
  empty: string | null;
  figure: (theme: IChartTheme) => { data: Trace[]; layout: Partial<Layout> };
  deps: React.DependencyList;
  /** Pixels: the plot's box and plotly's layout agree, so a re-layout never changes it. */
  height: number;
  points?: number;
  children?: React.ReactNode;
}): JSX.Element {
  const { empty, height } = props;
  const [ref, error] = usePlot(
    node => {
      if (empty) {
        return null;
      }
      const figure = props.figure(chartTheme(node));
      return { ...figure, layout: { ...figure.layout, height } };
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [empty, height, ...props.deps]
  );
  return (
    <figure
      className="jp-smstudio-chart jp-smstudio-debugger-chart"
      data-testid={props.testId}
      data-points={props.points ?? 0}
      aria-label={props.title}
    >
      <figcaption className="jp-smstudio-debugger-chart-title">{props.title}</figcaption>
      {props.children}
      {error && (
        <div className="jp-smstudio-muted" role="status">
          {error}
        </div>
      )}
      {empty && <div className="jp-smstudio-chart-message">{empty}</div>}
      <div ref={ref} className="jp-smstudio-chart-plot" hidden={!!empty} style={{ height }} />
    </figure>
  );
}

function layout(
  theme: IChartTheme,
  x: string,
  y: string,
  fired: ReadonlyArray<IFiredRule>
): Partial<Layout> {
  const base = withAxisTitles(themedLayout(theme, ''), x, y);
  return {
    ...base,
    ...firedLines(fired, theme.colorway[FIRED_COLOR], theme.plot),
    margin: { l: 64, r: 24, t: 48, b: 48 }
  };
}

export function StatisticsChart(props: {
  stats: TensorStatistics | null;
  tensor: string | null;
  fired: ReadonlyArray<IFiredRule>;
}): JSX.Element {
  const { stats, tensor, fired } = props;
  const bad = stats ? nonFiniteSteps(stats) : [];
  return (
    <Chart
      title={tensor ? `${tensor} over steps` : 'Statistics over steps'}
      testId="debugger-statistics"
      points={stats?.Steps?.length ?? 0}
      empty={
        !tensor
          ? 'Choose a tensor.'
          : !stats
            ? 'Loading…'
            : stats.Steps?.length
              ? null
              : 'No step saved yet.'
      }
      figure={theme => ({
        data: stats ? statisticsTraces(stats) : [],
        layout: layout(theme, 'step', 'value', fired)
      })}
      deps={[stats, fired]}
      height={340}
    >
      {bad.length > 0 && (
        <div
          className="jp-smstudio-debugger-warning"
          role="status"
          data-testid="debugger-nonfinite"
        >
          NaN or infinite values at {bad.length} plotted step{bad.length > 1 ? 's' : ''}, first at
          step {bad[0]} (gaps in the lines).
        </div>
      )}
      {stats?.Downsampled && (
        <div className="jp-smstudio-muted">
          {stats.StepCount} steps, drawn as {stats.Steps?.length} points (each keeps its run's
          minimum and maximum).
        </div>
      )}
    </Chart>
  );
}

export function HistogramChart(props: {
  histogram: TensorHistogram | null;
  tensor: string | null;
  error: string | null;
  children?: React.ReactNode;
}): JSX.Element {
  const { histogram, tensor, error } = props;
  const title = histogram
    ? `${histogram.TensorName} at step ${histogram.Step} (${histogram.Mode.toLowerCase()} step ${histogram.ModeStep})`
    : 'Distribution at a step';
  return (
    <Chart
      title={title}
      testId="debugger-histogram"
      points={histogram?.Counts?.length ?? 0}
      empty={
        !tensor
          ? 'Choose a tensor.'
          : error
            ? error
            : !histogram
              ? 'Loading…'
              : histogram.Counts?.length
                ? null
                : 'No finite value to bin at this step.'
      }
      figure={theme => {
        const base = withAxisTitles(themedLayout(theme, ''), 'value', 'count');
        return {
          data: histogram ? [histogramTrace(histogram)] : [],
          layout: {
            ...base,
            bargap: 0,
            showlegend: false,
            margin: { l: 64, r: 24, t: 24, b: 48 }
          }
        };
      }}
      deps={[histogram]}
      height={300}
    >
      {props.children}
      {histogram && (histogram.NanCount || histogram.InfCount) ? (
        <div className="jp-smstudio-debugger-warning" role="status">
          Left out: {histogram.NanCount} NaN and {histogram.InfCount} infinite values.
        </div>
      ) : null}
    </Chart>
  );
}

export function LossChart(props: {
  losses: DebuggerLosses | null;
  fired: ReadonlyArray<IFiredRule>;
}): JSX.Element {
  const { losses, fired } = props;
  const count = (losses?.Series ?? []).reduce((n, s) => n + (s.Steps?.length ?? 0), 0);
  return (
    <Chart
      title="Loss: train vs validation"
      testId="debugger-losses"
      points={count}
      empty={
        !losses
          ? 'Loading…'
          : count
            ? null
            : "No loss saved: the hook saves an nn.*Loss module's output in the 'losses' collection."
      }
      figure={theme => ({
        data: losses ? lossTraces(losses) : [],
        layout: layout(theme, 'step', 'loss', fired)
      })}
      deps={[losses, fired]}
      height={300}
    />
  );
}

export function GradientChart(props: {
  gradients: GradientHeatmap | null;
  fired: ReadonlyArray<IFiredRule>;
}): JSX.Element {
  const { gradients, fired } = props;
  const [log, setLog] = React.useState(true);
  const layers = gradients?.TensorNames?.length ?? 0;
  return (
    <Chart
      title={`Gradients per layer (${gradients?.Reduction ?? 'l2'} norm)`}
      testId="debugger-gradients"
      points={(gradients?.Steps?.length ?? 0) * layers}
      empty={!gradients ? 'Loading…' : layers ? null : (gradients.Warning ?? 'No gradients saved.')}
      figure={theme => {
        const base = layout(theme, 'step', '', fired);
        return {
          data: gradients ? [heatmapTrace(gradients, log)] : [],
          layout: {
            ...base,
            yaxis: { ...base.yaxis, automargin: true, autorange: 'reversed' }
          }
        };
      }}
      deps={[gradients, fired, log]}
      height={Math.max(240, 110 + 24 * layers)}
    >
      <label className="jp-smstudio-check jp-smstudio-debugger-log">
        <input type="checkbox" checked={log} onChange={e => setLog(e.currentTarget.checked)} /> log
        scale
      </label>
    </Chart>
  );
}
