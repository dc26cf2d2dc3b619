/** The rooms' confirmations: stopping and deleting cannot be undone, so every room asks first. */
import { Dialog, showDialog } from '@jupyterlab/apputils';

/** Ask before an action that cannot be undone; true when the user confirmed. */
export async function confirmAction(options: {
  title: string;
  body: string;
  /** The confirming button's text, e.g. `Stop`. */
  label: string;
}): Promise<boolean> {
  const result = await showDialog({
    title: options.title,
    body: options.body,
    buttons: [Dialog.cancelButton({ label: 'Cancel' }), Dialog.warnButton({ label: options.label })]
  });
  return result.button.accept;
}

/** Ask before stopping a job (`what`: e.g. `training job`); true when the user confirmed. */
export function confirmStop(what: string, name: string, consequence = ''): Promise<boolean> {
  return confirmAction({
    title: `Stop ${what}`,
    body: `Stop ${what} "${name}"?${consequence ? ` ${consequence}` : ''} It cannot be resumed.`,
    label: 'Stop'
  });
}
