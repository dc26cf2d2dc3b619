import React, { useRef } from 'react';

import type { TuningTrial } from '../core/generated/models';
import { usePlot } from '../experiments/Charts';
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
  const curve = objectiveCurve([...trials], maximize);
  const error = usePlot(
    ref,
    node => {
      const layout: any = themedLayout(chartTheme(node), `${metric} by training job`);
      layout.xaxis = { ...layout.xaxis, title: { text: 'training job' }, dtick: 1 };
      layout.yaxis = { ...layout.yaxis, title: { text: metric } };
      layout.height = 300;
      layout.legend = { orientation: 'h', x: 0, y: -0.3 };
      const traces = [
        { type: 'scatter', mode: 'markers', name: metric, x: curve.x, y: curve.y },
        { type: 'scatter', mode: 'lines', name: 'best so far', x: curve.x, y: curve.best, line: { shape: 'hv' } }
      ];
      return { traces, layout };
    },
    [trials, metric, maximize]
  );
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
