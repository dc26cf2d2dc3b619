import React, { useEffect, useReducer, useRef, useState } from 'react';

import type { MetricSeries } from '../core/generated/models';
import { seriesLine } from '../experiments/chartData';
import { loadPlotly, usePurgeOnUnmount } from '../experiments/Charts';
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
  const [error, setError] = useState<string | null>(null);
  const theme = useThemeVersion();
  const points = series?.values?.length ?? 0;

  useEffect(() => {
    let alive = true;
    const node = ref.current;
    if (!node || !series) {
      return;
    }
    const line = seriesLine(series);
    const layout: any = themedLayout(chartTheme(node), name);
    layout.xaxis = { ...layout.xaxis, title: { text: 'step' } };
    layout.yaxis = { ...layout.yaxis, title: { text: name } };
    layout.height = 260;
    layout.showlegend = false;
    loadPlotly()
      .then(Plotly => {
        if (!alive || !ref.current) {
          return;
        }
        setError(null);
        return Plotly.react(
          ref.current,
          [
            {
              type: 'scatter',
              mode: line.x.length > 1 ? 'lines+markers' : 'markers',
              connectgaps: false,
              name,
              x: line.x,
              y: line.y
            } as any
          ],
          layout,
          { responsive: true, displaylogo: false }
        );
      })
      .catch(reason => alive && setError(reason instanceof Error ? reason.message : String(reason)));
    return () => {
      alive = false;
    };
  }, [series, name, theme]);

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

  usePurgeOnUnmount(ref);

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
