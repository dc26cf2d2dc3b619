import { caretDownIcon, caretRightIcon, closeIcon, folderIcon } from '@jupyterlab/ui-components';
import React, { useMemo, useState } from 'react';

import { emptyText } from '../core/format';
import type { Experiment } from '../core/generated/models';
import { buildFolderTree, countExperiments, IFolderNode } from './tree';

export interface IExperimentTreeProps {
  experiments: ReadonlyArray<Experiment>;
  selected: string | null;
  /** Whether the unassigned trial components are shown. */
  unassignedSelected?: boolean;
  loaded: boolean;
  onSelect: (name: string) => void;
  /** Show the trial components in no trial (jobs started without an experiment). */
  onSelectUnassigned?: () => void;
  onDelete: (name: string) => void;
  /** Share with every user (read-only to them) or take it back. */
  onToggleShare?: (name: string, shared: boolean) => void;
}

function ExperimentItem(props: {
  experiment: Experiment;
  selected: boolean;
  depth: number;
  onSelect: (name: string) => void;
  onDelete: (name: string) => void;
  onToggleShare?: (name: string, shared: boolean) => void;
}): JSX.Element {
  const { experiment, selected, depth } = props;
  const tags = Object.entries(experiment.tags ?? {});
  return (
    <li
      className={`jp-smstudio-exp-item${selected ? ' jp-mod-selected' : ''}`}
      data-testid="experiment-item"
      data-experiment-name={experiment.experiment_name}
      aria-selected={selected}
      role="treeitem"
      tabIndex={0}
      style={{ paddingLeft: 8 + depth * 14 }}
      title={experiment.description ?? experiment.experiment_name}
      onClick={() => props.onSelect(experiment.experiment_name)}
      onKeyDown={e => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          props.onSelect(experiment.experiment_name);
        }
      }}
    >
      <div className="jp-smstudio-exp-item-head">
        <span
          className="jp-smstudio-exp-name"
          title={experiment.display_name || experiment.experiment_name}
        >
          {experiment.display_name || experiment.experiment_name}
        </span>
        {experiment.shared && (
          <span
            className="jp-smstudio-tag"
            data-testid="experiment-shared"
            title="Every user can read it"
          >
            shared
          </span>
        )}
        {props.onToggleShare && (
          <button
            type="button"
            className="jp-smstudio-link-button"
            data-testid="share-experiment"
            title={
              experiment.shared
                ? 'Stop sharing with other users'
                : 'Let every user read this experiment'
            }
            onClick={e => {
              e.stopPropagation();
              props.onToggleShare?.(experiment.experiment_name, !experiment.shared);
            }}
          >
            {experiment.shared ? 'Unshare' : 'Share'}
          </button>
        )}
        <button
          type="button"
          className="jp-smstudio-icon-button"
          data-testid="delete-experiment"
          title={`Delete experiment ${experiment.experiment_name}`}
          aria-label={`Delete experiment ${experiment.experiment_name}`}
          onClick={e => {
            e.stopPropagation();
            props.onDelete(experiment.experiment_name);
          }}
        >
          <closeIcon.react tag="span" />
        </button>
      </div>
      <div className="jp-smstudio-exp-meta">
        {experiment.display_name && experiment.display_name !== experiment.experiment_name && (
          <span className="jp-smstudio-muted jp-smstudio-exp-id" title={experiment.experiment_name}>
            {experiment.experiment_name}
          </span>
        )}
        <span className="jp-smstudio-muted" data-testid="experiment-trial-count">
          {experiment.trial_count} trial{experiment.trial_count === 1 ? '' : 's'}
        </span>
      </div>
      {tags.length > 0 && (
        <div className="jp-smstudio-tags">
          {tags.map(([k, v]) => (
            <span key={k} className="jp-smstudio-tag">
              {v ? `${k}=${v}` : k}
            </span>
          ))}
        </div>
      )}
    </li>
  );
}

