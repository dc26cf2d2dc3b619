/**
 * The Debugger tab's figures as plain data (plotly traces and layout additions), apart from React so
 * the tests read them: statistics over steps, a histogram, losses by mode, the gradient heatmap, and
 * the vertical line where a rule fired.
 */
import type { Layout, Shape } from 'plotly.js';

import { finiteOrNull } from '../core/charts/data';
import type { Trace } from '../core/charts/plotly';
import type {
  DebuggerLosses,
  GradientHeatmap,
  TensorHistogram,
  TensorStatistics
} from '../core/generated/models';
import type { IFiredRule } from './model';

/** The reductions drawn as lines; the others can be turned on from the legend. */
const SHOWN = ['min', 'max', 'mean'];
const LEGEND_ONLY = ['std', 'l2', 'zero_fraction'];
const MODE_LABEL: Record<string, string> = {
  TRAIN: 'train',
  EVAL: 'validation',
  PREDICT: 'predict',
  GLOBAL: 'global'
};

/**
 * A dashed vertical line at each fired rule's step, labelled with the rule, over the whole plot; the label
 * sits on `background` (the plot's own colour), so that it reads over a heatmap's cells too.
 */
export function firedLines(
  fired: ReadonlyArray<IFiredRule>,
  color: string,
  background = 'transparent'
): Partial<Layout> {
  const shapes: Partial<Shape>[] = fired.map(f => ({
    type: 'line',
    xref: 'x',
    yref: 'paper',
    x0: f.step,
    x1: f.step,
    y0: 0,
    y1: 1,
    line: { color, width: 2, dash: 'dash' }
  }));
  // inside the plot, right of its line: above it the legend would cover it
  const annotations = fired.map(f => ({
    x: f.step,
    xref: 'x' as const,
    xanchor: 'left' as const,
    y: 1,
    yref: 'paper' as const,
    yanchor: 'top' as const,
    text: `${f.name} @ ${f.step}`,
    showarrow: false,
    font: { color, size: 11 },
    bgcolor: background,
    borderpad: 2
  }));
  return { shapes, annotations };
}

/**
 * One line per reduction of the main mode (TRAIN when there is one), and the mean of each other mode
 * (a loss's validation steps) dotted: a validation pass never zigzags a training line.
 */
export function statisticsTraces(stats: TensorStatistics): Trace[] {
  const values = stats.Values ?? {};
  const steps = stats.Steps ?? [];
  const modes = stats.Modes ?? [];
  const present = [...new Set(modes.length ? modes : ['GLOBAL'])];
  const main = present.includes('TRAIN') ? 'TRAIN' : present[0];
  const traces: Trace[] = [];
  for (const mode of present) {
    const at = steps.map((_, i) => i).filter(i => !modes.length || modes[i] === mode);
    // the main mode's lines carry the plain names; another mode adds its mean only (a short legend)
    const suffix = mode === main ? '' : ` (${MODE_LABEL[mode]})`;
    const reductions = mode === main ? [...SHOWN, ...LEGEND_ONLY] : ['mean'];
    for (const r of reductions.filter(name => name in values)) {
      traces.push({
        type: 'scatter',
        mode: at.length > 1 ? 'lines' : 'markers',
        name: `${r}${suffix}`,
        legendgroup: r,
        x: at.map(i => steps[i]),
        y: at.map(i => finiteOrNull(values[r]?.[i])),
        text: at.map(i => `${MODE_LABEL[modes[i]] ?? ''} step ${stats.ModeSteps?.[i] ?? ''}`),
        line: mode === main ? undefined : { dash: 'dot' },
        hovertemplate: `${r} %{y:.4g}<br>step %{x} (%{text})<extra></extra>`,
        visible: SHOWN.includes(r) ? true : 'legendonly'
      } as Trace);
    }
  }
  return traces;
}

/** Steps where the tensor held a NaN or an infinity (from its counts), for a warning line. */
export function nonFiniteSteps(stats: TensorStatistics): number[] {
  const nan = stats.Values?.nan_count ?? [];
  const inf = stats.Values?.inf_count ?? [];
  return (stats.Steps ?? []).filter((_, i) => (nan[i] ?? 0) > 0 || (inf[i] ?? 0) > 0);
}

export function histogramTrace(histogram: TensorHistogram): Trace {
  const edges = histogram.Edges ?? [];
  const counts = histogram.Counts ?? [];
  return {
    type: 'bar',
    name: histogram.TensorName,
    x: counts.map((_, i) => (edges[i] + edges[i + 1]) / 2),
    y: counts,
    width: counts.map((_, i) => edges[i + 1] - edges[i]),
    hovertemplate: '%{y} values near %{x:.4g}<extra></extra>'
  };
}

export function lossTraces(losses: DebuggerLosses): Trace[] {
  const many = new Set((losses.Series ?? []).map(s => s.TensorName)).size > 1;
  return (losses.Series ?? []).map(s => ({
    type: 'scatter',
    mode: (s.Steps ?? []).length > 1 ? 'lines' : 'markers',
    name: many ? `${s.TensorName} (${MODE_LABEL[s.Mode]})` : MODE_LABEL[s.Mode],
    x: s.Steps ?? [],
    y: (s.Values ?? []).map(finiteOrNull),
    text: (s.ModeSteps ?? []).map(n => `${MODE_LABEL[s.Mode]} step ${n}`),
    hovertemplate: 'loss %{y:.4g}<br>step %{x} (%{text})<extra></extra>'
  }));
}

/** A layer's label: its gradient tensor without the "gradient/" prefix. */
export function layerLabel(tensorName: string): string {
  return tensorName.replace(/^gradient\//, '');
}

/**
 * The heatmap trace; `log` draws log10 of the values (gradient norms span orders of magnitude
 * between layers), zero and below as gaps.
 */
export function heatmapTrace(heat: GradientHeatmap, log: boolean): Trace {
  const z = (heat.Values ?? []).map(row =>
    row.map(v => {
      const n = finiteOrNull(v);
      if (n === null || !log) {
        return n;
      }
      return n > 0 ? Math.log10(n) : null;
    })
  );
  return {
    type: 'heatmap',
    x: heat.Steps ?? [],
    y: (heat.TensorNames ?? []).map(layerLabel),
    z,
    colorscale: 'Viridis',
    hoverongaps: false,
    colorbar: { title: { text: log ? `log10 ${heat.Reduction}` : heat.Reduction } },
    hovertemplate: `%{y}<br>step %{x}<br>${log ? 'log10 ' : ''}${heat.Reduction} %{z:.4g}<extra></extra>`
  } as Trace;
}
