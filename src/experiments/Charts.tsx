import { HTMLSelect } from '@jupyterlab/ui-components';
import React, { useMemo, useState } from 'react';

import { lineMode, seriesLine } from '../core/charts/data';
import type { IFigure } from '../core/charts/plotly';
import { chartTheme, themedLayout, withAxisTitles } from '../core/charts/theme';
import { integerAxis } from '../core/charts/ticks';
import { usePlot } from '../core/charts/usePlot';
import { emptyText } from '../core/format';
import type { TrialComponent } from '../core/generated/models';
import { defaultParallel, histogramValues, parallelData, scatterPoints } from './chartData';
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
  // the chart's card says its title
  const layout = themedLayout(theme, '');
  const { rows, lines } = chart;
  if (spec.kind === 'steps') {
    if (!chart.selected) {
      throw new Error('Select rows in the leaderboard to chart their metric.');
    }
    if (!lines) {
      return null;
    }
    const steps = withAxisTitles(layout, 'step', spec.metric ?? '');
    const xs = lines.flatMap(({ series }) => seriesLine(series).x);
    return {
      layout: { ...steps, xaxis: { ...steps.xaxis, ...integerAxis(xs) } },
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
    const parallel = parallelData(rows, spec.columns ?? []);
    if (!rows.length) {
      throw new Error('No trial components to draw.');
    }
    if (!parallel.drawn) {
      throw new Error(
        `No trial component has a value in every chosen column (${parallel.incomplete
          .map(columnLabel)
          .join(', ')} lack some): choose other columns.`
      );
    }
    const dims = parallel.dimensions;
    const colorDim = dims[dims.length - 1];
    // many axes: turn their labels so that neighbours do not overlap
    const turned = dims.length > 3;
    return {
      layout: { ...layout, margin: { l: 64, r: turned ? 120 : 64, t: turned ? 110 : 64, b: 32 } },
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
          labelangle: turned ? -30 : 0,
          labelside: 'top',
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

/** What a parallel-coordinates chart leaves out, in words (null: nothing). */
function parallelNote(rows: ReadonlyArray<TrialComponent>, spec: IChartSpec): string | null {
  if (spec.kind !== 'parallel') {
    return null;
  }
  const { drawn, leftOut, incomplete } = parallelData(rows, spec.columns ?? []);
  if (!drawn || !leftOut) {
    return null;
  }
  return `${leftOut} of ${rows.length} trial components left out: no value in ${incomplete
    .map(columnLabel)
    .join(', ')}.`;
}

function ChartView({ model, spec }: { model: ExperimentsModel; spec: IChartSpec }): JSX.Element {
  const rows = model.rows;
  const note = useMemo(() => parallelNote(rows, spec), [rows, spec]);
  // A steps chart follows the selection and the series read for it.
  const steps = spec.kind === 'steps';
  const lines = steps ? model.steps.get(spec.metric ?? '') : null;
  const selected = steps ? model.selection.size : 0;
  const [ref, error] = usePlot(
    node => figure(spec, { rows, lines, selected }, node),
    [spec, rows, lines, selected]
  );
  return (
    <figure
      className={`jp-smstudio-chart${spec.kind === 'parallel' ? ' jp-smstudio-chart-wide' : ''}`}
      data-testid="chart"
      data-kind={spec.kind}
    >
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
        <div className="jp-smstudio-chart-message" role="status" data-testid="chart-message">
          {error}
        </div>
      )}
      <div ref={ref} className="jp-smstudio-chart-plot" hidden={!!error} />
      {note && !error && (
        <div className="jp-smstudio-muted" data-testid="chart-note">
          {note}
        </div>
      )}
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
  const parallel = chosen.length ? chosen : defaultParallel(model.visibleColumns, numeric);
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
      <HTMLSelect
        data-testid={testId}
        value={value}
        onChange={e => onChange(e.target.value)}
        options={numeric.map(c => ({ value: c, label: columnLabel(c) }))}
      />
    </label>
  );
  return (
    <div className="jp-smstudio-charts" data-testid="charts">
      <div className="jp-smstudio-toolbar" role="toolbar" aria-label="New chart">
        <label className="jp-smstudio-inline-field">
          Chart
          <HTMLSelect
            data-testid="chart-kind"
            value={kind}
            onChange={e => setKind(e.target.value as IChartSpec['kind'])}
            options={KINDS.map(k => ({ value: k.kind, label: k.label }))}
          />
        </label>
        {kind === 'steps' && (
          <label className="jp-smstudio-inline-field">
            Metric
            <HTMLSelect
              data-testid="chart-metric"
              value={metricValue}
              onChange={e => setMetric(e.target.value)}
              options={metrics}
            />
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
            <label key={c} className="jp-smstudio-check" title={c}>
              <input
                type="checkbox"
                checked={parallel.includes(c)}
                onChange={e =>
                  setChosen(e.target.checked ? [...parallel, c] : parallel.filter(p => p !== c))
                }
              />
              {columnLabel(c)}
            </label>
          ))}
        </fieldset>
      )}
      {model.charts.length === 0 && (
        <div className="jp-smstudio-muted jp-smstudio-empty">
          {emptyText('charts', 'Pick a kind of chart above and add it.')}
        </div>
      )}
      <div className="jp-smstudio-chart-grid">
        {model.charts.map(spec => (
          <ChartView key={spec.id} model={model} spec={spec} />
        ))}
      </div>
    </div>
  );
}
