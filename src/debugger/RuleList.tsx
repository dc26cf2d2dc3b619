/** A training job's Debugger rules: status badge, details, the step where each fired, its actions. */
import React from 'react';

import type { RuleEvaluation } from '../core/generated/models';

const STATUS_LABEL: Record<RuleEvaluation['RuleEvaluationStatus'], string> = {
  InProgress: 'In progress',
  NoIssuesFound: 'No issues found',
  IssuesFound: 'Issues found',
  Error: 'Error',
  Stopping: 'Stopping',
  Stopped: 'Stopped'
};

export function RuleStatusBadge(props: {
  status: RuleEvaluation['RuleEvaluationStatus'];
}): JSX.Element {
  return (
    <span
      className={`jp-smstudio-debugger-rule-status jp-mod-${props.status}`}
      data-testid="debugger-rule-status"
      data-status={props.status}
    >
      {STATUS_LABEL[props.status] ?? props.status}
    </span>
  );
}

export function RuleList(props: { rules: ReadonlyArray<RuleEvaluation> }): JSX.Element {
  if (!props.rules.length) {
    return (
      <div className="jp-smstudio-muted" data-testid="debugger-no-rules">
        No rules watch this job: pass{' '}
        <code>rules=[Rule.sagemaker(rule_configs.loss_not_decreasing())]</code> to the estimator to
        have one.
      </div>
    );
  }
  return (
    <table className="jp-smstudio-table jp-smstudio-debugger-rules" data-testid="debugger-rules">
      <thead>
        <tr>
          <th scope="col">Rule</th>
          <th scope="col">Status</th>
          <th scope="col">Fired at step</th>
          <th scope="col">Steps evaluated</th>
          <th scope="col">Actions</th>
        </tr>
      </thead>
      {props.rules.map(r => (
        <tbody
          key={r.RuleConfigurationName}
          data-testid="debugger-rule"
          data-rule={r.RuleConfigurationName}
        >
          <tr>
            <th
              scope="row"
              title={r.RuleToInvoke ? `${r.RuleConfigurationName} (${r.RuleToInvoke})` : undefined}
            >
              {r.RuleConfigurationName}
            </th>
            <td>
              <RuleStatusBadge status={r.RuleEvaluationStatus} />
            </td>
            <td data-testid="debugger-rule-step">{r.Step ?? '—'}</td>
            <td>{r.StepsEvaluated ?? 0}</td>
            <td>{(r.Actions ?? []).join(', ') || '—'}</td>
          </tr>
          {r.StatusDetails && (
            <tr className="jp-smstudio-debugger-rule-details-row">
              {/* the details on a row of their own, wrapped: a rule's reason is never cut off */}
              <td
                colSpan={5}
                className="jp-smstudio-debugger-rule-details"
                data-testid="debugger-rule-details"
              >
                {r.StatusDetails}
              </td>
            </tr>
          )}
        </tbody>
      ))}
    </table>
  );
}
