/**
 * The main-area widget every room opens: it owns the room's model, so closing the tab ends the
 * model's polling, and hiding the tab lets the polls stand by.
 */
import { LabIcon, ReactWidget } from '@jupyterlab/ui-components';
import type { IDisposable } from '@lumino/disposable';
import type { Message } from '@lumino/messaging';
import type { ISignal } from '@lumino/signaling';
import { createElement, useEffect, useReducer } from 'react';

import { IRecordOpener, LinkContext } from './RecordLink';

/** The class of every room's main-area widget (the status bar and the shared styles find rooms by it). */
export const ROOM_CLASS = 'jp-smstudio-room';

/** What a room panel needs of its model. */
export interface IRoomModel extends IDisposable {
  readonly changed: ISignal<unknown, void>;
  /** Start polling (idempotent). */
  start(): void;
  /** Polls stand by while the room is not visible. */
  setVisible(visible: boolean): void;
}

export namespace RoomPanel {
  export interface IOptions {
    /** DOM id of the widget (the tests find the room by it). */
    id: string;
    /** CSS classes of the widget node. */
    classes: string[];
    label: string;
    caption: string;
    icon: LabIcon;
  }
}

export abstract class RoomPanel<M extends IRoomModel> extends ReactWidget {
  constructor(
    readonly model: M,
    options: RoomPanel.IOptions
  ) {
    super();
    this.id = options.id;
    this.addClass(ROOM_CLASS);
    for (const name of options.classes) {
      this.addClass(name);
    }
    this.title.label = options.label;
    this.title.caption = options.caption;
    this.title.icon = options.icon;
    this.title.closable = true;
  }

  /** Opens the records the room's links name (set by `addRoom`); null: names are plain text. */
  links: IRecordOpener | null = null;

  /** The room's view, inside the context its record links read. */
  render(): JSX.Element {
    return createElement(LinkContext.Provider, { value: this.links }, this.renderRoom());
  }

  /** The room's view. */
  protected abstract renderRoom(): JSX.Element;

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this.model.dispose();
    super.dispose();
  }

  /** Closing the tab ends polling: the panel is rebuilt on the next open. */
  protected onCloseRequest(msg: Message): void {
    super.onCloseRequest(msg);
    this.dispose();
  }

  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    this.model.setVisible(true);
  }

  protected onAfterHide(msg: Message): void {
    super.onAfterHide(msg);
    this.model.setVisible(false);
  }
}

/** Re-render the calling component whenever the model changes. */
export function useModel(model: { changed: ISignal<unknown, void> }): void {
  const [, bump] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    model.changed.connect(bump);
    return () => {
      model.changed.disconnect(bump);
    };
  }, [model]);
}
