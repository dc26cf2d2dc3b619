import React from 'react';

/**
 * A schedule's, execution's or baseline's status, coloured as the other rooms colour theirs
 * (Completed green, InProgress blue, Failed red, Stopped amber; CompletedWithViolations amber).
 */
export function MonitorStatus(props: {
  status: string | null | undefined;
  testId?: string;
}): JSX.Element {
  if (!props.status) {
    return <span className="jp-smstudio-muted">—</span>;
  }
  return (
    <span
      className={`jp-smstudio-status jp-smstudio-status-${props.status}`}
      data-testid={props.testId}
      data-status={props.status}
    >
      {props.status}
    </span>
  );
}
