import React, { useState } from 'react';

import { lineMode, seriesLine } from '../core/charts/data';
import type { IFigure } from '../core/charts/plotly';
import { chartTheme, themedLayout, withAxisTitles } from '../core/charts/theme';
import { usePlot } from '../core/charts/usePlot';
import type { TrialComponent } from '../core/generated/models';
import { histogramValues, parallelDimensions, scatterPoints } from './chartData';
import { allColumns, columnLabel } from './columns';
import type { ExperimentsModel, IChartSpec } from './model';
import type { IStepLine } from './pages';

const KINDS: { kind: IChartSpec['kind']; label: string }[] = [
  { kind: 'steps', label: 'Metric over steps (selected rows)' },
  { kind: 'scatter', label: 'Scatter (column vs column)' },
  { kind: 'parallel', label: 'Parallel coordinates' },
  { kind: 'histogram', label: 'Histogram' }
];

function chartTitle(spec: IChartSpec): string {
  switch (spec.kind) {
    case 'steps':
      return `${spec.metric} over steps`;
    case 'scatter':
      return `${columnLabel(spec.y ?? '')} vs ${columnLabel(spec.x ?? '')}`;
    case 'parallel':
      return 'Parallel coordinates';
    case 'histogram':
      return `Histogram of ${columnLabel(spec.x ?? '')}`;
  }
}

/** What a chart plots: the leaderboard's rows, or the selected rows' series of a metric. */
interface IChartData {
  rows: ReadonlyArray<TrialComponent>;
  /** The selected rows' series of a steps chart's metric (null while they are read). */
  lines: ReadonlyArray<IStepLine> | null;
  /** How many rows are selected. */
  selected: number;
}

/** Traces and layout of one chart (null: nothing to draw yet). */
function figure(spec: IChartSpec, chart: IChartData, node: Element): IFigure | null {
  const theme = chartTheme(node);
  const layout = themedLayout(theme, chartTitle(spec));
  const { rows, lines } = chart;
  if (spec.kind === 'steps') {
    if (!chart.selected) {
      throw new Error('Select rows in the leaderboard to chart their metric.');
    }
    if (!lines) {
      return null;
    }
    return {
      layout: withAxisTitles(layout, 'step', spec.metric ?? ''),
      data: lines.map(({ name, series }) => {
        const line = seriesLine(series);
        const row = rows.find(r => r.trial_component_name === name);
        return {
          type: 'scatter',
          mode: lineMode(line.x.length),
          connectgaps: false,
          name: row?.display_name || name,
          x: line.x,
          y: line.y
        };
      })
    };
  }
  const x = spec.x ?? '';
  if (spec.kind === 'scatter') {
    const y = spec.y ?? '';
    const points = scatterPoints(rows, x, y);
    return {
      layout: withAxisTitles(layout, columnLabel(x), columnLabel(y)),
      data: [
        {
          type: 'scatter',
          mode: 'markers',
          x: points.x,
          y: points.y,
          text: points.text,
          hoverinfo: 'x+y+text'
        }
      ]
    };
  }
  if (spec.kind === 'parallel') {
    const dims = parallelDimensions(rows, spec.columns ?? []);
    const colorDim = dims[dims.length - 1];
    return {
      layout: { ...layout, margin: { l: 64, r: 64, t: 64, b: 32 } },
      data: [
        {
          type: 'parcoords',
          line: {
            color: colorDim?.values ?? [],
            colorscale: [
              [0, theme.colorway[0]],
              [1, theme.colorway[1]]
            ],
            showscale: false
          },
          labelfont: { color: theme.font },
          tickfont: { color: theme.font },
          rangefont: { color: theme.font },
          dimensions: dims.map(d => ({
            label: columnLabel(d.label),
            values: d.values,
            ...(d.ticktext ? { ticktext: d.ticktext, tickvals: d.tickvals } : {})
          }))
        }
      ]
    };
  }
  return {
    layout: withAxisTitles(layout, columnLabel(x), 'count'),
    data: [{ type: 'histogram', x: histogramValues(rows, x) }]
  };
}

