/** The Endpoints room's endpoint configs tab: the list and a config's page (variants, endpoints). */
import React from 'react';

import { DataTable, IColumn } from '../core/DataTable';
import { emptyText, formatTime } from '../core/format';
import type { EndpointConfig, ProductionVariant } from '../core/generated/models';
import { nameColumn, PageHeader } from '../core/jobTable';
import { RecordLink } from '../core/RecordLink';
import { EndpointStatus } from './EndpointsList';
import type { EndpointsModel } from './model';

/** `blue: model-a, green: model-b`. */
function variantsText(c: EndpointConfig): string {
  return c.ProductionVariants.map(v => `${v.VariantName}: ${v.ModelName}`).join(', ');
}

const COLUMNS: IColumn<EndpointConfig>[] = [
  nameColumn(c => c.EndpointConfigName),
  { id: 'variants', label: 'Variants', width: 280, cell: variantsText, title: variantsText },
  {
    id: 'created',
    label: 'Created',
    width: 170,
    className: 'jp-smstudio-time',
    cell: c => formatTime(c.CreationTime)
  }
];

/** The endpoint configs; a row opens the config's page. */
export function ConfigsList({ model }: { model: EndpointsModel }): JSX.Element {
  const { catalog } = model;
  return (
    <DataTable
      table="endpoint-configs-table"
      testId="endpoint-configs-table"
      columns={COLUMNS}
      rows={catalog.configs}
      rowKey={c => c.EndpointConfigName}
      rowAttributes={c => ({ 'data-config-name': c.EndpointConfigName })}
      selected={catalog.selectedConfigName}
      onOpen={name => model.openConfig(name)}
      loaded={catalog.configsLoaded}
      empty={emptyText(
        'endpoint configs',
        'Create one from a notebook: sagemaker_client.create_endpoint_config(...).',
        !!model.nameFilter.trim()
      )}
    />
  );
}

/** A config's variants: each one's model (a link to its page), instances and initial weight. */
export function ConfigVariants(props: { variants: ReadonlyArray<ProductionVariant> }): JSX.Element {
  const total = props.variants.reduce((sum, v) => sum + (v.InitialVariantWeight ?? 1), 0);
  return (
    <div className="jp-smstudio-table-wrapper">
      <table className="jp-smstudio-table" data-testid="config-variants">
        <thead>
          <tr>
            <th scope="col">Variant</th>
            <th scope="col">Model</th>
            <th scope="col">Instances</th>
            <th scope="col">Initial weight</th>
          </tr>
        </thead>
        <tbody>
          {props.variants.map(v => {
            const weight = v.InitialVariantWeight ?? 1;
            return (
              <tr key={v.VariantName} data-variant={v.VariantName}>
                <td title={v.VariantName}>{v.VariantName}</td>
                <td>
                  <RecordLink to={{ kind: 'model', name: v.ModelName }} testId="variant-model">
                    {v.ModelName}
                  </RecordLink>
                </td>
                <td>
                  {v.InitialInstanceCount ?? 1} × {v.InstanceType ?? 'local'}
                </td>
                <td>
                  {weight}
                  {total > 0 ? ` (${Math.round((100 * weight) / total)}%)` : ''}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** An endpoint config's page: its variants and the endpoints that run it. */
export function ConfigDetail({ model }: { model: EndpointsModel }): JSX.Element {
  const { catalog } = model;
  const name = catalog.selectedConfigName ?? '';
  const config = catalog.config;
  const usedBy = catalog.configUsedBy;
  return (
    <section
      className="jp-smstudio-detail jp-smstudio-endpoint"
      data-testid="config-detail"
      aria-label={`Endpoint config ${name}`}
    >
      <PageHeader
        title={name}
        closeLabel="Close endpoint config page"
        onClose={() => catalog.selectConfig(null)}
      />
      {catalog.detailError && (
        <div className="jp-smstudio-error-banner" role="alert">
          {catalog.detailError}
        </div>
      )}
      {!config && !catalog.detailError && <div className="jp-smstudio-muted">Loading…</div>}
      {config && (
        <>
          <dl className="jp-smstudio-facts">
            <dt>Created</dt>
            <dd className="jp-smstudio-time">{formatTime(config.CreationTime)}</dd>
          </dl>
          <h4>Production variants</h4>
          <ConfigVariants variants={config.ProductionVariants} />
          <h4>Used by</h4>
          {usedBy.length ? (
            <dl className="jp-smstudio-facts" data-testid="config-used-by">
              {usedBy.map(e => (
                <React.Fragment key={e.EndpointName}>
                  <dt>
                    <EndpointStatus status={e.EndpointStatus} />
                  </dt>
                  <dd>
                    <RecordLink to={{ kind: 'endpoint', name: e.EndpointName }}>
                      {e.EndpointName}
                    </RecordLink>
                  </dd>
                </React.Fragment>
              ))}
            </dl>
          ) : (
            <div className="jp-smstudio-muted">No endpoint runs this config.</div>
          )}
        </>
      )}
    </section>
  );
}
