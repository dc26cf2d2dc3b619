import React from 'react';

import { DataTable, IColumn } from '../core/DataTable';
import { emptyText, formatTime } from '../core/format';
import type { Endpoint } from '../core/generated/models';
import { nameColumn } from '../core/jobTable';
import type { EndpointsModel } from './model';

/** An endpoint's status, coloured like the jobs' (InService like Completed, Creating like InProgress). */
export function EndpointStatus(props: { status: string; testId?: string }): JSX.Element {
  return (
    <span
      className={`jp-smstudio-status jp-smstudio-endpoint-status-${props.status}`}
      data-testid={props.testId}
    >
      {props.status}
    </span>
  );
}

/** `blue 70%, green 30%`: how traffic is split now. */
export function trafficSplit(endpoint: Endpoint): string {
  const total = endpoint.ProductionVariants.reduce((sum, v) => sum + v.CurrentWeight, 0);
  return endpoint.ProductionVariants.map(v =>
    total > 0 ? `${v.VariantName} ${Math.round((100 * v.CurrentWeight) / total)}%` : v.VariantName
  ).join(', ');
}

const COLUMNS: IColumn<Endpoint>[] = [
  nameColumn(e => e.EndpointName),
  {
    id: 'status',
    label: 'Status',
    width: 110,
    cell: e => <EndpointStatus status={e.EndpointStatus} />,
    testId: 'endpoint-row-status'
  },
  { id: 'variants', label: 'Variants', width: 200, cell: trafficSplit, title: trafficSplit },
  {
    id: 'config',
    label: 'Config',
    width: 180,
    cell: e => e.EndpointConfigName,
    title: e => e.EndpointConfigName
  },
  {
    id: 'created',
    label: 'Created',
    width: 170,
    className: 'jp-smstudio-time',
    cell: e => formatTime(e.CreationTime)
  }
];

/** The endpoints: status, traffic split; a row opens the endpoint's page. */
export function EndpointsList({ model }: { model: EndpointsModel }): JSX.Element {
  return (
    <DataTable
      table="endpoints-table"
      testId="endpoints-table"
      columns={COLUMNS}
      rows={model.endpoints}
      rowKey={e => e.EndpointName}
      rowAttributes={e => ({ 'data-endpoint-name': e.EndpointName })}
      selected={model.selectedName}
      onOpen={name => model.select(name)}
      loaded={model.loaded}
      empty={emptyText(
        'endpoints',
        'Deploy one with "Deploy…" on a completed training job, or from a notebook: estimator.deploy(...).',
        model.filtered
      )}
    />
  );
}
