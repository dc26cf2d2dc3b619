import React from 'react';

import { formatTime } from '../core/format';
import type { LineageNode, TrialComponent } from '../core/generated/models';
import { componentSource } from '../core/links';
import { RecordLink } from '../core/RecordLink';
import { ArtifactPreview } from './ArtifactPreview';
import type { ExperimentsModel } from './model';
import { formatValue } from './values';

function LineageList({
  title,
  nodes,
  onOpen
}: {
  title: string;
  nodes: LineageNode[];
  onOpen: (name: string) => void;
}): JSX.Element {
  return (
    <div className="jp-smstudio-lineage" data-testid={`lineage-${title.toLowerCase()}`}>
      <h4>{title}</h4>
      {nodes.length === 0 ? (
        <div className="jp-smstudio-muted">None</div>
      ) : (
        <ul>
          {nodes.map(n => (
            <li key={`${n.trial_component_name}:${n.artifact_name}`}>
              <button
                type="button"
                className="jp-smstudio-link"
                onClick={() => onOpen(n.trial_component_name)}
              >
                {n.display_name || n.trial_component_name}
              </button>{' '}
              <span className="jp-smstudio-muted">
                via {n.artifact_name} ({n.artifact_value})
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A component's page: fields, parameters, metrics, artifacts, parents and lineage. */
export function ComponentDetail({
  model,
  name
}: {
  model: ExperimentsModel;
  name: string;
}): JSX.Element {
  const { component, lineage, error } = model.page;
  const artifacts = (title: string, map: TrialComponent['input_artifacts']) => {
    const entries = Object.entries(map ?? {});
    return (
      <>
        <h4>{title}</h4>
        {entries.length === 0 ? (
          <div className="jp-smstudio-muted">None</div>
        ) : (
          <dl className="jp-smstudio-facts">
            {entries.map(([k, a]) => (
              <React.Fragment key={k}>
                <dt>{k}</dt>
                <dd>
                  <ArtifactPreview artifact={a} state={model.previews.get(a)} />
                </dd>
              </React.Fragment>
            ))}
          </dl>
        )}
      </>
    );
  };

  return (
    <div
      className="jp-smstudio-component"
      data-testid="component-detail"
      data-component-name={name}
    >
      <div className="jp-smstudio-detail-header">
        <button type="button" className="jp-mod-styled" onClick={() => model.setTab('leaderboard')}>
          ← Leaderboard
        </button>
        <h3 title={name}>{component?.display_name || name}</h3>
        {component && (
          <span className={`jp-smstudio-status jp-smstudio-status-${component.status}`}>
            {component.status}
          </span>
        )}
      </div>
      {error && (
        <div className="jp-smstudio-error-banner" role="alert">
          {error}
        </div>
      )}
      {component && (
        <>
          <dl className="jp-smstudio-facts">
            <dt>Name</dt>
            <dd>{component.trial_component_name}</dd>
            <dt>Owner</dt>
            <dd>{component.owner}</dd>
            {component.status_message && (
              <>
                <dt>Status message</dt>
                <dd>{component.status_message}</dd>
              </>
            )}
            <dt>Created</dt>
            <dd className="jp-smstudio-time">{formatTime(component.creation_time)}</dd>
            <dt>Modified</dt>
            <dd className="jp-smstudio-time">{formatTime(component.last_modified_time)}</dd>
            <dt>Start</dt>
            <dd className="jp-smstudio-time">{formatTime(component.start_time)}</dd>
            <dt>End</dt>
            <dd className="jp-smstudio-time">{formatTime(component.end_time)}</dd>
            {component.source_arn && (
              <>
                <dt>Source</dt>
                <dd>
                  <RecordLink to={componentSource(component)} testId="component-source">
                    {component.source_arn}
                  </RecordLink>
                  {component.source_type ? (
                    <span className="jp-smstudio-muted"> ({component.source_type})</span>
                  ) : null}
                </dd>
              </>
            )}
            {component.git_commit && (
              <>
                <dt>Git</dt>
                <dd>
                  {component.git_repository ?? ''} {component.git_commit}
                </dd>
              </>
            )}
            {Object.entries(component.tags ?? {}).map(([k, v]) => (
              <React.Fragment key={`tag:${k}`}>
                <dt>Tag {k}</dt>
                <dd>{v}</dd>
              </React.Fragment>
            ))}
          </dl>
          <h4>Parents</h4>
          <ul data-testid="component-parents">
            {(component.parents ?? []).map(p => (
              <li key={p.trial_name}>
                <RecordLink to={{ kind: 'experiment', name: p.experiment_name }}>
                  {p.experiment_name}
                </RecordLink>{' '}
                / {p.trial_name}
              </li>
            ))}
            {!component.parents?.length && (
              <li>
                <RecordLink to={{ kind: 'unassigned' }}>Unassigned trial components</RecordLink>
              </li>
            )}
          </ul>
          <h4>Parameters</h4>
          <table className="jp-smstudio-table" data-testid="component-parameters">
            <tbody>
              {Object.entries(component.parameters ?? {}).map(([k, v]) => (
                <tr key={k}>
                  <th scope="row">{k}</th>
                  <td>{formatValue(v)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h4>Metrics</h4>
          <table className="jp-smstudio-table" data-testid="component-metrics">
            <thead>
              <tr>
                {['Metric', 'Min', 'Max', 'Avg', 'StdDev', 'Last', 'Last step', 'Count'].map(h => (
                  <th key={h} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {(component.metrics ?? []).map(m => (
                <tr key={m.metric_name}>
                  <th scope="row">{m.metric_name}</th>
                  <td>{formatValue(m.min)}</td>
                  <td>{formatValue(m.max)}</td>
                  <td>{formatValue(m.avg)}</td>
                  <td>{formatValue(m.std_dev)}</td>
                  <td>{formatValue(m.last)}</td>
                  <td>{formatValue(m.last_step)}</td>
                  <td>{formatValue(m.count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {artifacts('Input artifacts', component.input_artifacts)}
          {artifacts('Output artifacts', component.output_artifacts)}
        </>
      )}
      {lineage && (
        <div className="jp-smstudio-lineage-wrap">
          <LineageList
            title="Upstream"
            nodes={lineage.upstream}
            onOpen={n => model.openComponent(n)}
          />
          <LineageList
            title="Downstream"
            nodes={lineage.downstream}
            onOpen={n => model.openComponent(n)}
          />
        </div>
      )}
    </div>
  );
}
