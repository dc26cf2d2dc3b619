import { Dialog, showDialog, showErrorMessage } from '@jupyterlab/apputils';
import React, { useCallback } from 'react';

import { RoomPanel, useModel } from '../core/RoomPanel';
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

/** Ask, then delete an experiment with its trials and components. */
export async function confirmDelete(model: ExperimentsModel, name: string): Promise<void> {
  const result = await showDialog({
    title: 'Delete experiment',
    body: `Delete experiment "${name}" with all its trials and trial components? This cannot be undone.`,
    buttons: [Dialog.cancelButton(), Dialog.warnButton({ label: 'Delete' })]
  });
  if (!result.button.accept) {
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
  const name = model.experimentName;
  if (!name) {
    return;
  }
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

function ExperimentsView({ model }: { model: ExperimentsModel }): JSX.Element {
  useModel(model);
  // stable, so that the leaderboard asks for rows only when its visible rows change
  const needRows = useCallback((index: number) => void model.ensureRows(index), [model]);
  const experiment = model.experiment;
  const name = model.experimentName;
  const tab = model.tab;
  const tabs = model.componentName
    ? [...TABS, { id: 'component' as const, label: 'Component' }]
    : TABS;
  return (
    <div className="jp-smstudio-exp-layout">
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
          selected={name}
          loaded={model.experimentsLoaded}
          onSelect={n => void model.selectExperiment(n)}
          onDelete={n => void confirmDelete(model, n)}
          onToggleShare={(n, shared) =>
            void model
              .setShared(n, shared)
              .catch(reason => showErrorMessage('Cannot change sharing', reason as Error))
          }
        />
      </aside>
      <section className="jp-smstudio-exp-main">
        {!name && (
          <div className="jp-smstudio-muted jp-smstudio-empty">
            Pick an experiment to see its leaderboard.
          </div>
        )}
        {name && (
          <>
            <div className="jp-smstudio-toolbar">
              <h2 data-testid="experiment-title">{experiment?.display_name || name}</h2>
              <span className="jp-smstudio-muted" data-testid="leaderboard-total">
                {model.rowsLoaded
                  ? `${model.total} component${model.total === 1 ? '' : 's'}${model.total > MAX_ROWS ? ` (first ${MAX_ROWS} shown)` : ''}`
                  : 'Loading…'}
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
            <div className="jp-smstudio-exp-pane" hidden={tab !== 'leaderboard'}>
              <SearchBuilder
                state={model.builder}
                properties={allColumns(model.columns)}
                error={model.searchError}
                onChange={s => model.setBuilder(s)}
                onApply={() => void model.applySearch()}
              />
              <div className="jp-smstudio-toolbar">
                <ColumnChooser
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
                <span className="jp-smstudio-muted">{model.selection.size} selected</span>
                {model.selection.size > 0 && (
                  <button
                    type="button"
                    className="jp-mod-styled"
                    onClick={() => model.clearSelection()}
                  >
                    Clear selection
                  </button>
                )}
                <button
                  type="button"
                  className="jp-mod-styled"
                  data-testid="open-compare"
                  disabled={model.selection.size < 2}
                  onClick={() => model.setTab('compare')}
                >
                  Compare
                </button>
                <button
                  type="button"
                  className="jp-mod-styled"
                  data-testid="open-charts"
                  onClick={() => model.setTab('charts')}
                >
                  Charts
                </button>
              </div>
              {model.rowsError && !model.searchError && (
                <div
                  className="jp-smstudio-error-banner"
                  role="alert"
                  data-testid="leaderboard-error"
                >
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
            {tab === 'charts' && <Charts model={model} />}
            {tab === 'compare' && <Compare model={model} />}
            {tab === 'component' && model.componentName && (
              <ComponentDetail model={model} name={model.componentName} />
            )}
          </>
        )}
      </section>
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

  render(): JSX.Element {
    return <ExperimentsView model={this.model} />;
  }
}
