import {
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { ISettingRegistry } from '@jupyterlab/settingregistry';

import { IStudio } from '../tokens';
import { StudioApi } from './api';
import type { WhoAmI } from './generated/models';
import { RoomRegistry, StudioSidebar } from './sidebar';

export const CommandIDs = {
  openSidebar: 'smstudio:open-sidebar'
};

/** Core room: REST client, room registry, the Studio sidebar. */
export const corePlugin: JupyterFrontEndPlugin<IStudio> = {
  id: 'jupyter-smstudio:core',
  description: 'Studio core: REST client, room registry and the Studio sidebar.',
  autoStart: true,
  provides: IStudio,
  optional: [ICommandPalette, ILayoutRestorer, ISettingRegistry],
  activate: (
    app: JupyterFrontEnd,
    palette: ICommandPalette | null,
    restorer: ILayoutRestorer | null,
    settingRegistry: ISettingRegistry | null
  ): IStudio => {
    const api = new StudioApi(app.serviceManager.serverSettings);
    const rooms = new RoomRegistry();
    let who: Promise<WhoAmI> | null = null;
    const refreshWhoAmI = () => {
      who = api.whoami();
      return who;
    };
    const whoami = () => who ?? refreshWhoAmI();

    const sidebar = new StudioSidebar({ registry: rooms, whoami });
    let rank = 200;
    const addSidebar = () => app.shell.add(sidebar, 'left', { rank });

    if (settingRegistry) {
      settingRegistry
        .load(corePlugin.id)
        .then(settings => {
          rank = (settings.get('sidebarRank').composite as number) ?? rank;
        })
        .catch(reason => console.warn('jupyter-smstudio: cannot load core settings', reason))
        .then(addSidebar);
    } else {
      addSidebar();
    }
    restorer?.add(sidebar, 'smstudio-sidebar');

    const openSidebar = () => app.shell.activateById(sidebar.id);
    app.commands.addCommand(CommandIDs.openSidebar, {
      label: 'Open Studio Sidebar',
      caption: 'Show the SageMaker Studio rooms',
      execute: openSidebar
    });
    palette?.addItem({ command: CommandIDs.openSidebar, category: 'Studio' });

    return { api, rooms, whoami, refreshWhoAmI, openSidebar };
  }
};
