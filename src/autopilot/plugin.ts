import type { JupyterFrontEndPlugin } from '@jupyterlab/application';
import { IDocumentManager } from '@jupyterlab/docmanager';
import type { ReadonlyJSONObject } from '@lumino/coreutils';
import { FileDialog, IDefaultFileBrowser } from '@jupyterlab/filebrowser';

import { stringArg } from '../core/links';
import { addRoom, roomPlugin } from '../core/room';
import { rootRelativePath } from '../training/form';
import { AutopilotApi } from './api';
import { AutopilotPanel } from './AutopilotPanel';
import { autopilotIcon } from './icon';
import type { INotebookOpener } from './JobDetail';
import { CommandIDs } from './links';
import { AutopilotModel } from './model';
import './autopilot.css';

export { CommandIDs };

/** A file browser path (`RTC:data/x.csv`, `/data/x.csv`) relative to the Jupyter root. */
export function localPath(path: string): string {
  const colon = path.indexOf(':');
  const slash = path.indexOf('/');
  const local = colon >= 0 && (slash < 0 || colon < slash) ? path.slice(colon + 1) : path;
  return local.replace(/^\/+/, '');
}

/**
 * The Autopilot room: AutoML jobs from a CSV (the wizard, also on a CSV's context menu in the
 * file browser), a job's progress, leaderboard, notebooks, explainability, "Deploy best".
 */
export const autopilotPlugin: JupyterFrontEndPlugin<void> = roomPlugin({
  id: 'jupyter-smstudio:autopilot',
  description:
    'Studio Autopilot room: AutoML jobs from a CSV, candidates leaderboard, notebooks, deploy best.',
  optional: [IDocumentManager, IDefaultFileBrowser],
  activate: services => {
    const { app, studio } = services;
    const api = new AutopilotApi(studio.api.settings);
    const documents = services.optional(IDocumentManager);
    const browser = services.optional(IDefaultFileBrowser);

    const pickFile = documents
      ? async (): Promise<string | null> => {
          const result = await FileDialog.getOpenFiles({
            manager: documents,
            title: 'Choose the CSV file',
            defaultPath: browser?.model.path,
            filter: item =>
              item.type === 'directory' || item.name.toLowerCase().endsWith('.csv') ? {} : null
          });
          const item = result.button.accept ? result.value?.[0] : undefined;
          return item && item.type !== 'directory' ? localPath(item.path) : null;
        }
      : undefined;

    // the notebooks' file:// locations are under the user's home, which is the Jupyter root
    let home: string | null = null;
    const notebooks: INotebookOpener = {
      pathOf: url => rootRelativePath(url, home),
      open: path => {
        void app.commands
          .execute('docmanager:open', { path })
          .catch(reason => console.warn('jupyter-smstudio: cannot open', path, reason));
      }
    };

    addRoom(services, {
      id: 'autopilot',
      label: 'Autopilot',
      caption: 'AutoML from a CSV: candidates leaderboard, generated notebooks, deploy the best',
      icon: autopilotIcon,
      rank: 18,
      openCommand: CommandIDs.open,
      namespace: 'smstudio-autopilot',
      settings: ['pollInterval'],
      createPanel: settings => {
        const model = new AutopilotModel({ api, events: studio.events.stream, ...settings });
        studio
          .whoami()
          .then(who => {
            home = who.home_volume;
          })
          .catch(() => undefined);
        return new AutopilotPanel({ model, pickFile, notebooks });
      },
      openAt: (panel, args) => {
        const name = stringArg(args, 'auto_ml_job_name');
        if (name) {
          panel.openJob(name);
        }
      },
      commands: room => ({
        [CommandIDs.create]: {
          label: 'New AutoML Job',
          caption: 'AutoML from a CSV: choose the target, problem type, metric and budget',
          execute: args =>
            room.open().toggleForm(true, stringArg(args as ReadonlyJSONObject, 'input') ?? '')
        },
        [CommandIDs.createFromFile]: {
          label: 'Create AutoML job…',
          caption: 'Open the Autopilot wizard on this CSV file',
          icon: autopilotIcon,
          isVisible: () => !!selectedCsv(),
          execute: () => {
            const path = selectedCsv();
            if (path) {
              room.open().toggleForm(true, path);
            }
          }
        },
        [CommandIDs.stop]: {
          label: 'Stop Current AutoML Job',
          caption: 'Stop the AutoML job shown in the Autopilot room (finished candidates stay)',
          isEnabled: () => room.current()?.model.selected?.AutoMLJobStatus === 'InProgress',
          execute: () => room.current()?.stopSelected()
        },
        [CommandIDs.deploy]: {
          label: 'Deploy Best Candidate of Current AutoML Job…',
          caption: 'Serve the best candidate of the AutoML job shown in the Autopilot room',
          isEnabled: () => !!room.current()?.model.selected?.BestCandidate,
          execute: () => room.current()?.deploySelected()
        }
      })
    });

    /** The CSV file selected in the file browser, relative to the root, or null. */
    const selectedCsv = (): string | null => {
      const item = browser?.selectedItems().next();
      const model = item && !item.done ? item.value : null;
      return model && model.type !== 'directory' && model.name.toLowerCase().endsWith('.csv')
        ? localPath(model.path)
        : null;
    };
    app.contextMenu.addItem({
      command: CommandIDs.createFromFile,
      selector: '.jp-DirListing-item[data-file-type="csv"]',
      rank: 60
    });
  }
});
