/** The access keys tab: create (the secret shown once, with Copy), list, deactivate, delete. */
import { Clipboard } from '@jupyterlab/apputils';
import React, { useState } from 'react';

import { confirmAction } from '../core/dialogs';
import { formatTime } from '../core/format';
import type { AccessKey } from '../core/generated/models';
import { AccessKeys, boto3Snippet } from './accessKeys';

/** A value with a Copy button that says when it copied. */
function CopyField(props: { label: string; value: string; testId: string }): JSX.Element {
  const [copied, setCopied] = useState(false);
  return (
    <div className="jp-smstudio-key-field">
      <span className="jp-smstudio-key-label">{props.label}</span>
      <code data-testid={props.testId}>{props.value}</code>
      <button
        type="button"
        className="jp-mod-styled"
        data-testid={`${props.testId}-copy`}
        aria-label={`Copy the ${props.label.toLowerCase()}`}
        onClick={() => {
          Clipboard.copyToSystem(props.value);
          setCopied(true);
        }}
      >
        {copied ? 'Copied' : 'Copy'}
      </button>
    </div>
  );
}

/** The new key with its secret, shown this once. */
function NewKey(props: { keys: AccessKeys; created: AccessKey; runtimeUrl: string }) {
  const { keys, created } = props;
  return (
    <section className="jp-smstudio-key-new" data-testid="access-key-new" aria-live="polite">
      <h4>New access key</h4>
      <p className="jp-smstudio-key-warning" role="alert">
        Copy the secret now: it is not shown again. Lost, it cannot be recovered; delete the key and
        create another.
      </p>
      <CopyField label="Access key ID" value={created.AccessKeyId} testId="access-key-id" />
      <CopyField
        label="Secret access key"
        value={created.SecretAccessKey}
        testId="access-key-secret"
      />
      <CopyField label="endpoint_url" value={props.runtimeUrl} testId="access-key-endpoint-url" />
      <pre className="jp-smstudio-key-snippet" data-testid="access-key-snippet">
        {boto3Snippet(props.runtimeUrl, created)
          .split(created.AccessKeyId)
          .map((part, i) => (
            <React.Fragment key={i}>
              {i > 0 && <span className="jp-smstudio-key-id">{created.AccessKeyId}</span>}
              {part}
            </React.Fragment>
          ))}
      </pre>
      <div className="jp-smstudio-endpoint-buttons">
        <button
          type="button"
          className="jp-mod-styled jp-mod-accept"
          data-testid="access-key-dismiss"
          onClick={() => keys.dismissSecret()}
        >
          I have copied the secret
        </button>
      </div>
    </section>
  );
}

/** The user's keys, what each one is for, and the buttons that change them. */
export function AccessKeysPage(props: { keys: AccessKeys; runtimeUrl: string }): JSX.Element {
  const { keys } = props;
  const created = keys.created;
  return (
    <div className="jp-smstudio-keys" data-testid="access-keys">
      <p className="jp-smstudio-muted">
        An access key signs boto3&apos;s <code>sagemaker-runtime</code> client (SigV4) so a script
        outside Jupyter can invoke your endpoints. Each key reaches only your endpoints; an inactive
        key is refused.
      </p>
      <div className="jp-smstudio-endpoint-buttons jp-smstudio-keys-create">
        <button
          type="button"
          className="jp-mod-styled jp-mod-accept"
          data-testid="access-key-create"
          disabled={keys.busy}
          onClick={() => void keys.create()}
        >
          Create access key
        </button>
      </div>
      {created && <NewKey keys={keys} created={created} runtimeUrl={props.runtimeUrl} />}
      <div className="jp-smstudio-table-wrapper">
        <table className="jp-smstudio-table" data-testid="access-keys-table">
          <thead>
            <tr>
              <th scope="col">Access key ID</th>
              <th scope="col">Status</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">
                <span className="jp-smstudio-visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {keys.loaded && !keys.keys.length && (
              <tr className="jp-smstudio-empty-row">
                <td colSpan={5}>No access keys yet.</td>
              </tr>
            )}
            {keys.keys.map(k => (
              <tr key={k.AccessKeyId} data-access-key={k.AccessKeyId}>
                <td>
                  <code title={k.AccessKeyId}>{k.AccessKeyId}</code>
                </td>
                <td>
                  <span
                    className={`jp-smstudio-status jp-smstudio-key-${k.Status}`}
                    data-testid="access-key-status"
                  >
                    {k.Status}
                  </span>
                </td>
                <td className="jp-smstudio-time">{formatTime(k.CreateDate)}</td>
                <td className="jp-smstudio-time">
                  {k.LastUsedDate ? formatTime(k.LastUsedDate) : 'never'}
                </td>
                <td className="jp-smstudio-key-actions">
                  <button
                    type="button"
                    className="jp-mod-styled"
                    data-testid="access-key-toggle"
                    disabled={keys.busy}
                    onClick={() =>
                      void keys.setStatus(
                        k.AccessKeyId,
                        k.Status === 'Active' ? 'Inactive' : 'Active'
                      )
                    }
                  >
                    {k.Status === 'Active' ? 'Deactivate' : 'Activate'}
                  </button>
                  <button
                    type="button"
                    className="jp-mod-styled jp-mod-warn"
                    data-testid="access-key-delete"
                    disabled={keys.busy}
                    onClick={async () => {
                      if (
                        await confirmAction({
                          title: 'Delete access key',
                          body: `Delete access key ${k.AccessKeyId}? Scripts that sign with it are refused from now on. It cannot be undone.`,
                          label: 'Delete'
                        })
                      ) {
                        await keys.delete(k.AccessKeyId);
                      }
                    }}
                  >
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
