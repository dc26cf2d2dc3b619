import type { JupyterFrontEndPlugin } from '@jupyterlab/application';

import { OPEN_COMMANDS, stringArg } from '../core/links';
import { addRoom, roomPlugin } from '../core/room';
import { EndpointsApi } from './api';
import { EndpointsPanel } from './EndpointsPanel';
import { endpointsIcon } from './icon';
import { EndpointsModel } from './model';
import './endpoints.css';

export const CommandIDs = {
  open: OPEN_COMMANDS.endpoints,
  delete: 'smstudio:endpoints-delete'
};

/** The Endpoints room: endpoints, their variants' weights and counts, a test panel. */
export const endpointsPlugin: JupyterFrontEndPlugin<void> = roomPlugin({
  id: 'jupyter-smstudio:endpoints',
  description:
    'Studio Endpoints room: deployed models, their production variants and a test panel.',
  activate: services => {
    const { studio } = services;
    const api = new EndpointsApi(studio.api.settings);
    addRoom(services, {
      id: 'endpoints',
      label: 'Endpoints',
      caption: 'Endpoints: status, production variants (weights, instances), test requests',
      icon: endpointsIcon,
      rank: 19,
      openCommand: CommandIDs.open,
      namespace: 'smstudio-endpoints',
      settings: ['pollInterval'],
      createPanel: settings =>
        new EndpointsPanel(new EndpointsModel({ api, events: studio.events.stream, ...settings })),
      openAt: (panel, args) => {
        const name = stringArg(args, 'endpoint_name');
        if (name) {
          panel.openEndpoint(name);
        }
      },
      commands: room => ({
        [CommandIDs.delete]: {
          label: 'Delete Current Endpoint',
          caption: 'Delete the endpoint shown in the Endpoints room (asks first)',
          isEnabled: () => !!room.current()?.model.selected,
          execute: () => room.current()?.deleteSelected()
        }
      })
    });
  }
});
