/**
 * Registers a room the same way for every room: its main-area panel (one at a time, rebuilt
 * after it was closed), the open command with its launcher tile and sidebar card, the room's
 * other palette commands, layout restoration and the interval settings.
 */
import {
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette, WidgetTracker } from '@jupyterlab/apputils';
import { ILauncher } from '@jupyterlab/launcher';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import type { LabIcon } from '@jupyterlab/ui-components';

import { IStudio } from '../tokens';
import type { IRoomModel, RoomPanel } from './RoomPanel';

/** The services a room plugin receives (the optional ones may be null). */
export interface IRoomServices {
  app: JupyterFrontEnd;
  studio: IStudio;
  palette: ICommandPalette | null;
  launcher: ILauncher | null;
  restorer: ILayoutRestorer | null;
  settingRegistry: ISettingRegistry | null;
}

/** Numeric settings of a room, by name; each is also a writable property of the room's model. */
export type RoomSettings = Record<string, number>;

/** Options of one command (the type of `app.commands.addCommand`'s second argument). */
type CommandOptions = Parameters<JupyterFrontEnd['commands']['addCommand']>[1];

/** A registered room: its panel, for the room's own commands. */
export interface IRoom<P> {
  /** Show the room (creating its panel when needed) and return the panel. */
  open(): P;
  /** The room's panel when it is open in the shell, or null. */
  current(): P | null;
}

export interface IRoomOptions<S extends RoomSettings, P extends RoomPanel<IRoomModel & Partial<S>>> {
  /** Plugin id, which is also the id of the room's settings schema. */
  pluginId: string;
  /** Sidebar id of the room, e.g. `jobs`. */
  id: string;
  /** The room's name as the user sees it, e.g. `Jobs`. */
  label: string;
  /** Sidebar tooltip. */
  caption: string;
  icon: LabIcon;
  /** Order of the launcher tile and the sidebar card. */
  rank: number;
  /** Id of the open command. */
  openCommand: string;
  /** Widget tracker namespace, also the name under which the layout is restored. */
  namespace: string;
  /** Settings with their defaults (used until the registry answers, or without one). */
  settings: S;
  /** Build the panel, with its model, from the current settings. */
  createPanel: (settings: S) => P;
  /** The room's other commands, by id; they are added to the palette after the open command. */
  commands?: (room: IRoom<P>) => Record<string, CommandOptions>;
}

/**
 * A room's plugin: it needs the studio core; palette, launcher, layout restorer and settings
 * are used when the application has them.
 */
export function roomPlugin(
  id: string,
  description: string,
  activate: (services: IRoomServices) => void
): JupyterFrontEndPlugin<void> {
  return {
    id,
    description,
    autoStart: true,
    requires: [IStudio],
    optional: [ICommandPalette, ILauncher, ILayoutRestorer, ISettingRegistry],
    activate: (
      app: JupyterFrontEnd,
      studio: IStudio,
      palette: ICommandPalette | null,
      launcher: ILauncher | null,
      restorer: ILayoutRestorer | null,
      settingRegistry: ISettingRegistry | null
    ): void => activate({ app, studio, palette, launcher, restorer, settingRegistry })
  };
}

export function addRoom<S extends RoomSettings, P extends RoomPanel<IRoomModel & Partial<S>>>(
  services: IRoomServices,
  options: IRoomOptions<S, P>
): IRoom<P> {
  const { app, studio, palette, launcher, restorer, settingRegistry } = services;
  const tracker = new WidgetTracker<P>({ namespace: options.namespace });
  const settings: S = { ...options.settings };
  let panel: P | null = null;

  const getPanel = (): P => {
    if (!panel || panel.isDisposed) {
      panel = options.createPanel({ ...settings });
      void tracker.add(panel);
      panel.model.start();
    }
    return panel;
  };

  const room: IRoom<P> = {
    open: () => {
      const widget = getPanel();
      if (!widget.isAttached) {
        app.shell.add(widget, 'main');
      }
      app.shell.activateById(widget.id);
      return widget;
    },
    current: () => (panel && !panel.isDisposed && panel.isAttached ? panel : null)
  };

  app.commands.addCommand(options.openCommand, {
    label: args => (args.isLauncher ? options.label : `Open ${options.label}`),
    caption: `Open the Studio ${options.label} room`,
    icon: args => (args.isPalette ? undefined : options.icon),
    execute: () => {
      room.open();
    }
  });
  const commands = options.commands?.(room) ?? {};
  for (const [id, command] of Object.entries(commands)) {
    app.commands.addCommand(id, command);
  }

  if (palette) {
    for (const command of [options.openCommand, ...Object.keys(commands)]) {
      palette.addItem({ command, category: 'Studio' });
    }
  }
  launcher?.add({ command: options.openCommand, category: 'Studio', rank: options.rank });
  restorer?.restore(tracker, { command: options.openCommand, name: () => options.namespace });

  studio.rooms.add({
    id: options.id,
    label: options.label,
    caption: options.caption,
    icon: options.icon,
    rank: options.rank,
    open: () => void app.commands.execute(options.openCommand)
  });

  if (settingRegistry) {
    settingRegistry
      .load(options.pluginId)
      .then(loaded => {
        const apply = () => {
          for (const name of Object.keys(settings) as (keyof S)[]) {
            const value = loaded.get(name as string).composite as number | undefined;
            settings[name] = (value ?? options.settings[name]) as S[keyof S];
          }
          // An open room follows the new settings at once.
          if (panel && !panel.isDisposed) {
            Object.assign(panel.model, settings);
          }
        };
        apply();
        loaded.changed.connect(apply);
      })
      .catch(reason => console.warn(`jupyter-smstudio: cannot load ${options.id} settings`, reason));
  }

  return room;
}
