import React, { useEffect } from 'react';

import { lineMode, seriesLine } from '../core/charts/data';
import { loadPlotly } from '../core/charts/plotly';
import { chartTheme, themedLayout, withAxisTitles } from '../core/charts/theme';
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
        layout: { ...layout, height: 260, showlegend: false },
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

  // Follow the width of the job page (plotly's `responsive` only follows the window).
  useEffect(() => {
    const node = ref.current;
    if (!node || typeof ResizeObserver === 'undefined') {
      return;
    }
    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        // only once plotly has drawn into it
        if ('_fullLayout' in node) {
          void loadPlotly()
            .then(P => P.Plots.resize(node))
            .catch(() => undefined);
        }
      });
    });
    observer.observe(node);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
    };
  }, [ref]);

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
