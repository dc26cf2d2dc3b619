import { Widget } from '@lumino/widgets';

import { rememberRoomTab, tabPlacement } from '../room';

describe('tabPlacement', () => {
  const room = (id: string, rank: number): Widget => {
    const widget = new Widget();
    widget.id = id;
    Widget.attach(widget, document.body);
    rememberRoomTab(widget, rank);
    return widget;
  };

  it("puts a room's tab where the sidebar lists the room", () => {
    expect(tabPlacement(10)).toEqual({});
    const experiments = room('experiments', 5);
    const training = room('training', 15);
    // Jobs (10) between Experiments and Training; Tuning (17) after Training; a room of rank 1 first
    expect(tabPlacement(10)).toEqual({ ref: 'experiments', mode: 'tab-after' });
    expect(tabPlacement(17)).toEqual({ ref: 'training', mode: 'tab-after' });
    expect(tabPlacement(1)).toEqual({ ref: 'experiments', mode: 'tab-before' });
    // a closed room no longer counts
    experiments.dispose();
    expect(tabPlacement(10)).toEqual({ ref: 'training', mode: 'tab-before' });
    training.dispose();
    expect(tabPlacement(10)).toEqual({});
  });
});
