/** The endpoint page's test panel: a payload sent through the router, and who answered it. */
import { HTMLSelect } from '@jupyterlab/ui-components';
import React, { useState } from 'react';

import type { Endpoint } from '../core/generated/models';
import { CONTENT_TYPES, ContentType, prettyBody } from './logic';
import type { EndpointsModel } from './model';

const SAMPLES: Record<ContentType, string> = {
  'application/json': '[[0.1, 0.2, 0.3]]',
  'text/csv': '0.1,0.2,0.3'
};

/** Send a payload through the endpoint's router and show the answer and the variant that gave it. */
export function TestPanel({ model, endpoint }: { model: EndpointsModel; endpoint: Endpoint }) {
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
