import React from 'react';

import type { Endpoint, ProductionVariantSummary } from '../core/generated/models';
import { PageHeader } from '../core/jobTable';
import { RecordLink } from '../core/RecordLink';
import { Autoscaling } from './Autoscaling';
import { EndpointCharts } from './EndpointCharts';
import { endpointSections } from './sections';
import { EndpointStatus } from './EndpointsList';
import { modelContainers } from './ModelPages';
import type { EndpointsModel } from './model';
import { TestPanel } from './TestPanel';

/** A variant's model: its name (a link to its page), with where its artifacts are (ModelDataUrl). */
function ModelCell({ model, name }: { model: EndpointsModel; name: string }): JSX.Element {
  const described = model.model(name);
  const url = described
    ? modelContainers(described)
        .map(c => c.ModelDataUrl ?? '')
        .filter(Boolean)
        .join(' → ')
    : '';
  return (
    <>
      <span className="jp-smstudio-endpoint-model">
        <RecordLink to={{ kind: 'model', name }} testId="variant-model">
          {name}
        </RecordLink>
      </span>
      {url && (
        <span
          className="jp-smstudio-muted jp-smstudio-endpoint-model-url"
          title={url}
          data-testid="endpoint-model-url"
        >
          {url}
        </span>
      )}
    </>
  );
}

/** Whether requests are captured, how many, and where to (SageMaker's DataCaptureConfig summary). */
function DataCaptureStatus({ endpoint }: { endpoint: Endpoint }): JSX.Element {
  const capture = endpoint.DataCaptureConfig;
  if (!capture) {
    return <span className="jp-smstudio-muted">off</span>;
  }
  return (
    <>
      <span
        className={`jp-smstudio-status jp-smstudio-capture-${capture.CaptureStatus}`}
        data-testid="endpoint-capture-status"
      >
        {capture.CaptureStatus}
      </span>{' '}
      {capture.EnableCapture
        ? `${capture.CurrentSamplingPercentage}% of requests to `
        : 'disabled; '}
      <span className="jp-smstudio-url" title={capture.DestinationS3Uri}>
        {capture.DestinationS3Uri}
      </span>
    </>
  );
}

/** The production variants: current and desired weight and count, the desired ones editable. */
function Variants({ model, endpoint }: { model: EndpointsModel; endpoint: Endpoint }) {
  const variants = endpoint.ProductionVariants;
  const total = variants.reduce((sum, v) => sum + v.CurrentWeight, 0);
  const share = (v: ProductionVariantSummary) =>
    total > 0 ? ` (${Math.round((100 * v.CurrentWeight) / total)}%)` : '';
  const busy = model.applying || endpoint.EndpointStatus !== 'InService';
  return (
    <form
      className="jp-smstudio-endpoint-variants"
      data-testid="endpoint-variants"
      noValidate
      onSubmit={e => {
        e.preventDefault();
        void model.applyEdits();
      }}
    >
      <h4>Production variants</h4>
      <div className="jp-smstudio-table-wrapper">
        <table className="jp-smstudio-table">
          <thead>
            <tr>
              <th scope="col">Variant</th>
              <th scope="col">Model</th>
              <th scope="col">Weight now</th>
              <th scope="col">Weight</th>
              <th scope="col">Instances now</th>
              <th scope="col">Instances</th>
            </tr>
          </thead>
          <tbody>
            {variants.map(v => {
              const edit = model.edits[v.VariantName] ?? { weight: '', count: '' };
              return (
                <tr key={v.VariantName} data-variant={v.VariantName}>
                  <td title={v.VariantName}>{v.VariantName}</td>
                  <td>
                    <ModelCell model={model} name={v.ModelName} />
                  </td>
                  <td data-testid="variant-current-weight">
                    {v.CurrentWeight}
                    {share(v)}
                  </td>
                  <td>
                    <input
                      className="jp-mod-styled jp-smstudio-endpoint-number"
                      type="number"
                      step="any"
                      min={0}
                      aria-label={`Weight of ${v.VariantName}`}
                      data-testid="variant-weight"
                      value={edit.weight}
                      onChange={e => model.setEdit(v.VariantName, 'weight', e.target.value)}
                    />
                  </td>
                  <td data-testid="variant-current-count">{v.CurrentInstanceCount}</td>
                  <td>
                    <input
                      className="jp-mod-styled jp-smstudio-endpoint-number"
                      type="number"
                      step={1}
                      min={1}
                      aria-label={`Instance count of ${v.VariantName}`}
                      data-testid="variant-count"
                      value={edit.count}
                      onChange={e => model.setEdit(v.VariantName, 'count', e.target.value)}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {model.editError && (
        <div className="jp-smstudio-error-banner" role="alert" data-testid="variants-error">
          {model.editError}
        </div>
      )}
      <div className="jp-smstudio-endpoint-buttons">
        <button
          type="button"
          className="jp-mod-styled"
          disabled={!model.dirty || model.applying}
          onClick={() => model.resetEdits()}
        >
          Reset
        </button>
        <button
          type="submit"
          className="jp-mod-styled jp-mod-accept"
          data-testid="variants-apply"
          disabled={!model.dirty || busy}
        >
          {model.applying ? 'Applying…' : 'Apply'}
        </button>
      </div>
    </form>
  );
}

/** An endpoint's page: status, config, variants (weights and counts editable), test panel, live charts. */
export function EndpointDetail(props: {
  model: EndpointsModel;
  endpoint: Endpoint;
  onDelete: () => void;
}): JSX.Element {
  const { model, endpoint } = props;
  return (
    <section
      className="jp-smstudio-detail jp-smstudio-endpoint"
      data-testid="endpoint-detail"
      aria-label={endpoint.EndpointName}
    >
      <PageHeader
        title={endpoint.EndpointName}
        closeLabel="Close endpoint page"
        onClose={() => model.select(null)}
        status={<EndpointStatus status={endpoint.EndpointStatus} testId="endpoint-status" />}
        actions={
          <button
            type="button"
            className="jp-mod-styled jp-mod-warn"
            data-testid="endpoint-delete"
            disabled={endpoint.EndpointStatus === 'Deleting'}
            onClick={props.onDelete}
          >
            Delete
          </button>
        }
      />
      {endpoint.FailureReason && (
        <div className="jp-smstudio-error-banner" role="alert" data-testid="endpoint-failure">
          {endpoint.FailureReason}
        </div>
      )}
      <dl className="jp-smstudio-facts">
        <dt>Config</dt>
        <dd>
          <RecordLink
            to={{ kind: 'endpoint-config', name: endpoint.EndpointConfigName }}
            testId="endpoint-config"
          >
            {endpoint.EndpointConfigName}
          </RecordLink>
        </dd>
        <dt>Data capture</dt>
        <dd data-testid="endpoint-data-capture">
          <DataCaptureStatus endpoint={endpoint} />
        </dd>
        {model.config?.ProductionVariants.map(v => (
          <React.Fragment key={v.VariantName}>
            <dt title={v.VariantName}>{v.VariantName}</dt>
            <dd>
              {v.InitialInstanceCount ?? 1} × {v.InstanceType ?? 'local'}, initial weight{' '}
              {v.InitialVariantWeight ?? 1}
            </dd>
          </React.Fragment>
        ))}
      </dl>
      <Variants model={model} endpoint={endpoint} />
      <Autoscaling model={model} endpoint={endpoint} />
      <TestPanel key={endpoint.EndpointName} model={model} endpoint={endpoint} />
      <EndpointCharts model={model} />
      {endpointSections().map((Section, i) => (
        <Section key={i} endpointName={endpoint.EndpointName} />
      ))}
    </section>
  );
}
