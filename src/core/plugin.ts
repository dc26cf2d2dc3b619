import {
  ILabShell,
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { IStatusBar } from '@jupyterlab/statusbar';

import { IStudio } from '../tokens';
import { StudioApi } from './api';
import './base.css';
import type { WhoAmI } from './generated/models';
import { loadSettings } from './settings';
import { RoomRegistry, StudioSidebar } from './sidebar';
import { addRoomStatus } from './statusItem';
import { StudioEvents } from './studioEvents';

export const CommandIDs = {
  openSidebar: 'smstudio:open-sidebar'
};

/** The app's events socket (one per app), closed when the plugin is deactivated. */
let studioEvents: StudioEvents | null = null;

/** Core room: REST client, live events, room registry, the Studio sidebar. */
export const corePlugin: JupyterFrontEndPlugin<IStudio> = {
  id: 'jupyter-smstudio:core',
  description: 'Studio core: REST client, live events, room registry and the Studio sidebar.',
  autoStart: true,
  provides: IStudio,
  optional: [ICommandPalette, ILayoutRestorer, ISettingRegistry, IStatusBar, ILabShell],
  activate: (
    app: JupyterFrontEnd,
    palette: ICommandPalette | null,
    restorer: ILayoutRestorer | null,
    settingRegistry: ISettingRegistry | null,
    statusBar: IStatusBar | null,
    labShell: ILabShell | null
  ): IStudio => {
    const api = new StudioApi(app.serviceManager.serverSettings);
    studioEvents?.dispose();
    const events = (studioEvents = new StudioEvents({
      serverSettings: app.serviceManager.serverSettings
    }));
    const rooms = new RoomRegistry();
    let who: Promise<WhoAmI> | null = null;
    const refreshWhoAmI = () => {
      who = api.whoami();
      return who;
    };
    const whoami = () => who ?? refreshWhoAmI();

    const sidebar = new StudioSidebar({ registry: rooms, whoami });
    // The rank comes from the settings; without them the sidebar takes the shell's default place.
    void loadSettings(settingRegistry, corePlugin.id).then(settings => {
      const rank = settings?.composite.sidebarRank;
      app.shell.add(sidebar, 'left', typeof rank === 'number' ? { rank } : {});
    });
    restorer?.add(sidebar, 'smstudio-sidebar');

    const openSidebar = () => app.shell.activateById(sidebar.id);
    app.commands.addCommand(CommandIDs.openSidebar, {
      label: 'Open Studio Sidebar',
      caption: 'Show the SageMaker Studio rooms',
      execute: openSidebar
    });
    palette?.addItem({ command: CommandIDs.openSidebar, category: 'Studio' });
    if (statusBar && labShell) {
      addRoomStatus(statusBar, labShell);
    }

    return { api, events, rooms, whoami, refreshWhoAmI, openSidebar };
  },
  deactivate: () => {
    studioEvents?.dispose();
    studioEvents = null;
  }
};
