import React from 'react';

export interface IFormActionsProps {
  /** The form's error (client-side or the server's), or null. */
  error: string | null;
  /** `data-testid` of the error line and of the submit button. */
  errorTestId: string;
  submitTestId: string;
  busy: boolean;
  /** The submit button's text, e.g. `Start training job`. */
  label: string;
  onCancel?: () => void;
}

/** The error line and the Submit / Close buttons at the bottom of the rooms' "New … job" forms. */
export function FormActions(props: IFormActionsProps): JSX.Element {
  return (
    <>
      <div className="jp-smstudio-form-error" data-testid={props.errorTestId} role="alert">
        {props.error}
      </div>
      <div className="jp-smstudio-actions">
        <button
          type="submit"
          className="jp-mod-styled jp-mod-accept"
          data-testid={props.submitTestId}
          disabled={props.busy}
        >
          {props.busy ? 'Starting…' : props.label}
        </button>
        {props.onCancel && (
          <button type="button" className="jp-mod-styled jp-mod-reject" onClick={props.onCancel}>
            Close
          </button>
        )}
      </div>
    </>
  );
}
