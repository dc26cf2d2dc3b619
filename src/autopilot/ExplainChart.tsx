import React, { useMemo } from 'react';

import { chartTheme, themedLayout, withAxisTitles } from '../core/charts/theme';
import { usePlot } from '../core/charts/usePlot';
import { importanceBars, methodLabel } from './explain';
import type { ExplainabilityReport } from './types';

/** How much each raw column matters to the best candidate (plotly, loaded lazily). */
export function ExplainChart({ report }: { report: ExplainabilityReport }): JSX.Element {
  const bars = useMemo(() => importanceBars(report), [report]);
  // a bar per column, tall enough to read each name
  const height = Math.max(220, 110 + bars.features.length * 24);
  const [ref, error] = usePlot(
    node => {
      const layout = withAxisTitles(
        themedLayout(chartTheme(node), 'Feature importance of the best candidate'),
        methodLabel(report),
        ''
      );
      return {
        layout: {
          ...layout,
          showlegend: false,
          height
        },
        data: [
          {
            type: 'bar',
            orientation: 'h',
            x: bars.importance,
            y: bars.features,
            error_x: { type: 'data', array: bars.std, visible: true },
            hovertemplate: '%{y}: %{x:.4g}<extra></extra>'
          }
        ]
      };
    },
    [bars, report, height]
  );
  return (
    <figure
      className="jp-smstudio-chart jp-smstudio-automl-explain"
      data-testid="automl-explain-chart"
      data-bars={bars.features.length}
    >
      {error && (
        <div className="jp-smstudio-muted" role="status">
          {error}
        </div>
      )}
      <div ref={ref} className="jp-smstudio-chart-plot" style={{ height }} />
      <figcaption className="jp-smstudio-help">
        {report.method === 'shap' ? 'SHAP' : 'Permutation importance'} over {report.n_rows} rows
        {bars.hidden ? `; ${bars.hidden} less important columns are not shown` : ''}.
      </figcaption>
    </figure>
  );
}
