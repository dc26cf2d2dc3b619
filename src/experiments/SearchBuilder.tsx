import { HTMLSelect } from '@jupyterlab/ui-components';
import React, { useId } from 'react';

import type { ISearchError } from './model';
import {
  BooleanOperator,
  BUILTIN_PROPERTIES,
  FilterOperator,
  IBuilderState,
  IFilterGroup,
  IFilterRow,
  newGroup,
  newRow,
  OPERATORS,
  VALUELESS
} from './search';

export interface ISearchBuilderProps {
  state: IBuilderState;
  /** Leaderboard columns, offered as property suggestions. */
  properties: ReadonlyArray<string>;
  error: ISearchError | null;
  onChange: (state: IBuilderState) => void;
  onApply: () => void;
}

function OperatorToggle(props: {
  value: BooleanOperator;
  onChange: (value: BooleanOperator) => void;
  testId: string;
}): JSX.Element {
  const next: BooleanOperator = props.value === 'And' ? 'Or' : 'And';
  return (
    <button
      type="button"
      className="jp-mod-styled jp-smstudio-bool-toggle"
      data-testid={props.testId}
      data-operator={props.value}
      title={
        props.value === 'And'
          ? 'All conditions must hold (click for OR)'
          : 'Any condition may hold (click for AND)'
      }
      onClick={() => props.onChange(next)}
    >
      {props.value === 'And' ? 'AND' : 'OR'}
    </button>
  );
}

function FilterRowEditor(props: {
  row: IFilterRow;
  listId: string;
  onChange: (row: IFilterRow) => void;
  onRemove: () => void;
  onApply: () => void;
}): JSX.Element {
  const { row } = props;
  const valueless = VALUELESS.includes(row.operator);
  const enter = (e: React.KeyboardEvent) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      props.onApply();
    }
  };
  return (
    <div className="jp-smstudio-search-row" data-testid="search-row">
      <input
        className="jp-mod-styled"
        data-testid="search-property"
        aria-label="Property"
        placeholder="Property, e.g. Parameters.lr"
        list={props.listId}
        value={row.property}
        onChange={e => props.onChange({ ...row, property: e.target.value })}
        onKeyDown={enter}
      />
      <HTMLSelect
        data-testid="search-op"
        aria-label="Operator"
        value={row.operator}
        onChange={e => props.onChange({ ...row, operator: e.target.value as FilterOperator })}
        options={[...OPERATORS]}
      />
      <input
        className="jp-mod-styled"
        data-testid="search-value"
        aria-label="Value"
        placeholder={row.operator === 'In' ? 'a, b, c' : valueless ? '' : 'Value'}
        disabled={valueless}
        value={valueless ? '' : row.value}
        onChange={e => props.onChange({ ...row, value: e.target.value })}
        onKeyDown={enter}
      />
      <button
        type="button"
        className="jp-smstudio-icon-button"
        data-testid="search-remove-row"
        aria-label="Remove condition"
        title="Remove condition"
        onClick={props.onRemove}
      >
        ×
      </button>
    </div>
  );
}

/** Rows of (property, operator, value), AND/OR, and groups nested one level. */
export function SearchBuilder({
  state,
  properties,
  error,
  onChange,
  onApply
}: ISearchBuilderProps): JSX.Element {
  const listId = `smstudio-props-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const suggestions = [...new Set([...properties, ...BUILTIN_PROPERTIES])];
  const setRows = (rows: IFilterRow[]) => onChange({ ...state, rows });
  const setGroup = (group: IFilterGroup) =>
    onChange({ ...state, groups: state.groups.map(g => (g.id === group.id ? group : g)) });
  const count = state.rows.length + state.groups.length;
  return (
    <div className="jp-smstudio-search" data-testid="search-builder">
      <datalist id={listId}>
        {suggestions.map(p => (
          <option key={p} value={p} />
        ))}
      </datalist>
      <div className="jp-smstudio-search-head">
        <span>Match</span>
        <OperatorToggle
          value={state.operator}
          testId="search-operator"
          onChange={operator => onChange({ ...state, operator })}
        />
        <span className="jp-smstudio-muted">
          {count === 0 ? 'no conditions: all components of the experiment' : 'of these conditions'}
        </span>
      </div>
      {state.rows.map(row => (
        <FilterRowEditor
          key={row.id}
          row={row}
          listId={listId}
          onApply={onApply}
          onChange={changed => setRows(state.rows.map(r => (r.id === row.id ? changed : r)))}
          onRemove={() => setRows(state.rows.filter(r => r.id !== row.id))}
        />
      ))}
      {state.groups.map(group => (
        <div key={group.id} className="jp-smstudio-search-group" data-testid="search-group">
          <div className="jp-smstudio-search-head">
            <span>Group: match</span>
            <OperatorToggle
              value={group.operator}
              testId="search-group-operator"
              onChange={operator => setGroup({ ...group, operator })}
            />
            <span className="jp-smstudio-spacer" />
            <button
              type="button"
              className="jp-smstudio-icon-button"
              aria-label="Remove group"
              title="Remove group"
              onClick={() =>
                onChange({ ...state, groups: state.groups.filter(g => g.id !== group.id) })
              }
            >
              ×
            </button>
          </div>
          {group.rows.map(row => (
            <FilterRowEditor
              key={row.id}
              row={row}
              listId={listId}
              onApply={onApply}
              onChange={changed =>
                setGroup({ ...group, rows: group.rows.map(r => (r.id === row.id ? changed : r)) })
              }
              onRemove={() => setGroup({ ...group, rows: group.rows.filter(r => r.id !== row.id) })}
            />
          ))}
          <button
            type="button"
            className="jp-mod-styled"
            data-testid="search-group-add-row"
            onClick={() => setGroup({ ...group, rows: [...group.rows, newRow()] })}
          >
            + Condition
          </button>
        </div>
      ))}
      <div className="jp-smstudio-actions">
        <button
          type="button"
          className="jp-mod-styled"
          data-testid="search-add-row"
          onClick={() => setRows([...state.rows, newRow()])}
        >
          + Condition
        </button>
        <button
          type="button"
          className="jp-mod-styled"
          data-testid="search-add-group"
          onClick={() => onChange({ ...state, groups: [...state.groups, newGroup()] })}
        >
          + Group
        </button>
        <button
          type="button"
          className="jp-mod-styled"
          data-testid="search-clear"
          onClick={() => onChange({ operator: 'And', rows: [], groups: [] })}
        >
          Clear
        </button>
        <button
          type="button"
          className="jp-mod-styled jp-mod-accept"
          data-testid="search-apply"
          onClick={onApply}
        >
          Apply
        </button>
      </div>
      {error && (
        <div
          className="jp-smstudio-field-error"
          role="alert"
          data-testid="search-error"
          data-field={error.field ?? undefined}
        >
          {error.field ? `${error.field}: ` : ''}
          {error.message}
        </div>
      )}
    </div>
  );
}
