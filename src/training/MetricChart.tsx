import React, { useEffect, useReducer, useRef } from 'react';

import type { MetricSeries } from '../core/generated/models';
import { seriesLine } from '../experiments/chartData';
import { loadPlotly, usePlot } from '../experiments/Charts';
import { chartTheme, themedLayout } from '../experiments/theme';

/** A counter bumped when the JupyterLab theme changes (re-draw with its colors). */
function useThemeVersion(): number {
  const [version, bump] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    const observer = new MutationObserver(() => bump());
    observer.observe(document.body, {
      attributes: true,
      attributeFilter: ['data-jp-theme-name', 'data-jp-theme-light']
    });
    return () => observer.disconnect();
  }, []);
  return version;
}

/** One metric of a training job as a line over steps (plotly, loaded lazily). */
export function MetricChart({ name, series }: { name: string; series: MetricSeries | undefined }): JSX.Element {
  const ref = useRef<HTMLDivElement>(null);
  const theme = useThemeVersion();
  const points = series?.values?.length ?? 0;
  const error = usePlot(
    ref,
    node => {
      if (!series) {
        return null;
      }
      const line = seriesLine(series);
      const layout: any = themedLayout(chartTheme(node), name);
      layout.xaxis = { ...layout.xaxis, title: { text: 'step' } };
      layout.yaxis = { ...layout.yaxis, title: { text: name } };
      layout.height = 260;
      layout.showlegend = false;
      const mode = line.x.length > 1 ? 'lines+markers' : 'markers';
      return { traces: [{ type: 'scatter', mode, connectgaps: false, name, x: line.x, y: line.y }], layout };
    },
    [series, name, theme]
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
        if ((node as any)._fullLayout) {
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
  }, []);


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
