import type { JupyterFrontEndPlugin } from '@jupyterlab/application';

import { OPEN_COMMANDS, stringArg } from '../core/links';
import { addRoom, roomPlugin } from '../core/room';
import { EndpointsApi } from './api';
import { EndpointsPanel } from './EndpointsPanel';
import { endpointsIcon } from './icon';
import { EndpointsModel } from './model';
import { addEndpointSection } from './sections';
import { IEndpointsRoom } from '../tokens';
import './endpoints.css';

export const CommandIDs = {
  open: OPEN_COMMANDS.endpoints,
  delete: 'smstudio:endpoints-delete',
  accessKeys: 'smstudio:endpoints-access-keys'
};

/**
 * The Endpoints room: endpoints (variants' weights and counts, live charts, a test panel),
 * endpoint configs and models.
 */
export const endpointsPlugin: JupyterFrontEndPlugin<IEndpointsRoom> = roomPlugin({
  id: 'jupyter-smstudio:endpoints',
  description:
    'Studio Endpoints room: deployed models, their production variants and a test panel.',
  provides: IEndpointsRoom,
  activate: services => {
    const { studio } = services;
    const api = new EndpointsApi(studio.api.settings);
    addRoom(services, {
      id: 'endpoints',
      label: 'Endpoints',
      caption:
        'Endpoints: status, production variants, live charts, test requests; configs and models',
      icon: endpointsIcon,
      rank: 19,
      openCommand: CommandIDs.open,
      namespace: 'smstudio-endpoints',
      settings: ['pollInterval'],
      createPanel: settings =>
        new EndpointsPanel(
          new EndpointsModel({ api, events: studio.events.stream, ...settings }),
          studio.api.settings.baseUrl
        ),
      openAt: (panel, args) => {
        const endpoint = stringArg(args, 'endpoint_name');
        const config = stringArg(args, 'endpoint_config_name');
        const model = stringArg(args, 'model_name');
        const transform = stringArg(args, 'transform_job_name');
        if (endpoint) {
          panel.openEndpoint(endpoint);
        } else if (config) {
          panel.openConfig(config);
        } else if (model) {
          panel.openModel(model);
        } else if (transform) {
          panel.openTransform(transform);
        } else if (args.access_keys === true) {
          panel.openAccessKeys();
        }
      },
      commands: room => ({
        [CommandIDs.accessKeys]: {
          label: 'Manage Access Keys',
          caption: 'Create, deactivate and delete the keys that sign boto3 calls to your endpoints',
          execute: () => room.open().openAccessKeys()
        },
        [CommandIDs.delete]: {
          label: 'Delete Current Endpoint',
          caption: 'Delete the endpoint shown in the Endpoints room (asks first)',
          isEnabled: () => !!room.current()?.model.selected,
          execute: () => room.current()?.deleteSelected()
        }
      })
    });
    return { addEndpointSection };
  }
});
