/** The Endpoints room's models tab: the list and a model's page (its container, who uses it). */
import React from 'react';

import { DataTable, IColumn } from '../core/DataTable';
import { emptyText, formatTime } from '../core/format';
import type { ContainerDefinition, Model } from '../core/generated/models';
import { nameColumn, PageHeader } from '../core/jobTable';
import { RecordLink } from '../core/RecordLink';
import type { EndpointsModel } from './model';

/** A model's containers: its one container, or an inference pipeline's, in the order they run. */
export function modelContainers(m: Model): ContainerDefinition[] {
  return m.PrimaryContainer ? [m.PrimaryContainer] : (m.Containers ?? []);
}

/** Each container's value, joined with arrows for a pipeline (`a → b`). */
function perContainer(m: Model, value: (c: ContainerDefinition) => string | null | undefined) {
  return modelContainers(m)
    .map(c => value(c) || '—')
    .join(' → ');
}

const COLUMNS: IColumn<Model>[] = [
  nameColumn(m => m.ModelName),
  {
    id: 'artifact',
    label: 'Model artifact',
    width: 260,
    cell: m => perContainer(m, c => c.ModelDataUrl),
    title: m => perContainer(m, c => c.ModelDataUrl)
  },
  {
    id: 'program',
    label: 'Entry point',
    width: 140,
    cell: m => perContainer(m, c => c.Environment?.SAGEMAKER_PROGRAM),
    title: m => perContainer(m, c => c.Environment?.SAGEMAKER_PROGRAM)
  },
  {
    id: 'created',
    label: 'Created',
    width: 170,
    className: 'jp-smstudio-time',
    cell: m => formatTime(m.CreationTime)
  }
];

/** The models; a row opens the model's page. */
export function ModelsList({ model }: { model: EndpointsModel }): JSX.Element {
  const { catalog } = model;
  return (
    <DataTable
      table="models-table"
      testId="models-table"
      columns={COLUMNS}
      rows={catalog.models}
      rowKey={m => m.ModelName}
      rowAttributes={m => ({ 'data-model-name': m.ModelName })}
      selected={catalog.selectedModelName}
      onOpen={name => model.openModel(name)}
      loaded={catalog.modelsLoaded}
      empty={emptyText(
        'models',
        'Create one from a notebook (Model(...).create()) or with "Deploy…" on a training job.',
        !!model.nameFilter.trim()
      )}
    />
  );
}

/** A container's artifact, code and environment. */
export function ContainerFacts({ container }: { container: ContainerDefinition }): JSX.Element {
  const env = Object.entries(container.Environment ?? {});
  return (
    <>
      <dl className="jp-smstudio-facts" data-testid="model-container">
        <dt>Model artifact</dt>
        <dd className="jp-smstudio-url" title={container.ModelDataUrl ?? undefined}>
          {container.ModelDataUrl ?? '—'}
        </dd>
        <dt>Image</dt>
        <dd title={container.Image ?? undefined}>
          {container.Image ?? <span className="jp-smstudio-muted">this server's Python</span>}
        </dd>
      </dl>
      <h5>Environment</h5>
      {env.length ? (
        <table
          className="jp-smstudio-table jp-smstudio-endpoint-kv"
          data-testid="model-environment"
        >
          <tbody>
            {env.map(([key, value]) => (
              <tr key={key}>
                <th scope="row" title={key}>
                  {key}
                </th>
                <td className="jp-smstudio-url" title={value}>
                  {value}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <div className="jp-smstudio-muted">None: the serving defaults load the artifact.</div>
      )}
    </>
  );
}

/** A model's page: its container, and the endpoint configs that serve it. */
export function ModelDetail({ model }: { model: EndpointsModel }): JSX.Element {
  const { catalog } = model;
  const name = catalog.selectedModelName ?? '';
  const described = catalog.model;
  const usedBy = catalog.modelUsedBy;
  return (
    <section
      className="jp-smstudio-detail jp-smstudio-endpoint"
      data-testid="model-detail"
      aria-label={`Model ${name}`}
    >
      <PageHeader
        title={name}
        closeLabel="Close model page"
        onClose={() => catalog.selectModel(null)}
      />
      {catalog.detailError && (
        <div className="jp-smstudio-error-banner" role="alert">
          {catalog.detailError}
        </div>
      )}
      {!described && !catalog.detailError && <div className="jp-smstudio-muted">Loading…</div>}
      {described && (
        <>
          <dl className="jp-smstudio-facts">
            <dt>Created</dt>
            <dd className="jp-smstudio-time">{formatTime(described.CreationTime)}</dd>
            {described.ExecutionRoleArn && (
              <>
                <dt>Role</dt>
                <dd title={described.ExecutionRoleArn}>{described.ExecutionRoleArn}</dd>
              </>
            )}
          </dl>
          {modelContainers(described).map((container, i, all) => (
            <React.Fragment key={i}>
              <h4>
                {all.length > 1 ? `Container ${i + 1} of ${all.length} (pipeline)` : 'Container'}
              </h4>
              <ContainerFacts container={container} />
            </React.Fragment>
          ))}
          <h4>Used by</h4>
          {usedBy.length ? (
            <dl className="jp-smstudio-facts" data-testid="model-used-by">
              {usedBy.map(c => (
                <React.Fragment key={c.EndpointConfigName}>
                  <dt>Endpoint config</dt>
                  <dd>
                    <RecordLink to={{ kind: 'endpoint-config', name: c.EndpointConfigName }}>
                      {c.EndpointConfigName}
                    </RecordLink>
                  </dd>
                </React.Fragment>
              ))}
            </dl>
          ) : (
            <div className="jp-smstudio-muted">No endpoint config serves this model.</div>
          )}
        </>
      )}
    </section>
  );
}
