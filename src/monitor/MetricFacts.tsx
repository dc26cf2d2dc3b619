import React from 'react';

import { formatNumber } from './logic';

/** Model quality metrics (accuracy, f1, rmse, ...), name and value, in as many columns as fit. */
export function MetricFacts(props: {
  metrics: { [name: string]: number };
  testId: string;
}): JSX.Element {
  return (
    <dl className="jp-smstudio-monitor-metrics" data-testid={props.testId}>
      {Object.entries(props.metrics).map(([name, value]) => (
        <div key={name} className="jp-smstudio-monitor-metric">
          <dt title={name}>{name}</dt>
          <dd data-metric={name}>{formatNumber(value)}</dd>
        </div>
      ))}
    </dl>
  );
}
