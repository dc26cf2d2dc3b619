import React, { useMemo } from 'react';

import { chartTheme, themedLayout, withAxisTitles } from '../core/charts/theme';
import { integerAxis } from '../core/charts/ticks';
import { usePlot } from '../core/charts/usePlot';
import type { TuningTrial } from '../core/generated/models';
import { objectiveCurve } from './progress';

/** Each training job's objective by trial number, and the best so far (plotly, loaded lazily). */
export function ObjectiveChart(props: {
  metric: string;
  maximize: boolean;
  trials: ReadonlyArray<TuningTrial>;
}): JSX.Element {
  const { metric, maximize, trials } = props;
  const curve = useMemo(() => objectiveCurve([...trials], maximize), [trials, maximize]);
  const [ref, error] = usePlot(
    node => {
      const layout = withAxisTitles(
        themedLayout(chartTheme(node), `${metric} by training job`),
        'training job',
        metric
      );
      return {
        layout: {
          ...layout,
          xaxis: { ...layout.xaxis, ...integerAxis(curve.x) },
          height: 300
        },
        data: [
          { type: 'scatter', mode: 'markers', name: metric, x: curve.x, y: curve.y },
          {
            type: 'scatter',
            mode: 'lines',
            name: 'best so far',
            x: curve.x,
            y: curve.best,
            line: { shape: 'hv' }
          }
        ]
      };
    },
    [curve, metric]
  );
  return (
    <figure
      className="jp-smstudio-chart"
      data-testid="tuning-objective-chart"
      data-points={curve.x.length}
    >
      {error && (
        <div className="jp-smstudio-muted" role="status">
          {error}
        </div>
      )}
      <div ref={ref} className="jp-smstudio-chart-plot" />
    </figure>
  );
}
