import React, { useEffect, useReducer, useRef, useState } from 'react';

import { allColumns, columnLabel } from './columns';
import { histogramValues, parallelDimensions, scatterPoints, seriesLine } from './chartData';
import type { ExperimentsModel, IChartSpec } from './model';
import { chartTheme, themedLayout } from './theme';

type PlotlyModule = typeof import('plotly.js-dist-min');
let plotly: Promise<PlotlyModule> | null = null;

/** plotly.js is big: load it the first time a chart is drawn, not with JupyterLab. */
export function loadPlotly(): Promise<PlotlyModule> {
  if (!plotly) {
    plotly = import('plotly.js-dist-min').then(m => ((m as any).default ?? m) as PlotlyModule);
    plotly.catch(() => (plotly = null));
  }
  return plotly;
}

/**
 * Draw `plot(node)` (traces and layout, or null for nothing yet) into `ref` whenever `deps` change,
 * and free it on unmount; returns the loading error, if any.
 */
export function usePlot(
  ref: React.RefObject<HTMLDivElement>,
  plot: (node: HTMLDivElement) => { traces: any[]; layout: any } | null,
  deps: React.DependencyList
): string | null {
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    const node = ref.current;
    const drawn = node ? plot(node) : null;
    if (!drawn) {
      return;
    }
    loadPlotly()
      .then(Plotly => {
        if (!alive || !ref.current) {
          return;
        }
        setError(null);
        return Plotly.react(ref.current, drawn.traces, drawn.layout, { responsive: true, displaylogo: false });
      })
      .catch(reason => alive && setError(reason instanceof Error ? reason.message : String(reason)));
    return () => {
      alive = false;
    };
  }, deps);
  usePurgeOnUnmount(ref);
  return error;
}

/** Free a plotly chart's listeners and WebGL contexts when its component goes away. */
export function usePurgeOnUnmount(ref: React.RefObject<HTMLDivElement>): void {
  useEffect(
    () => () => {
      const node = ref.current;
      if (node) {
        void loadPlotly()
          .then(P => P.purge(node))
          .catch(() => undefined);
      }
    },
    []
  );
}

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

