/**
 * The status bar item that names the room in front ("Studio: Training"), as JupyterLab's own
 * status items name the current notebook's kernel: the rooms look alike, this says which.
 */
import type { ILabShell } from '@jupyterlab/application';
import type { IStatusBar } from '@jupyterlab/statusbar';
import { LabIcon } from '@jupyterlab/ui-components';
import { Signal } from '@lumino/signaling';
import { Widget } from '@lumino/widgets';

import { ROOM_CLASS } from './RoomPanel';

/** Register the item; it shows while a room is the current main-area widget. */
export function addRoomStatus(statusBar: IStatusBar, shell: ILabShell): void {
  const item = new Widget();
  item.addClass('jp-smstudio-statusbar-room');
  item.node.dataset.testid = 'studio-status-room';
  const activeChanged = new Signal<Widget, void>(item);
  const room = (): Widget | null => {
    const current = shell.currentWidget;
    return current && current.hasClass(ROOM_CLASS) ? current : null;
  };
  const render = () => {
    const current = room();
    item.node.replaceChildren();
    if (current) {
      const icon = current.title.icon;
      if (icon instanceof LabIcon) {
        item.node.appendChild(icon.element({ tag: 'span', height: '14px', width: '14px' }));
      }
      const label = document.createElement('span');
      label.textContent = `Studio: ${current.title.label}`;
      item.node.appendChild(label);
      item.node.title = `The Studio room in front: ${current.title.label}`;
    }
    activeChanged.emit();
  };
  shell.currentChanged.connect(render);
  render();
  statusBar.registerStatusItem('jupyter-smstudio:room', {
    item,
    align: 'left',
    rank: 100,
    isActive: () => !!room(),
    activeStateChanged: activeChanged
  });
}
