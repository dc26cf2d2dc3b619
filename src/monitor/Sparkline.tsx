import React from 'react';

import { sparklineBars } from './logic';
import type { HistogramBin } from './types';

/** A distribution as small bars (its KLL buckets or categories); each bar's count on hover. */
export function Sparkline(props: {
  bins: ReadonlyArray<HistogramBin>;
  label: string;
  width?: number;
  height?: number;
}): JSX.Element {
  const width = props.width ?? 80;
  const height = props.height ?? 20;
  const bars = sparklineBars(props.bins, width, height);
  if (!bars.length) {
    return <span className="jp-smstudio-muted">—</span>;
  }
  return (
    <svg
      className="jp-smstudio-monitor-sparkline"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={`Distribution of ${props.label}`}
      data-testid="feature-sparkline"
    >
      {bars.map((b, i) => (
        <rect key={i} x={b.x} y={b.y} width={b.width} height={b.height}>
          <title>{b.label}</title>
        </rect>
      ))}
    </svg>
  );
}