/** Traces and layout of one chart (steps charts read the metric series of the selected rows). */
async function figure(model: ExperimentsModel, spec: IChartSpec, node: Element): Promise<{ data: any[]; layout: any }> {
  const theme = chartTheme(node);
  const layout: any = themedLayout(theme, chartTitle(spec));
  const rows = model.rows;
  if (spec.kind === 'steps') {
    const names = [...model.selection];
    if (!names.length) {
      throw new Error('Select rows in the leaderboard to chart their metric.');
    }
    const series = await Promise.all(
      names.map(name =>
        model.api.metricSeries(name, spec.metric!).then(
          s => ({ name, s }),
          () => ({ name, s: null })
        )
      )
    );
    layout.xaxis = { ...layout.xaxis, title: { text: 'step' } };
    layout.yaxis = { ...layout.yaxis, title: { text: spec.metric } };
    return {
      layout,
      data: series
        .filter(({ s }) => s !== null)
        .map(({ name, s }) => {
          const line = seriesLine(s!);
          const row = model.row(name);
          return {
            type: 'scatter',
            mode: line.x.length > 1 ? 'lines+markers' : 'markers',
            connectgaps: false,
            name: row?.display_name || name,
            x: line.x,
            y: line.y
          };
        })
    };
  }
  if (spec.kind === 'scatter') {
    const points = scatterPoints(rows, spec.x!, spec.y!);
    layout.xaxis = { ...layout.xaxis, title: { text: columnLabel(spec.x!) } };
    layout.yaxis = { ...layout.yaxis, title: { text: columnLabel(spec.y!) } };
    return {
      layout,
      data: [{ type: 'scatter', mode: 'markers', x: points.x, y: points.y, text: points.text, hoverinfo: 'text+x+y' }]
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
  layout.xaxis = { ...layout.xaxis, title: { text: columnLabel(spec.x!) } };
  layout.yaxis = { ...layout.yaxis, title: { text: 'count' } };
  return { layout, data: [{ type: 'histogram', x: histogramValues(rows, spec.x!) }] };
}

function ChartView({ model, spec }: { model: ExperimentsModel; spec: IChartSpec }): JSX.Element {
  const ref = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  const stepsKey = spec.kind === 'steps' ? `${[...model.selection].sort().join(',')}` : '';
  const live = useLiveVersion(model);
  useEffect(() => {
    let alive = true;
    const node = ref.current;
    if (!node) {
      return;
    }
    Promise.all([loadPlotly(), figure(model, spec, node)])
      .then(([Plotly, fig]) => {
        if (!alive || !ref.current) {
          return;
        }
        setError(null);
        return Plotly.react(ref.current, fig.data, fig.layout, {
          responsive: true,
          displaylogo: false
        });
      })
      .catch(reason => alive && setError(reason instanceof Error ? reason.message : String(reason)));
    return () => {
      alive = false;
    };
  }, [spec, stepsKey, live, spec.kind === 'steps' ? null : model.rows]);
  useEffect(
    () => () => {
      const node = ref.current;
      if (node && plotly) {
        void plotly.then(P => P.purge(node)).catch(() => undefined);
      }
    },
    []
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

/** A counter bumped on every live update (new metric points, status changes) and theme change. */
function useLiveVersion(model: ExperimentsModel): number {
  const [live, bump] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    model.liveUpdate.connect(bump);
    // JupyterLab marks the theme on <body data-jp-theme-name>: re-draw with its colors.
    const observer = new MutationObserver(() => bump());
    observer.observe(document.body, { attributes: true, attributeFilter: ['data-jp-theme-name', 'data-jp-theme-light'] });
    return () => {
      model.liveUpdate.disconnect(bump);
      observer.disconnect();
    };
  }, [model]);
  return live;
}

/** Build charts from the leaderboard's columns; each chart is drawn with plotly (loaded lazily). */
export function Charts({ model }: { model: ExperimentsModel }): JSX.Element {
  const columns = model.columns;
  const metrics = columns?.metrics ?? [];
  const numeric = allColumns(columns).filter(c => c.startsWith('Parameters.') || c.startsWith('Metrics.'));
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
    kind === 'steps' ? !!metricValue : kind === 'parallel' ? parallel.length >= 2 : kind === 'scatter' ? !!xValue && !!yValue : !!xValue;
  const add = () => {
    if (kind === 'steps') {
      model.addChart({ kind, metric: metricValue });
    } else {
      void model.ensureRows(model.rowCount - 1);
      model.addChart(
        kind === 'scatter'
          ? { kind, x: xValue, y: yValue }
          : kind === 'parallel'
            ? { kind, columns: parallel }
            : { kind, x: xValue }
      );
    }
  };
  const columnSelect = (value: string, onChange: (v: string) => void, testId: string, label: string) => (
    <label className="jp-smstudio-inline-field">
      {label}
      <select className="jp-mod-styled" data-testid={testId} value={value} onChange={e => onChange(e.target.value)}>
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
            <select className="jp-mod-styled" data-testid="chart-metric" value={metricValue} onChange={e => setMetric(e.target.value)}>
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
        <button type="button" className="jp-mod-styled jp-mod-accept" data-testid="chart-add" disabled={!canAdd} onClick={add}>
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
                onChange={e => setChosen(e.target.checked ? [...parallel, c] : parallel.filter(p => p !== c))}
              />
              {c}
            </label>
          ))}
        </fieldset>
      )}
      {model.charts.length === 0 && <div className="jp-smstudio-muted jp-smstudio-empty">No charts yet.</div>}
      <div className="jp-smstudio-chart-grid">
        {model.charts.map(spec => (
          <ChartView key={spec.id} model={model} spec={spec} />
        ))}
      </div>
    </div>
  );
}
