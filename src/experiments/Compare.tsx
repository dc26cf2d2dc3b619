import React, { useState } from 'react';

import { ArtifactPreview } from './ArtifactPreview';
import { allEqual, compareRows, filterDifferences } from './compare';
import type { ExperimentsModel } from './model';
import { formatValue } from './values';

/** Two or more selected components side by side: parameters, metric statistics, artifacts. */
export function Compare({ model }: { model: ExperimentsModel }): JSX.Element {
  const names = [...model.selection];
  const { components, error } = model.compared;
  const [onlyDifferences, setOnlyDifferences] = useState(false);

  if (names.length < 2) {
    return (
      <div className="jp-smstudio-compare" data-testid="compare">
        <div className="jp-smstudio-muted jp-smstudio-empty">
          Select two or more rows in the leaderboard to compare them.
        </div>
      </div>
    );
  }
  const rows = filterDifferences(compareRows(components), onlyDifferences);
  let section = '';
  return (
    <div className="jp-smstudio-compare" data-testid="compare">
      <div className="jp-smstudio-toolbar">
        <label className="jp-smstudio-check">
          <input
            type="checkbox"
            data-testid="only-differences"
            checked={onlyDifferences}
            onChange={e => setOnlyDifferences(e.target.checked)}
          />
          Only differences
        </label>
        <span className="jp-smstudio-muted">{components.length} components</span>
      </div>
      {error && <div className="jp-smstudio-error-banner">{error}</div>}
      <div className="jp-smstudio-table-wrapper">
        <table className="jp-smstudio-table jp-smstudio-compare-table">
          <thead>
            <tr>
              <th scope="col" />
              {components.map(c => (
                <th key={c.trial_component_name} scope="col">
                  <button
                    type="button"
                    className="jp-smstudio-link"
                    onClick={() => model.openComponent(c.trial_component_name)}
                  >
                    {c.display_name || c.trial_component_name}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map(row => {
              const head =
                row.section !== section ? (
                  <tr key={`section:${row.section}`} className="jp-smstudio-compare-section">
                    <th colSpan={components.length + 1}>{(section = row.section)}</th>
                  </tr>
                ) : null;
              const artifacts = row.section.endsWith('artifacts');
              return (
                <React.Fragment key={`${row.section}:${row.label}`}>
                  {head}
                  <tr
                    data-testid="compare-row"
                    data-differs={allEqual(row.values) ? 'false' : 'true'}
                  >
                    <th scope="row">{row.label}</th>
                    {components.map((c, i) => {
                      const value = row.values[i];
                      if (artifacts && typeof value === 'string') {
                        const artifact = (
                          row.section === 'Input artifacts' ? c.input_artifacts : c.output_artifacts
                        )?.[row.label];
                        return (
                          <td key={c.trial_component_name} className="jp-smstudio-compare-artifact">
                            {artifact ? (
                              <ArtifactPreview
                                artifact={artifact}
                                state={model.previews.get(artifact)}
                              />
                            ) : null}
                          </td>
                        );
                      }
                      return (
                        <td key={c.trial_component_name}>
                          {value === undefined ? '—' : formatValue(value)}
                        </td>
                      );
                    })}
                  </tr>
                </React.Fragment>
              );
            })}
            {rows.length === 0 && (
              <tr className="jp-smstudio-empty-row">
                <td colSpan={components.length + 1}>
                  {onlyDifferences ? 'No differences.' : 'Nothing to compare.'}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
