/**
 * Links into the Model Monitor room. The room's open command takes the record to show as its
 * arguments (as every room's does, see core/links.ts), so the Endpoints room links to a
 * schedule's page without depending on this room's plugin.
 */
import React, { useContext } from 'react';

import { LinkContext } from '../core/RecordLink';

/** The room's open command (the palette's "Model Monitor"). */
export const MONITOR_OPEN = 'smstudio:open-monitor';

/** What opens a schedule's or a baseline's page. */
export type MonitorRef =
  { kind: 'monitoring-schedule'; name: string } | { kind: 'baseline'; name: string };

export function monitorTarget(ref: MonitorRef): {
  command: string;
  args: { [key: string]: string };
} {
  return {
    command: MONITOR_OPEN,
    args:
      ref.kind === 'baseline'
        ? { baselining_job_name: ref.name }
        : { monitoring_schedule_name: ref.name }
  };
}

/** A schedule's or baseline's name that opens its page in the Model Monitor room. */
export function MonitorLink(props: {
  to: MonitorRef;
  children: React.ReactNode;
  testId?: string;
}): JSX.Element {
  const opener = useContext(LinkContext);
  const target = monitorTarget(props.to);
  const noun = props.to.kind === 'baseline' ? 'baseline' : 'monitoring schedule';
  if (!opener?.canOpen(target)) {
    return (
      <span className="jp-smstudio-record-name" data-testid={props.testId}>
        {props.children}
      </span>
    );
  }
  return (
    <button
      type="button"
      className="jp-smstudio-link"
      data-testid={props.testId}
      data-link-command={target.command}
      title={`Open ${noun} ${props.to.name} in the Model Monitor room`}
      onClick={event => {
        event.stopPropagation();
        opener.open(target);
      }}
      onKeyDown={event => event.stopPropagation()}
    >
      {props.children}
    </button>
  );
}
