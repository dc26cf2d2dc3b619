import { HTMLSelect } from '@jupyterlab/ui-components';
import React, { useState } from 'react';

import type { Endpoint, ProductionVariantSummary } from '../core/generated/models';
import { PageHeader } from '../core/jobTable';
import { EndpointStatus } from './EndpointsList';
import { CONTENT_TYPES, ContentType, prettyBody } from './logic';
import type { EndpointsModel } from './model';

/** A variant's model: its name, with where its artifacts are (ModelDataUrl) beside it. */
function ModelCell({ model, name }: { model: EndpointsModel; name: string }): JSX.Element {
  const url = model.model(name)?.PrimaryContainer.ModelDataUrl ?? '';
  return (
    <>
      <span className="jp-smstudio-endpoint-model" title={name}>
        {name}
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

const SAMPLES: Record<ContentType, string> = {
  'application/json': '[[0.1, 0.2, 0.3]]',
  'text/csv': '0.1,0.2,0.3'
};

/** Send a payload through the endpoint's router and show the answer and the variant that gave it. */
function TestPanel({ model, endpoint }: { model: EndpointsModel; endpoint: Endpoint }) {
  const [contentType, setContentType] = useState<ContentType>('application/json');
  const [body, setBody] = useState(SAMPLES['application/json']);
  const [target, setTarget] = useState('');
  const result = model.invocation;
  return (
    <form
      className="jp-smstudio-endpoint-test"
      data-testid="endpoint-test"
      onSubmit={e => {
        e.preventDefault();
        void model.invoke(body, contentType, target);
      }}
    >
      <h4>Test</h4>
      <div className="jp-smstudio-endpoint-test-options">
        <label>
          Content type
          <HTMLSelect
            value={contentType}
            data-testid="endpoint-test-content-type"
            onChange={e => {
              const next = e.currentTarget.value as ContentType;
              if (body === SAMPLES[contentType]) {
                setBody(SAMPLES[next]);
              }
              setContentType(next);
            }}
            options={[...CONTENT_TYPES]}
          />
        </label>
        <label>
          Target variant
          <HTMLSelect
            value={target}
            data-testid="endpoint-test-target"
            onChange={e => setTarget(e.currentTarget.value)}
            options={[
              { label: 'By weight', value: '' },
              ...endpoint.ProductionVariants.map(v => ({
                label: v.VariantName,
                value: v.VariantName
              }))
            ]}
          />
        </label>
      </div>
      <textarea
        className="jp-mod-styled jp-smstudio-endpoint-payload"
        aria-label="Payload"
        data-testid="endpoint-test-payload"
        rows={4}
        value={body}
        onChange={e => setBody(e.target.value)}
      />
      <div className="jp-smstudio-endpoint-buttons">
        <button
          type="submit"
          className="jp-mod-styled jp-mod-accept"
          data-testid="endpoint-test-send"
          disabled={model.invoking || endpoint.EndpointStatus !== 'InService'}
        >
          {model.invoking ? 'Sending…' : 'Send'}
        </button>
      </div>
      {model.invocationError && (
        <div className="jp-smstudio-error-banner" role="alert">
          {model.invocationError}
        </div>
      )}
      {result && (
        <div className="jp-smstudio-endpoint-answer" data-testid="endpoint-test-answer">
          <div>
            <span
              className={
                result.status < 300 ? 'jp-smstudio-endpoint-ok' : 'jp-smstudio-endpoint-bad'
              }
              data-testid="endpoint-test-status"
            >
              {result.status}
            </span>
            {result.variant && (
              <>
                {' from variant '}
                <strong data-testid="endpoint-test-variant">{result.variant}</strong>
              </>
            )}
          </div>
          <pre data-testid="endpoint-test-body">{prettyBody(result.body, result.contentType)}</pre>
        </div>
      )}
    </form>
  );
}

/** An endpoint's page: status, config, variants (weights and counts editable), the test panel. */
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
        <dd title={endpoint.EndpointConfigName} data-testid="endpoint-config">
          {endpoint.EndpointConfigName}
        </dd>
        {model.config?.ProductionVariants.map(v => (
          <React.Fragment key={v.VariantName}>
            <dt title={v.VariantName}>{v.VariantName}</dt>
            <dd>
              {v.ModelName}, {v.InitialInstanceCount ?? 1} × {v.InstanceType ?? 'local'}, initial
              weight {v.InitialVariantWeight ?? 1}
            </dd>
          </React.Fragment>
        ))}
      </dl>
      <Variants model={model} endpoint={endpoint} />
      <TestPanel key={endpoint.EndpointName} model={model} endpoint={endpoint} />
    </section>
  );
}
