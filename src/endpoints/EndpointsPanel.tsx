import React from 'react';

import { confirmAction } from '../core/dialogs';
import { JobRoomLayout, NameSearch } from '../core/jobTable';
import { RoomPanel, useModel } from '../core/RoomPanel';
import { EndpointDetail } from './EndpointDetail';
import { EndpointsList } from './EndpointsList';
import { endpointsIcon } from './icon';
import type { EndpointsModel } from './model';

function EndpointsView({ panel }: { panel: EndpointsPanel }): JSX.Element {
  const { model } = panel;
  useModel(model);
  const endpoint = model.selected;
  return (
    <JobRoomLayout
      title="Endpoints"
      room="endpoints"
      noun="endpoint"
      model={model}
      filters={
        <NameSearch
          value={model.nameFilter}
          onChange={n => model.setNameFilter(n)}
          testId="endpoints-search"
        />
      }
      table={<EndpointsList model={model} />}
      side={
        endpoint && (
          <EndpointDetail
            model={model}
            endpoint={endpoint}
            onDelete={() => void panel.deleteSelected()}
          />
        )
      }
    />
  );
}

/** The Endpoints room main-area widget. */
export class EndpointsPanel extends RoomPanel<EndpointsModel> {
  constructor(model: EndpointsModel) {
    super(model, {
      id: 'smstudio-endpoints',
      classes: ['jp-smstudio-jobs', 'jp-smstudio-endpoints'],
      label: 'Endpoints',
      caption: 'Studio Endpoints: deployed models, their variants and a test panel',
      icon: endpointsIcon
    });
  }

  /** Show an endpoint's page. */
  openEndpoint(name: string): void {
    this.model.select(name);
  }

  /** Delete the selected endpoint, once the user confirmed. */
  async deleteSelected(): Promise<void> {
    const name = this.model.selectedName;
    if (
      name &&
      (await confirmAction({
        title: 'Delete endpoint',
        body: `Delete endpoint "${name}"? Its instances stop; its config and models are kept. It cannot be undone.`,
        label: 'Delete'
      }))
    ) {
      await this.model.deleteEndpoint(name);
    }
  }

  protected renderRoom(): JSX.Element {
    return <EndpointsView panel={this} />;
  }
}
