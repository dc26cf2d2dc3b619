import React from 'react';

import { lineMode, seriesLine } from '../core/charts/data';
import { chartTheme, themedLayout, withAxisTitles } from '../core/charts/theme';
import { integerAxis } from '../core/charts/ticks';
import { usePlot } from '../core/charts/usePlot';
import type { MetricSeries } from '../core/generated/models';

/** One metric of a training job as a line over steps (plotly, loaded lazily). */
export function MetricChart({
  name,
  series
}: {
  name: string;
  series: MetricSeries | undefined;
}): JSX.Element {
  const points = series?.values?.length ?? 0;
  const [ref, error] = usePlot(
    node => {
      if (!series) {
        return null;
      }
      const line = seriesLine(series);
      const layout = withAxisTitles(themedLayout(chartTheme(node), name), 'step', name);
      return {
        layout: {
          ...layout,
          xaxis: { ...layout.xaxis, ...integerAxis(line.x) },
          height: 260,
          margin: { l: 56, r: 24, t: 40, b: 48 },
          showlegend: false
        },
        data: [
          {
            type: 'scatter',
            mode: lineMode(line.x.length),
            connectgaps: false,
            name,
            x: line.x,
            y: line.y
          }
        ]
      };
    },
    [series, name]
  );

  return (
    <figure
      className="jp-smstudio-chart jp-smstudio-training-chart"
      data-testid="training-metric-chart"
      data-metric={name}
      data-points={points}
    >
      {error && (
        <div className="jp-smstudio-muted" role="status">
          {error}
        </div>
      )}
      {!series && <div className="jp-smstudio-muted">Loading {name}…</div>}
      <div ref={ref} className="jp-smstudio-chart-plot" />
    </figure>
  );
}
