import React from 'react';

import { URLExt } from '@jupyterlab/coreutils';

import { confirmAction, confirmStop } from '../core/dialogs';
import { JobRoomLayout, NameSearch } from '../core/jobTable';
import { RoomPanel, useModel } from '../core/RoomPanel';
import { RoomTabs } from '../core/RoomTabs';
import { ROOM_VIEWS } from './catalog';
import { ConfigDetail, ConfigsList } from './ConfigPages';
import { EndpointDetail } from './EndpointDetail';
import { EndpointsList } from './EndpointsList';
import { endpointsIcon } from './icon';
import type { EndpointsModel } from './model';
import { ModelDetail, ModelsList } from './ModelPages';
import { TransformDetail, TransformsList } from './TransformPages';
import { AccessKeysPage } from './AccessKeysPage';
import { RUNTIME_ROUTE } from './accessKeys';

/** What the toolbar counts and the list and page beside it, for the tab shown. */
function viewParts(panel: EndpointsPanel) {
  const { model } = panel;
  const { catalog } = model;
  const refresh = () => model.refresh();
  switch (model.view) {
    case 'models':
      return {
        counts: {
          loaded: catalog.modelsLoaded,
          total: catalog.models.length,
          error: catalog.error,
          refresh
        },
        table: <ModelsList model={model} />,
        side: catalog.selectedModelName && <ModelDetail model={model} />
      };
    case 'configs':
      return {
        counts: {
          loaded: catalog.configsLoaded,
          total: catalog.configs.length,
          error: catalog.error,
          refresh
        },
        table: <ConfigsList model={model} />,
        side: catalog.selectedConfigName && <ConfigDetail model={model} />
      };
    case 'transforms':
      return {
        counts: {
          loaded: model.transforms.loaded,
          total: model.transforms.jobs.length,
          error: model.transforms.error,
          refresh
        },
        table: <TransformsList model={model} />,
        side: model.transforms.selectedName && (
          <TransformDetail model={model} onStop={() => void panel.stopTransform()} />
        )
      };
    case 'keys':
      return {
        counts: {
          loaded: model.accessKeys.loaded,
          total: model.accessKeys.keys.length,
          error: model.accessKeys.error,
          refresh
        },
        table: <AccessKeysPage keys={model.accessKeys} runtimeUrl={panel.runtimeUrl} />,
        side: null
      };
    default:
      return {
        counts: model,
        table: <EndpointsList model={model} />,
        side: model.selected && (
          <EndpointDetail
            model={model}
            endpoint={model.selected}
            onDelete={() => void panel.deleteSelected()}
          />
        )
      };
  }
}

function EndpointsView({ panel }: { panel: EndpointsPanel }): JSX.Element {
  const { model } = panel;
  useModel(model);
  const { counts, table, side } = viewParts(panel);
  const view = ROOM_VIEWS.find(v => v.id === model.view) ?? ROOM_VIEWS[0];
  return (
    <JobRoomLayout
      title="Endpoints"
      room="endpoints"
      noun={view.noun}
      model={counts}
      filters={
        // a user has a couple of keys: nothing to search
        model.view !== 'keys' && (
          <NameSearch
            value={model.nameFilter}
            onChange={n => model.setNameFilter(n)}
            testId="endpoints-search"
          />
        )
      }
      above={
        <RoomTabs
          tabs={ROOM_VIEWS}
          current={model.view}
          onSelect={view => model.setView(view)}
          room="endpoints"
          label="Endpoints room"
        />
      }
      table={table}
      side={side || null}
    />
  );
}

/** The Endpoints room main-area widget. */
export class EndpointsPanel extends RoomPanel<EndpointsModel> {
  constructor(
    model: EndpointsModel,
    /** The server's base URL (the runtime route's for boto3 is below it). */
    readonly baseUrl = '/'
  ) {
    super(model, {
      id: 'smstudio-endpoints',
      classes: ['jp-smstudio-jobs', 'jp-smstudio-endpoints'],
      label: 'Endpoints',
      caption: 'Studio Endpoints: endpoints, endpoint configs and models',
      icon: endpointsIcon
    });
  }

  /** Show an endpoint's page. */
  openEndpoint(name: string): void {
    this.model.select(name);
  }

  /** Show a model's page. */
  openModel(name: string): void {
    this.model.openModel(name);
  }

  /** Show a batch transform job's page. */
  openTransform(name: string): void {
    this.model.openTransform(name);
  }

  /** Show the access keys. */
  openAccessKeys(): void {
    this.model.setView('keys');
  }

  /** boto3's `endpoint_url` for this server's runtime route (absolute, as a script needs it). */
  get runtimeUrl(): string {
    return new URL(URLExt.join(this.baseUrl, RUNTIME_ROUTE), window.location.href).href;
  }

  /** Stop the open transform job, once the user confirmed. */
  async stopTransform(): Promise<void> {
    const name = this.model.transforms.selectedName;
    if (name && (await confirmStop('batch transform job', name))) {
      await this.model.transforms.stop(name);
      await this.model.refresh();
    }
  }

  /** Show an endpoint config's page. */
  openConfig(name: string): void {
    this.model.openConfig(name);
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