function FolderNode(props: {
  node: IFolderNode;
  depth: number;
  collapsed: Set<string>;
  toggle: (path: string) => void;
  tree: IExperimentTreeProps;
}): JSX.Element {
  const { node, depth, collapsed, toggle, tree } = props;
  return (
    <>
      {node.folders.map(folder => {
        const open = !collapsed.has(folder.path);
        const Caret = open ? caretDownIcon : caretRightIcon;
        return (
          <li key={`folder:${folder.path}`} role="treeitem" aria-expanded={open}>
            <button
              type="button"
              className="jp-smstudio-folder"
              data-testid="experiment-folder"
              data-folder={folder.path}
              style={{ paddingLeft: 4 + depth * 14 }}
              onClick={() => toggle(folder.path)}
            >
              <Caret.react tag="span" />
              <folderIcon.react tag="span" />
              <span>{folder.name}</span>
              <span className="jp-smstudio-muted">{countExperiments(folder)}</span>
            </button>
            {open && (
              <ul role="group" className="jp-smstudio-exp-tree">
                <FolderNode
                  node={folder}
                  depth={depth + 1}
                  collapsed={collapsed}
                  toggle={toggle}
                  tree={tree}
                />
              </ul>
            )}
          </li>
        );
      })}
      {node.experiments.map(experiment => (
        <ExperimentItem
          key={experiment.experiment_name}
          experiment={experiment}
          selected={experiment.experiment_name === tree.selected}
          depth={depth}
          onSelect={tree.onSelect}
          onDelete={tree.onDelete}
          onToggleShare={tree.onToggleShare}
        />
      ))}
    </>
  );
}

/** SageMaker's "Unassigned trial components": jobs (and runs) that joined no experiment. */
function UnassignedItem(props: { selected: boolean; onSelect: () => void }): JSX.Element {
  return (
    <li
      className={`jp-smstudio-exp-item jp-smstudio-exp-unassigned${props.selected ? ' jp-mod-selected' : ''}`}
      data-testid="unassigned-item"
      aria-selected={props.selected}
      role="treeitem"
      tabIndex={0}
      title="Trial components in no trial: jobs started without an experiment"
      onClick={props.onSelect}
      onKeyDown={e => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          props.onSelect();
        }
      }}
    >
      <div className="jp-smstudio-exp-item-head">
        <span className="jp-smstudio-exp-name">Unassigned trial components</span>
      </div>
    </li>
  );
}

/** The experiments browser: a collapsible tree of folders. */
export function ExperimentTree(props: IExperimentTreeProps): JSX.Element {
  const root = useMemo(() => buildFolderTree(props.experiments), [props.experiments]);
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const [filter, setFilter] = useState('');
  const toggle = (path: string) => {
    const next = new Set(collapsed);
    if (next.has(path)) {
      next.delete(path);
    } else {
      next.add(path);
    }
    setCollapsed(next);
  };
  const shown = useMemo(() => {
    const f = filter.trim().toLowerCase();
    if (!f) {
      return root;
    }
    return buildFolderTree(
      props.experiments.filter(
        e =>
          e.experiment_name.toLowerCase().includes(f) ||
          (e.display_name ?? '').toLowerCase().includes(f) ||
          Object.entries(e.tags ?? {}).some(([k, v]) => `${k}=${v}`.toLowerCase().includes(f))
      )
    );
  }, [root, filter, props.experiments]);
  return (
    <div className="jp-smstudio-exp-browser" data-testid="experiment-tree">
      <input
        className="jp-mod-styled jp-smstudio-exp-filter"
        type="search"
        placeholder="Filter experiments"
        aria-label="Filter experiments"
        value={filter}
        onChange={e => setFilter(e.target.value)}
      />
      <ul className="jp-smstudio-exp-tree" role="tree" aria-label="Experiments">
        {props.onSelectUnassigned && (
          <UnassignedItem
            selected={!!props.unassignedSelected}
            onSelect={props.onSelectUnassigned}
          />
        )}
        <FolderNode node={shown} depth={0} collapsed={collapsed} toggle={toggle} tree={props} />
      </ul>
      {props.experiments.length === 0 && (
        <div className="jp-smstudio-muted jp-smstudio-empty">
          {props.loaded
            ? emptyText('experiments', 'Name one in a job’s form, or use Run(...) in a notebook.')
            : 'Loading…'}
        </div>
      )}
    </div>
  );
}
