import { showErrorMessage } from '@jupyterlab/apputils';
import React, { useCallback } from 'react';

import { confirmAction } from '../core/dialogs';
import { RoomPanel, useModel } from '../core/RoomPanel';
import { SplitView } from '../core/SplitView';
import { Charts } from './Charts';
import { ColumnChooser } from './ColumnChooser';
import { allColumns } from './columns';
import { Compare } from './Compare';
import { ComponentDetail } from './ComponentDetail';
import { downloadText } from './csv';
import { ExperimentTree } from './ExperimentTree';
import { experimentsIcon } from './icon';
import { Leaderboard } from './Leaderboard';
import { ExperimentsModel, ExperimentsTab, MAX_ROWS } from './model';
import { SearchBuilder } from './SearchBuilder';

/** The title of the unassigned board, in SageMaker's words. */
export const UNASSIGNED_TITLE = 'Unassigned trial components';

/** Ask, then delete an experiment with its trials and components. */
export async function confirmDelete(model: ExperimentsModel, name: string): Promise<void> {
  const confirmed = await confirmAction({
    title: 'Delete experiment',
    body: `Delete experiment "${name}" with all its trials and trial components? This cannot be undone.`,
    label: 'Delete'
  });
  if (!confirmed) {
    return;
  }
  try {
    await model.deleteExperiment(name);
  } catch (reason) {
    await showErrorMessage('Cannot delete experiment', reason as Error);
  }
}

/** Export the leaderboard (visible columns, all rows) as a CSV download. */
export async function exportCsv(model: ExperimentsModel): Promise<void> {
  const board = model.board;
  if (!board) {
    return;
  }
  const name = board.kind === 'experiment' ? board.name : 'unassigned';
  try {
    downloadText(await model.exportCsv(), `${name}-leaderboard.csv`);
  } catch (reason) {
    await showErrorMessage('Cannot export the leaderboard', reason as Error);
  }
}

const TABS: { id: ExperimentsTab; label: string }[] = [
  { id: 'leaderboard', label: 'Leaderboard' },
  { id: 'charts', label: 'Charts' },
  { id: 'compare', label: 'Compare' }
];

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "5 trial components in 2 trials": what the leaderboard holds, in the list's words. */
function boardCount(model: ExperimentsModel): string {
  if (!model.rowsLoaded) {
    return 'Loading…';
  }
  const shown = model.total > MAX_ROWS ? ` (first ${MAX_ROWS} shown)` : '';
  const components = `${plural(model.total, 'trial component')}${shown}`;
  if (model.appliedExpression) {
    return `${components} match the search`;
  }
  const trials = model.experiment?.trial_count;
  return trials === undefined ? components : `${components} in ${plural(trials, 'trial')}`;
}

function Sidebar({ model }: { model: ExperimentsModel }): JSX.Element {
  return (
    <aside className="jp-smstudio-exp-side">
      <div className="jp-smstudio-toolbar">
        <h2>Experiments</h2>
        <span className="jp-smstudio-spacer" />
        <button
          type="button"
          className="jp-mod-styled"
          data-testid="experiments-refresh"
          onClick={() => void model.refreshExperiments()}
        >
          Refresh
        </button>
      </div>
      {model.experimentsError && (
        <div className="jp-smstudio-error-banner" role="alert" data-testid="experiments-error">
          Cannot load experiments: {model.experimentsError}
        </div>
      )}
      <ExperimentTree
        experiments={model.experiments}
        selected={model.experimentName}
        unassignedSelected={model.board?.kind === 'unassigned'}
        loaded={model.experimentsLoaded}
        onSelect={n => void model.selectExperiment(n)}
        onSelectUnassigned={() => void model.selectUnassigned()}
        onDelete={n => void confirmDelete(model, n)}
        onToggleShare={(n, shared) =>
          void model
            .setShared(n, shared)
            .catch(reason => showErrorMessage('Cannot change sharing', reason as Error))
        }
      />
    </aside>
  );
}

