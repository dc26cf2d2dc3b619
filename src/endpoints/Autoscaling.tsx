/**
 * The endpoint page's autoscaling: each variant's target-tracking policy (edit, turn on, remove)
 * and the scaling activities with their causes.
 */
import React from 'react';

import { formatTime } from '../core/format';
import type { Endpoint } from '../core/generated/models';
import type { EndpointsModel } from './model';
import { activityVariant, IScalingForm, MAX_CAPACITY, scalingSummary } from './scaling';
import type { EndpointScaling } from './scalingState';

const FIELDS: { field: keyof IScalingForm; label: string; hint: string }[] = [
  { field: 'min', label: 'Min capacity', hint: `instances, 1 to ${MAX_CAPACITY}` },
  { field: 'max', label: 'Max capacity', hint: `instances, up to ${MAX_CAPACITY}` },
  { field: 'target', label: 'Target', hint: 'invocations per instance per minute' },
  { field: 'scaleOut', label: 'Scale-out cooldown', hint: 'seconds' },
  { field: 'scaleIn', label: 'Scale-in cooldown', hint: 'seconds' }
];

/** The editor of one variant's policy; a problem shows under its field. */
function PolicyEditor(props: { scaling: EndpointScaling; endpoint: Endpoint }): JSX.Element | null {
  const { scaling, endpoint } = props;
  const form = scaling.form;
  const variant = scaling.editing;
  if (!form || !variant) {
    return null;
  }
  const problem = scaling.problem;
  return (
    <form
      className="jp-smstudio-endpoint-scaling-editor"
      data-testid="scaling-editor"
      aria-label={`Autoscaling policy of ${variant}`}
      noValidate
      onSubmit={e => {
        e.preventDefault();
        void scaling.save(endpoint);
      }}
    >
      <h5>Target tracking of {variant}</h5>
      <div className="jp-smstudio-endpoint-scaling-fields">
        {FIELDS.map(f => {
          const error = problem?.field === f.field ? problem.message : null;
          const id = `jp-smstudio-scaling-${f.field}`;
          return (
            <div className="jp-smstudio-field" key={f.field}>
              <label htmlFor={id}>{f.label}</label>
              <input
                id={id}
                className="jp-mod-styled"
                name={f.field}
                type="number"
                value={form[f.field]}
                aria-invalid={!!error}
                aria-describedby={`${id}-help`}
                disabled={scaling.saving}
                onChange={e => scaling.setField(f.field, e.target.value)}
              />
              <div
                id={`${id}-help`}
                className={error ? 'jp-smstudio-field-error' : 'jp-smstudio-help'}
                role={error ? 'alert' : undefined}
                data-testid={error ? `scaling-error-${f.field}` : undefined}
              >
                {error ?? f.hint}
              </div>
            </div>
          );
        })}
      </div>
      {problem && !problem.field && (
        <div className="jp-smstudio-error-banner" role="alert" data-testid="scaling-error">
          {problem.message}
        </div>
      )}
      <div className="jp-smstudio-endpoint-buttons">
        <button type="button" className="jp-mod-styled" onClick={() => scaling.cancel()}>
          Cancel
        </button>
        <button
          type="submit"
          className="jp-mod-styled jp-mod-accept"
          data-testid="scaling-save"
          disabled={scaling.saving}
        >
          {scaling.saving ? 'Saving…' : 'Save policy'}
        </button>
      </div>
    </form>
  );
}

/** The scaling activities of the endpoint's variants, newest first. */
function Activities({ scaling }: { scaling: EndpointScaling }): JSX.Element {
  const activities = scaling.activities;
  if (!activities.length) {
    return <div className="jp-smstudio-muted">No scaling activity yet.</div>;
  }
  return (
    <div className="jp-smstudio-table-wrapper">
      <table className="jp-smstudio-table" data-testid="scaling-activities">
        <thead>
          <tr>
            <th scope="col">Started</th>
            <th scope="col">Variant</th>
            <th scope="col">Status</th>
            <th scope="col">What and why</th>
          </tr>
        </thead>
        <tbody>
          {activities.map(a => (
            <tr key={a.ActivityId} data-testid="scaling-activity">
              <td className="jp-smstudio-time">{formatTime(a.StartTime)}</td>
              <td>{activityVariant(a.ResourceId)}</td>
              <td title={a.StatusMessage ?? undefined}>{a.StatusCode}</td>
              <td>
                {a.Description}
                <div className="jp-smstudio-muted">{a.Cause}</div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Each variant's policy with Edit / Remove, the editor, and the activities. */
export function Autoscaling(props: {
  model: EndpointsModel;
  endpoint: Endpoint;
}): JSX.Element | null {
  const { endpoint } = props;
  const scaling = props.model.scaling;
  if (!scaling.available) {
    return null;
  }
  return (
    <section className="jp-smstudio-endpoint-scaling" data-testid="endpoint-scaling">
      <h4>Autoscaling</h4>
      {scaling.error && (
        <div className="jp-smstudio-error-banner" role="alert">
          {scaling.error}
        </div>
      )}
      <dl className="jp-smstudio-facts">
        {endpoint.ProductionVariants.map(v => {
          const current = scaling.variant(v.VariantName);
          return (
            <React.Fragment key={v.VariantName}>
              <dt title={v.VariantName}>{v.VariantName}</dt>
              <dd data-testid="scaling-variant" data-variant={v.VariantName}>
                <span data-testid="scaling-summary">
                  {scaling.loaded ? scalingSummary(current) : '…'}
                </span>
                <span className="jp-smstudio-endpoint-scaling-actions">
                  <button
                    type="button"
                    className="jp-mod-styled"
                    data-testid="scaling-edit"
                    disabled={!scaling.loaded || scaling.saving}
                    onClick={() => scaling.edit(v.VariantName, v.DesiredInstanceCount)}
                  >
                    {current?.target ? 'Edit…' : 'Autoscale…'}
                  </button>
                  {current?.target && (
                    <button
                      type="button"
                      className="jp-mod-styled jp-mod-warn"
                      data-testid="scaling-remove"
                      title="Delete the policy and deregister the variant: its instance count stays as it is"
                      onClick={() => void scaling.remove(endpoint, v.VariantName)}
                    >
                      Remove
                    </button>
                  )}
                </span>
              </dd>
            </React.Fragment>
          );
        })}
      </dl>
      <PolicyEditor scaling={scaling} endpoint={endpoint} />
      <h5>Scaling activities</h5>
      <Activities scaling={scaling} />
    </section>
  );
}
