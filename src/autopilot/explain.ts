/** The explainability chart's bars: the most important columns, the most important on top. Pure. */
import type { ExplainabilityReport } from './types';

/** Columns the chart shows at most (the rest are listed under it). */
export const MAX_BARS = 20;

export interface IBars {
  features: string[];
  importance: number[];
  std: number[];
  /** Columns left out of the chart. */
  hidden: number;
}

export function importanceBars(report: ExplainabilityReport, max = MAX_BARS): IBars {
  const top = [...report.feature_importance]
    .sort((a, b) => b.importance - a.importance)
    .slice(0, max)
    // plotly draws a horizontal bar chart's first category at the bottom
    .reverse();
  return {
    features: top.map(f => f.feature),
    importance: top.map(f => f.importance),
    std: top.map(f => f.std),
    hidden: Math.max(0, report.feature_importance.length - max)
  };
}

/** What the report's importance measures, for the chart's title. */
export function methodLabel(report: ExplainabilityReport): string {
  return report.method === 'shap'
    ? 'mean |SHAP value|'
    : `drop of ${report.metric} when the column is shuffled`;
}