function LeaderboardPane({ model }: { model: ExperimentsModel }): JSX.Element {
  // stable, so that the leaderboard asks for rows only when its visible rows change
  const needRows = useCallback((index: number) => void model.ensureRows(index), [model]);
  const board = model.board;
  return (
    <div className="jp-smstudio-exp-pane" hidden={model.tab !== 'leaderboard'}>
      <SearchBuilder
        state={model.builder}
        properties={allColumns(model.columns)}
        error={model.searchError}
        onChange={s => model.setBuilder(s)}
        onApply={() => void model.applySearch()}
      />
      <div className="jp-smstudio-toolbar">
        <ColumnChooser
          // a new board starts with the chooser closed
          key={board?.kind === 'experiment' ? `e:${board.name}` : 'unassigned'}
          columns={model.columns}
          visible={model.visibleColumns}
          onChange={c => model.setVisibleColumns(c)}
        />
        <button
          type="button"
          className="jp-mod-styled"
          data-testid="export-csv"
          onClick={() => void exportCsv(model)}
        >
          Export CSV
        </button>
        <button
          type="button"
          className="jp-mod-styled"
          data-testid="leaderboard-refresh"
          onClick={() => void model.reloadRows()}
        >
          Refresh
        </button>
        <span className="jp-smstudio-spacer" />
        <span
          className="jp-smstudio-muted"
          data-testid="selection-count"
          title="Tick rows to chart their metrics over steps or to compare them"
        >
          {model.selection.size} selected
        </span>
        {model.selection.size > 0 && (
          <button type="button" className="jp-mod-styled" onClick={() => model.clearSelection()}>
            Clear selection
          </button>
        )}
      </div>
      {model.rowsError && !model.searchError && (
        <div className="jp-smstudio-error-banner" role="alert" data-testid="leaderboard-error">
          {model.rowsError}
        </div>
      )}
      <Leaderboard
        rows={model.rows}
        rowCount={model.rowCount}
        columns={model.visibleColumns}
        sortBy={model.sortBy}
        sortOrder={model.sortOrder}
        selection={model.selection}
        loaded={model.rowsLoaded}
        onNeedRows={needRows}
        onSort={c => model.toggleSort(c)}
        onSelect={(n, s) => model.setSelected(n, s)}
        onOpen={n => model.openComponent(n)}
      />
    </div>
  );
}

function Main({ model }: { model: ExperimentsModel }): JSX.Element {
  const board = model.board;
  const tab = model.tab;
  const tabs = model.componentName
    ? [...TABS, { id: 'component' as const, label: 'Component' }]
    : TABS;
  if (!board) {
    return (
      <section className="jp-smstudio-exp-main">
        <div className="jp-smstudio-muted jp-smstudio-empty">
          Pick an experiment to see its leaderboard.
        </div>
      </section>
    );
  }
  const title =
    board.kind === 'experiment' ? model.experiment?.display_name || board.name : UNASSIGNED_TITLE;
  return (
    <section className="jp-smstudio-exp-main">
      <div className="jp-smstudio-toolbar">
        <h2 data-testid="experiment-title" title={title}>
          {title}
        </h2>
        <span className="jp-smstudio-muted" data-testid="leaderboard-total">
          {boardCount(model)}
        </span>
        <span className="jp-smstudio-spacer" />
        <div className="jp-smstudio-tabs" role="tablist">
          {tabs.map(t => (
            <button
              key={t.id}
              type="button"
              role="tab"
              aria-selected={tab === t.id}
              className={`jp-smstudio-tab${tab === t.id ? ' jp-mod-active' : ''}`}
              data-testid={`tab-${t.id}`}
              onClick={() => model.setTab(t.id)}
            >
              {t.label}
              {t.id === 'compare' && model.selection.size ? ` (${model.selection.size})` : ''}
            </button>
          ))}
        </div>
      </div>
      <LeaderboardPane model={model} />
      {tab === 'charts' && <Charts model={model} />}
      {tab === 'compare' && <Compare model={model} />}
      {tab === 'component' && model.componentName && (
        <ComponentDetail model={model} name={model.componentName} />
      )}
    </section>
  );
}

function ExperimentsView({ model }: { model: ExperimentsModel }): JSX.Element {
  useModel(model);
  return (
    <div className="jp-smstudio-exp-layout">
      <SplitView
        id="experiments"
        label="Resize the experiment list and the leaderboard"
        initial={0.22}
        start={<Sidebar model={model} />}
        end={<Main model={model} />}
      />
    </div>
  );
}

/** The Experiments room main-area widget. */
export class ExperimentsPanel extends RoomPanel<ExperimentsModel> {
  constructor(model: ExperimentsModel) {
    super(model, {
      id: 'smstudio-experiments',
      classes: ['jp-smstudio-experiments'],
      label: 'Experiments',
      caption: 'Studio Experiments',
      icon: experimentsIcon
    });
  }

  protected renderRoom(): JSX.Element {
    return <ExperimentsView model={this.model} />;
  }
}
