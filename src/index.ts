import type { JupyterFrontEndPlugin } from '@jupyterlab/application';

import { autopilotPlugin } from './autopilot/plugin';
import { corePlugin } from './core/plugin';
import { endpointsPlugin } from './endpoints/plugin';
import { experimentsPlugin } from './experiments/plugin';
import { jobsPlugin } from './jobs/plugin';
import { monitorPlugin } from './monitor/plugin';
import { trainingPlugin } from './training/plugin';
import { tuningPlugin } from './tuning/plugin';

export * from './tokens';

/** One plugin per room. */
const plugins: JupyterFrontEndPlugin<unknown>[] = [
  corePlugin,
  jobsPlugin,
  experimentsPlugin,
  trainingPlugin,
  tuningPlugin,
  endpointsPlugin,
  monitorPlugin,
  autopilotPlugin
];

export default plugins;
