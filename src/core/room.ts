/**
 * Registers a room the same way for every room: its plugin (the core, palette, launcher, layout
 * restorer, its settings and the other rooms it uses), its main-area panel (one at a time,
 * rebuilt after it was closed), the open command with its launcher tile and sidebar card, the
 * room's other palette commands, layout restoration and its interval settings.
 */
import { ILayoutRestorer, JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { ICommandPalette, WidgetTracker } from '@jupyterlab/apputils';
import { ILauncher } from '@jupyterlab/launcher';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import type { LabIcon } from '@jupyterlab/ui-components';
import type { ReadonlyJSONObject, Token } from '@lumino/coreutils';
import type { Widget } from '@lumino/widgets';

import { IStudio } from '../tokens';
import { commandOpener } from './RecordLink';
import type { IRoomModel, RoomPanel } from './RoomPanel';
import { loadSettings, numberSettings } from './settings';

/** The services a room plugin receives (the optional ones may be null). */
export interface IRoomServices {
  app: JupyterFrontEnd;
  studio: IStudio;
  palette: ICommandPalette | null;
  launcher: ILauncher | null;
  restorer: ILayoutRestorer | null;
  /** The room's settings (the schema's defaults included), or null without a settings registry. */
  settings: ISettingRegistry.ISettings | null;
  /** Another room's token the plugin listed in `optional`, or null when that room is absent. */
  optional<T>(token: Token<T>): T | null;
}

export interface IRoomPluginOptions<T> {
  /** Plugin id, which is also the id of the room's settings schema. */
  id: string;
  description: string;
  /** The room's token, through which other rooms ask it something. */
  provides?: Token<T>;
  /** Other rooms' tokens this room uses when those rooms are there. */
  optional?: Token<unknown>[];
  activate: (services: IRoomServices) => T;
}

/**
 * A room's plugin: it needs the studio core; palette, launcher, layout restorer, settings and
 * the `optional` tokens are used when the application has them. The room's settings are loaded
 * before it is activated.
 */
export function roomPlugin<T = void>(options: IRoomPluginOptions<T>): JupyterFrontEndPlugin<T> {
  const others = options.optional ?? [];
  return {
    id: options.id,
    description: options.description,
    autoStart: true,
    provides: options.provides,
    requires: [IStudio],
    optional: [ICommandPalette, ILauncher, ILayoutRestorer, ISettingRegistry, ...others],
    activate: async (
      app: JupyterFrontEnd,
      studio: IStudio,
      palette: ICommandPalette | null,
      launcher: ILauncher | null,
      restorer: ILayoutRestorer | null,
      registry: ISettingRegistry | null,
      ...found: unknown[]
    ): Promise<T> => {
      const settings = await loadSettings(registry, options.id);
      const byToken = new Map<Token<unknown>, unknown>(
        others.map((token, i) => [token, found[i] ?? null])
      );
      const optional = <U>(token: Token<U>): U | null => (byToken.get(token) ?? null) as U | null;
      return options.activate({ app, studio, palette, launcher, restorer, settings, optional });
    }
  };
}

/** Numeric settings of a room by name; each is also a writable property of the room's model. */
export type RoomSettings<K extends string> = Partial<Record<K, number>>;

/** Options of one command (the type of `app.commands.addCommand`'s second argument). */
type CommandOptions = Parameters<JupyterFrontEnd['commands']['addCommand']>[1];

/** A registered room: its panel, for the room's own commands and token. */
export interface IRoom<P> {
  /** Show the room (creating its panel when needed) and return the panel. */
  open(): P;
  /** The room's panel when it is open in the shell, or null. */
  current(): P | null;
}

export interface IRoomOptions<K extends string, P extends RoomPanel<IRoomModel & RoomSettings<K>>> {
  /** Sidebar id of the room, e.g. `jobs`. */
  id: string;
  /** The room's name as the user sees it, e.g. `Jobs`. */
  label: string;
  /** Sidebar tooltip. */
  caption: string;
  icon: LabIcon;
  /** Order of the launcher tile and the sidebar card. */
  rank: number;
  /** Id of the open command (`OPEN_COMMANDS` of `core/links.ts`). */
  openCommand: string;
  /**
   * Show the record the open command's arguments name (see `linkTarget` in `core/links.ts`),
   * after the room was shown; without arguments the room opens as it was.
   */
  openAt?: (panel: NoInfer<P>, args: ReadonlyJSONObject) => void;
  /** Widget tracker namespace, also the name under which the layout is restored. */
  namespace: string;
  /** Names of the room's numeric settings (their defaults are in the room's schema). */
  settings: ReadonlyArray<K>;
  /** Build the panel, with its model, from the current settings. */
  createPanel: (settings: RoomSettings<K>) => P;
  /** The room's other commands, by id; they are added to the palette after the open command. */
  commands?: (room: IRoom<P>) => Record<string, CommandOptions>;
}

export function addRoom<K extends string, P extends RoomPanel<IRoomModel & RoomSettings<K>>>(
  services: IRoomServices,
  options: IRoomOptions<K, P>
): IRoom<P> {
  const { app, studio, palette, launcher, restorer, settings } = services;
  const tracker = new WidgetTracker<P>({ namespace: options.namespace });
  const current = () => numberSettings(settings, options.settings);
  let panel: P | null = null;

  const getPanel = (): P => {
    if (!panel || panel.isDisposed) {
      panel = options.createPanel(current());
      panel.links = commandOpener(app.commands);
      void tracker.add(panel);
      panel.model.start();
    }
    return panel;
  };

  const room: IRoom<P> = {
    open: () => {
      const widget = getPanel();
      if (!widget.isAttached) {
        app.shell.add(widget, 'main', tabPlacement(options.rank) as never);
        rememberRoomTab(widget, options.rank);
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
    execute: args => {
      const widget = room.open();
      if (Object.keys(args).some(key => key !== 'isLauncher' && key !== 'isPalette')) {
        options.openAt?.(widget, args as ReadonlyJSONObject);
      }
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

  // An open room follows changed settings at once.
  settings?.changed.connect(() => {
    if (panel && !panel.isDisposed) {
      Object.assign(panel.model, current());
    }
  });

  return room;
}

/** The rooms' panels in the main area, with their rank. */
const openRooms = new Map<Widget, number>();

/** Remember a room's panel and its rank (until it is disposed) for `tabPlacement`. */
export function rememberRoomTab(widget: Widget, rank: number): void {
  openRooms.set(widget, rank);
  widget.disposed.connect(() => openRooms.delete(widget));
}

/**
 * Where a room's tab goes: after the open room of the next lower rank, else before the one of
 * the next higher rank, so the tabs keep the sidebar's order whichever room opens first.
 */
export function tabPlacement(rank: number): { ref?: string; mode?: 'tab-after' | 'tab-before' } {
  let before: [Widget, number] | null = null;
  let after: [Widget, number] | null = null;
  for (const [widget, other] of openRooms) {
    if (!widget.isAttached) {
      continue;
    }
    if (other <= rank && (!before || other > before[1])) {
      before = [widget, other];
    } else if (other > rank && (!after || other < after[1])) {
      after = [widget, other];
    }
  }
  if (before) {
    return { ref: before[0].id, mode: 'tab-after' };
  }
  if (after) {
    return { ref: after[0].id, mode: 'tab-before' };
  }
  return {};
}