function ChartView({ model, spec }: { model: ExperimentsModel; spec: IChartSpec }): JSX.Element {
  const rows = model.rows;
  // A steps chart follows the selection and the series read for it.
  const steps = spec.kind === 'steps';
  const lines = steps ? model.steps.get(spec.metric ?? '') : null;
  const selected = steps ? model.selection.size : 0;
  const [ref, error] = usePlot(
    node => figure(spec, { rows, lines, selected }, node),
    [spec, rows, lines, selected]
  );
  return (
    <figure className="jp-smstudio-chart" data-testid="chart" data-kind={spec.kind}>
      <div className="jp-smstudio-chart-head">
        <span>{chartTitle(spec)}</span>
        <span className="jp-smstudio-spacer" />
        <button
          type="button"
          className="jp-smstudio-icon-button"
          aria-label="Remove chart"
          title="Remove chart"
          onClick={() => model.removeChart(spec.id)}
        >
          ×
        </button>
      </div>
      {error && (
        <div className="jp-smstudio-muted" role="status" data-testid="chart-message">
          {error}
        </div>
      )}
      <div ref={ref} className="jp-smstudio-chart-plot" />
    </figure>
  );
}

/** Build charts from the leaderboard's columns; each chart is drawn with plotly (loaded lazily). */
export function Charts({ model }: { model: ExperimentsModel }): JSX.Element {
  const columns = model.columns;
  const metrics = columns?.metrics ?? [];
  const numeric = allColumns(columns).filter(
    c => c.startsWith('Parameters.') || c.startsWith('Metrics.')
  );
  const [kind, setKind] = useState<IChartSpec['kind']>('steps');
  const [metric, setMetric] = useState('');
  const [x, setX] = useState('');
  const [y, setY] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const metricValue = metric || metrics[0] || '';
  const xValue = x || numeric.find(c => c.startsWith('Parameters.')) || numeric[0] || '';
  const yValue = y || numeric.find(c => c.endsWith('.Last')) || numeric[0] || '';
  const parallel = chosen.length ? chosen : model.visibleColumns.filter(c => numeric.includes(c));
  const canAdd =
    kind === 'steps'
      ? !!metricValue
      : kind === 'parallel'
        ? parallel.length >= 2
        : kind === 'scatter'
          ? !!xValue && !!yValue
          : !!xValue;
  const add = () => {
    if (kind === 'steps') {
      model.addChart({ kind, metric: metricValue });
    } else {
      model.addChart(
        kind === 'scatter'
          ? { kind, x: xValue, y: yValue }
          : kind === 'parallel'
            ? { kind, columns: parallel }
            : { kind, x: xValue }
      );
    }
  };
  const columnSelect = (
    value: string,
    onChange: (v: string) => void,
    testId: string,
    label: string
  ) => (
    <label className="jp-smstudio-inline-field">
      {label}
      <select
        className="jp-mod-styled"
        data-testid={testId}
        value={value}
        onChange={e => onChange(e.target.value)}
      >
        {numeric.map(c => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <div className="jp-smstudio-charts" data-testid="charts">
      <div className="jp-smstudio-toolbar" role="toolbar" aria-label="New chart">
        <label className="jp-smstudio-inline-field">
          Chart
          <select
            className="jp-mod-styled"
            data-testid="chart-kind"
            value={kind}
            onChange={e => setKind(e.target.value as IChartSpec['kind'])}
          >
            {KINDS.map(k => (
              <option key={k.kind} value={k.kind}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
        {kind === 'steps' && (
          <label className="jp-smstudio-inline-field">
            Metric
            <select
              className="jp-mod-styled"
              data-testid="chart-metric"
              value={metricValue}
              onChange={e => setMetric(e.target.value)}
            >
              {metrics.map(m => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
          </label>
        )}
        {kind === 'scatter' && columnSelect(xValue, setX, 'chart-x', 'X')}
        {kind === 'scatter' && columnSelect(yValue, setY, 'chart-y', 'Y')}
        {kind === 'histogram' && columnSelect(xValue, setX, 'chart-x', 'Column')}
        {kind === 'steps' && (
          <span className="jp-smstudio-muted">{model.selection.size} row(s) selected</span>
        )}
        <button
          type="button"
          className="jp-mod-styled jp-mod-accept"
          data-testid="chart-add"
          disabled={!canAdd}
          onClick={add}
        >
          Add chart
        </button>
      </div>
      {kind === 'parallel' && (
        <fieldset className="jp-smstudio-chart-columns">
          <legend>Columns</legend>
          {numeric.map(c => (
            <label key={c} className="jp-smstudio-check">
              <input
                type="checkbox"
                checked={parallel.includes(c)}
                onChange={e =>
                  setChosen(e.target.checked ? [...parallel, c] : parallel.filter(p => p !== c))
                }
              />
              {c}
            </label>
          ))}
        </fieldset>
      )}
      {model.charts.length === 0 && (
        <div className="jp-smstudio-muted jp-smstudio-empty">No charts yet.</div>
      )}
      <div className="jp-smstudio-chart-grid">
        {model.charts.map(spec => (
          <ChartView key={spec.id} model={model} spec={spec} />
        ))}
      </div>
    </div>
  );
}
