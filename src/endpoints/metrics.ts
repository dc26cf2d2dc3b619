/**
 * The endpoint page's live charts, as pure data: from `GET endpoints/{name}/metrics` (each
 * variant's last minutes as the router counted them) to the lines of three charts,
 * invocations per minute, latency p50/p99 and errors, one colour per variant.
 */
import type { EndpointMetrics, VariantMetrics } from '../core/generated/models';

/** The charts of the endpoint page, in their order. */
export const METRIC_CHARTS = ['invocations', 'latency', 'errors'] as const;
export type MetricChartKind = (typeof METRIC_CHARTS)[number];

/** A chart's title, with its unit (the charts are narrow: no room for a y axis title). */
export const CHART_TITLES: Record<MetricChartKind, string> = {
  invocations: 'Invocations per minute',
  latency: 'Latency p50 / p99 (ms)',
  errors: 'Errors per minute (4XX / 5XX)'
};

/** One line of a chart. */
export interface IMetricLine {
  /** The legend's text, e.g. `blue p99`. */
  name: string;
  variant: string;
  /** Minute starts (ISO times). */
  x: string[];
  /** The minute's value; null where there is none (latency of a minute without a request). */
  y: (number | null)[];
  /** Dashed: the second line of the same variant (p99, 5XX). */
  dashed: boolean;
}

function line(
  v: VariantMetrics,
  name: string,
  value: (m: VariantMetrics['Minutes'][number]) => number | null | undefined,
  dashed = false
): IMetricLine {
  return {
    name,
    variant: v.VariantName,
    x: v.Minutes.map(m => m.Start),
    y: v.Minutes.map(m => {
      const y = value(m);
      return typeof y === 'number' && Number.isFinite(y) ? y : null;
    }),
    dashed
  };
}

/** The lines of one chart: one per variant, two (solid and dashed) where a chart has two figures. */
export function chartLines(metrics: EndpointMetrics, kind: MetricChartKind): IMetricLine[] {
  const lines: IMetricLine[] = [];
  for (const v of metrics.Variants) {
    switch (kind) {
      case 'invocations':
        lines.push(line(v, v.VariantName, m => m.Invocations));
        break;
      case 'latency':
        lines.push(
          line(v, `${v.VariantName} p50`, m => m.LatencyP50Ms),
          line(v, `${v.VariantName} p99`, m => m.LatencyP99Ms, true)
        );
        break;
      case 'errors':
        lines.push(
          line(v, `${v.VariantName} 4XX`, m => m.Invocation4XXErrors),
          line(v, `${v.VariantName} 5XX`, m => m.Invocation5XXErrors, true)
        );
        break;
    }
  }
  return lines;
}

/** Invocations over the whole window, per variant and in all (the charts' headline). */
export function invocationTotals(metrics: EndpointMetrics | null): {
  total: number;
  byVariant: Record<string, number>;
} {
  const byVariant: Record<string, number> = {};
  let total = 0;
  for (const v of metrics?.Variants ?? []) {
    const sum = v.Minutes.reduce((s, m) => s + m.Invocations, 0);
    byVariant[v.VariantName] = sum;
    total += sum;
  }
  return { total, byVariant };
}
