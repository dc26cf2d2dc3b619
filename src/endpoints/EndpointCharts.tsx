import React from 'react';

import { chartTheme, themedLayout } from '../core/charts/theme';
import { usePlot } from '../core/charts/usePlot';
import type { EndpointMetrics } from '../core/generated/models';
import {
  CHART_TITLES,
  chartLines,
  invocationTotals,
  METRIC_CHARTS,
  MetricChartKind
} from './metrics';
import type { EndpointsModel } from './model';

/** One chart of the endpoint's last hour: a line per variant (each variant keeps its colour). */
function MetricsChart(props: { metrics: EndpointMetrics; kind: MetricChartKind }): JSX.Element {
  const { metrics, kind } = props;
  const title = CHART_TITLES[kind];
  const [ref, error] = usePlot(
    node => {
      const theme = chartTheme(node);
      const variants = metrics.Variants.map(v => v.VariantName);
      const colour = (variant: string) =>
        theme.colorway[Math.max(0, variants.indexOf(variant)) % theme.colorway.length];
      const layout = themedLayout(theme, title);
      return {
        layout: {
          ...layout,
          // the legend beside the plot: as many rows as lines, whatever the chart's width
          margin: { l: 48, r: 8, t: 40, b: 32 },
          legend: { orientation: 'v', x: 1.02, xanchor: 'left', y: 1, yanchor: 'top' },
          xaxis: { ...layout.xaxis, type: 'date', tickformat: '%H:%M' },
          yaxis: { ...layout.yaxis, rangemode: 'tozero' }
        },
        data: chartLines(metrics, kind).map(l => ({
          type: 'scatter',
          mode: 'lines',
          connectgaps: false,
          name: l.name,
          x: l.x,
          y: l.y,
          line: { color: colour(l.variant), dash: l.dashed ? 'dot' : 'solid', width: 2 }
        }))
      };
    },
    [metrics, kind, title]
  );
  return (
    <figure className="jp-smstudio-chart jp-smstudio-endpoint-chart" data-chart={kind}>
      {error && (
        <div className="jp-smstudio-muted" role="status">
          {error}
        </div>
      )}
      <div ref={ref} className="jp-smstudio-chart-plot" aria-label={title} role="img" />
    </figure>
  );
}

/** The endpoint's live charts (they follow the room's poll while the page is shown). */
export function EndpointCharts({ model }: { model: EndpointsModel }): JSX.Element {
  const metrics = model.metrics;
  const totals = invocationTotals(metrics);
  return (
    <section
      className="jp-smstudio-endpoint-charts"
      data-testid="endpoint-charts"
      data-invocations={totals.total}
      aria-label="Invocations, latency and errors of the last hour"
    >
      <h4>
        Last hour{' '}
        <span className="jp-smstudio-muted" data-testid="endpoint-invocations">
          {metrics
            ? Object.entries(totals.byVariant)
                .map(([variant, n]) => `${variant}: ${n} invocation${n === 1 ? '' : 's'}`)
                .join(', ')
            : ''}
        </span>
      </h4>
      {model.metricsError && (
        <div className="jp-smstudio-muted" role="status" data-testid="endpoint-metrics-error">
          Cannot load the metrics: {model.metricsError}
        </div>
      )}
      {!metrics && !model.metricsError && <div className="jp-smstudio-muted">Loading…</div>}
      {metrics && (
        <div className="jp-smstudio-endpoint-chart-grid">
          {METRIC_CHARTS.map(kind => (
            <MetricsChart key={kind} metrics={metrics} kind={kind} />
          ))}
        </div>
      )}
    </section>
  );
}
