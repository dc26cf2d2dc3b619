import { ReactWidget } from '@jupyterlab/ui-components';
import { Signal } from '@lumino/signaling';
import { DisposableDelegate, IDisposable } from '@lumino/disposable';
import React from 'react';

import type { IStudioRoom, IStudioRoomRegistry } from '../tokens';
import { message } from './errors';
import type { WhoAmI } from './generated/models';
import { studioIcon } from './icons';
import { useModel } from './RoomPanel';

/** Rooms registered by the room plugins, ordered by rank then label. */
export class RoomRegistry implements IStudioRoomRegistry {
  get rooms(): ReadonlyArray<IStudioRoom> {
    return [...this._rooms].sort(
      (a, b) => (a.rank ?? 100) - (b.rank ?? 100) || a.label.localeCompare(b.label)
    );
  }

  get changed(): Signal<this, void> {
    return this._changed;
  }

  add(room: IStudioRoom): IDisposable {
    this._rooms = this._rooms.filter(r => r.id !== room.id).concat(room);
    this._changed.emit();
    return new DisposableDelegate(() => {
      this._rooms = this._rooms.filter(r => r !== room);
      this._changed.emit();
    });
  }

  private _rooms: IStudioRoom[] = [];
  private _changed = new Signal<this, void>(this);
}

interface ISidebarProps {
  registry: IStudioRoomRegistry;
  whoami: () => Promise<WhoAmI>;
}

/** What the sidebar shows: the registered rooms, and who the user is (read once). */
class SidebarModel implements IDisposable {
  constructor(props: ISidebarProps) {
    this._registry = props.registry;
    this._registry.changed.connect(this._emit, this);
    props.whoami().then(
      who => {
        this._who = who;
        this._error = null;
        this._emit();
      },
      reason => {
        this._error = message(reason);
        this._emit();
      }
    );
  }

  readonly changed = new Signal<this, void>(this);

  get rooms(): ReadonlyArray<IStudioRoom> {
    return this._registry.rooms;
  }
  get who(): WhoAmI | null {
    return this._who;
  }
  /** Why the server could not say who the user is, or null. */
  get error(): string | null {
    return this._error;
  }
  get isDisposed(): boolean {
    return this._isDisposed;
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    this._registry.changed.disconnect(this._emit, this);
    Signal.clearData(this);
  }

  private _emit(): void {
    if (!this._isDisposed) {
      this.changed.emit();
    }
  }

  private _registry: IStudioRoomRegistry;
  private _who: WhoAmI | null = null;
  private _error: string | null = null;
  private _isDisposed = false;
}

function Sidebar({ model }: { model: SidebarModel }): JSX.Element {
  useModel(model);
  const { rooms, who, error } = model;
  return (
    <div className="jp-smstudio-sidebar-content">
      <header className="jp-smstudio-sidebar-header">
        <studioIcon.react tag="span" className="jp-smstudio-sidebar-logo" />
        <h2>Studio</h2>
      </header>
      {error && (
        <div className="jp-smstudio-error-banner" role="alert" data-testid="studio-error">
          Studio server unavailable: {error}
        </div>
      )}
      {who && (
        <dl className="jp-smstudio-whoami" data-testid="studio-whoami">
          <dt>User</dt>
          <dd>
            {who.user}
            {who.admin ? ' (admin)' : ''}
          </dd>
          <dt>Job runner</dt>
          <dd>{who.job_runner}</dd>
          <dt>Home volume</dt>
          <dd title={who.home_volume}>{who.home_volume}</dd>
        </dl>
      )}
      <nav aria-label="Studio rooms">
        <ul className="jp-smstudio-room-list">
          {rooms.map(room => (
            <li key={room.id}>
              <button
                type="button"
                className="jp-smstudio-room-button"
                data-room={room.id}
                title={room.caption ?? room.label}
                onClick={() => room.open()}
              >
                {room.icon && <room.icon.react tag="span" className="jp-smstudio-room-icon" />}
                <span>{room.label}</span>
              </button>
            </li>
          ))}
          {rooms.length === 0 && <li className="jp-smstudio-muted">No rooms installed.</li>}
        </ul>
      </nav>
    </div>
  );
}

/** The "Studio" left sidebar panel. */
export class StudioSidebar extends ReactWidget {
  constructor(props: ISidebarProps) {
    super();
    this._model = new SidebarModel(props);
    this.id = 'smstudio-sidebar';
    this.addClass('jp-smstudio-sidebar');
    this.title.icon = studioIcon;
    this.title.caption = 'Studio';
  }

  dispose(): void {
    this._model.dispose();
    super.dispose();
  }

  render(): JSX.Element {
    return <Sidebar model={this._model} />;
  }

  private _model: SidebarModel;
}
