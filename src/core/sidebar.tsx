import { ReactWidget } from '@jupyterlab/ui-components';
import { Signal } from '@lumino/signaling';
import { DisposableDelegate, IDisposable } from '@lumino/disposable';
import React, { useEffect, useState } from 'react';

import type { IStudioRoom, IStudioRoomRegistry } from '../tokens';
import type { WhoAmI } from './generated/models';
import { studioIcon } from './icons';

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

function Sidebar({ registry, whoami }: ISidebarProps): JSX.Element {
  const [rooms, setRooms] = useState(registry.rooms);
  const [who, setWho] = useState<WhoAmI | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const update = () => setRooms(registry.rooms);
    registry.changed.connect(update);
    return () => {
      registry.changed.disconnect(update);
    };
  }, [registry]);

  useEffect(() => {
    let alive = true;
    whoami().then(
      value => alive && (setWho(value), setError(null)),
      reason => alive && setError(reason instanceof Error ? reason.message : String(reason))
    );
    return () => {
      alive = false;
    };
  }, [whoami]);

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
  constructor(private _props: ISidebarProps) {
    super();
    this.id = 'smstudio-sidebar';
    this.addClass('jp-smstudio-sidebar');
    this.title.icon = studioIcon;
    this.title.caption = 'Studio';
  }

  render(): JSX.Element {
    return <Sidebar {...this._props} />;
  }
}
