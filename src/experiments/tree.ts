/** Experiments grouped into a tree by their slash-separated `folder`. Pure helpers. */
import type { Experiment } from '../core/generated/models';

export interface IFolderNode {
  /** Last path segment ('' for the root). */
  name: string;
  /** Full folder path ('' for the root). */
  path: string;
  folders: IFolderNode[];
  experiments: Experiment[];
}

/** Split a folder path, ignoring empty segments (`/a//b/` is `a/b`). */
export function folderSegments(folder: string | null | undefined): string[] {
  return (folder ?? '').split('/').filter(s => s.trim() !== '');
}

/** The folder tree; folders and experiments sorted by name. */
export function buildFolderTree(experiments: ReadonlyArray<Experiment>): IFolderNode {
  const root: IFolderNode = { name: '', path: '', folders: [], experiments: [] };
  for (const experiment of experiments) {
    let node = root;
    for (const segment of folderSegments(experiment.folder)) {
      let child = node.folders.find(f => f.name === segment);
      if (!child) {
        child = {
          name: segment,
          path: node.path ? `${node.path}/${segment}` : segment,
          folders: [],
          experiments: []
        };
        node.folders.push(child);
      }
      node = child;
    }
    node.experiments.push(experiment);
  }
  const sort = (node: IFolderNode) => {
    node.folders.sort((a, b) => a.name.localeCompare(b.name));
    node.experiments.sort((a, b) =>
      (a.display_name || a.experiment_name).localeCompare(b.display_name || b.experiment_name)
    );
    node.folders.forEach(sort);
  };
  sort(root);
  return root;
}

/** Experiments below a folder, at any depth. */
export function countExperiments(node: IFolderNode): number {
  return node.experiments.length + node.folders.reduce((n, f) => n + countExperiments(f), 0);
}
