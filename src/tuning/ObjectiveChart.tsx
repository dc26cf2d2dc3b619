import React, { useEffect, useRef, useState } from 'react';

import type { TuningTrial } from '../core/generated/models';
import { loadPlotly, usePurgeOnUnmount } from '../experiments/Charts';
import { chartTheme, themedLayout } from '../experiments/theme';
import { objectiveCurve } from './progress';

/** Each training job's objective by trial number, and the best so far (plotly, loaded lazily). */
export function ObjectiveChart(props: {
  metric: string;
  maximize: boolean;
  trials: ReadonlyArray<TuningTrial>;
}): JSX.Element {
  const { metric, maximize, trials } = props;
  const ref = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  const curve = objectiveCurve([...trials], maximize);

  useEffect(() => {
    let alive = true;
    const node = ref.current;
    if (!node) {
      return;
    }
    const layout: any = themedLayout(chartTheme(node), `${metric} by training job`);
    layout.xaxis = { ...layout.xaxis, title: { text: 'training job' }, dtick: 1 };
    layout.yaxis = { ...layout.yaxis, title: { text: metric } };
    layout.height = 300;
    layout.legend = { orientation: 'h', x: 0, y: -0.3 };
    loadPlotly()
      .then(Plotly => {
        if (!alive || !ref.current) {
          return;
        }
        setError(null);
        return Plotly.react(
          ref.current,
          [
            { type: 'scatter', mode: 'markers', name: metric, x: curve.x, y: curve.y } as any,
            { type: 'scatter', mode: 'lines', name: 'best so far', x: curve.x, y: curve.best, line: { shape: 'hv' } }
          ],
          layout,
          { responsive: true, displaylogo: false }
        );
      })
      .catch(reason => alive && setError(reason instanceof Error ? reason.message : String(reason)));
    return () => {
      alive = false;
    };
  }, [trials, metric, maximize]);

  usePurgeOnUnmount(ref);

  return (
    <figure className="jp-smstudio-chart" data-testid="tuning-objective-chart" data-points={curve.x.length}>
      {error && (
        <div className="jp-smstudio-muted" role="status">
          {error}
        </div>
      )}
      <div ref={ref} className="jp-smstudio-chart-plot" />
    </figure>
  );
}
