/**
 * Every room and its main dialogs at 1280x720 and 1920x1080, in the light and the dark theme,
 * compared with the committed references (`screens.spec.ts-snapshots/`): a broken layout fails
 * here. One test per room keeps the suite short.
 *
 * The data is seeded with fixed names and values, and each room is filtered to it (other tests
 * add records to the same server). What differs from run to run (times, durations, temporary
 * folders, generated names) is hidden by `screens.css` while the pictures are taken. Update
 * the references with `jlpm test:update`, then open them and look.
 */
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import type { APIRequestContext, Locator } from '@playwright/test';
import * as path from 'path';

import {
  runScheduleNow,
  seedBaseline,
  seedCapturingEndpoint,
  seedNowSchedule,
  seedQualitySchedule,
  sendDriftedTraffic
} from './monitor-seed';

const API = '/smstudio/api';
const SIZES = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 }
];
type Theme = 'light' | 'dark';

async function post(request: APIRequestContext, path: string, data: unknown): Promise<unknown> {
  const response = await request.post(`${API}/${path}`, { data });
  if (!response.ok()) {
    throw new Error(`POST ${path} -> ${response.status()}: ${await response.text()}`);
  }
  return response.json();
}

/** Wait until a record's status (read by `status`) is one of `done`. */
async function waitFor(
  request: APIRequestContext,
  path: string,
  status: (body: Record<string, unknown>) => unknown,
  done: string[]
): Promise<void> {
  await expect
    .poll(
      async () => {
        const response = await request.get(`${API}/${path}`);
        return response.ok() ? String(status(await response.json())) : `${response.status()}`;
      },
      { timeout: 120000, intervals: [500] }
    )
    .toMatch(new RegExp(`^(${done.join('|')})$`));
}

/** A clean main area with one room in it, the sidebar closed. */
async function openRoom(page: IJupyterLabPageFixture, command: string, id: string) {
  await page.sidebar.close();
  // The launcher may open late and take the front: bring the room back and close the rest
  // until the room stays alone in the main area.
  await expect
    .poll(
      () =>
        page.evaluate(
          async ({ command, id }) => {
            const app = window.jupyterapp;
            await app.commands.execute(command);
            for (const widget of [...app.shell.widgets('main')]) {
              if (widget.id !== id) {
                widget.close();
              }
            }
            app.shell.activateById(id);
            await new Promise(resolve => setTimeout(resolve, 300));
            const tabs = [...document.querySelectorAll('#jp-main-dock-panel .lm-TabBar-tab')];
            const room = document.getElementById(id);
            return tabs.length === 1 && !!room && !room.classList.contains('lm-mod-hidden');
          },
          { command, id }
        ),
      { timeout: 30000 }
    )
    .toBe(true);
  await expect(page.locator(`#${id}`)).toBeVisible();
}

/** A model, a config of two variants (blue, green) and an endpoint, InService (see endpoints.spec.ts). */
async function deployEndpoint(request: APIRequestContext, name: string): Promise<void> {
  await post(request, 'models', {
    ModelName: `${name}-model`,
    PrimaryContainer: { ModelDataUrl: 'endpoint-seed/model.tar.gz' }
  });
  await post(request, 'endpoint-configs', {
    EndpointConfigName: `${name}-config`,
    ProductionVariants: (
      [
        ['blue', 3],
        ['green', 1]
      ] as const
    ).map(([variant, weight]) => ({
      VariantName: variant,
      ModelName: `${name}-model`,
      InitialInstanceCount: 1,
      InstanceType: 'ml.m5.large',
      InitialVariantWeight: weight
    }))
  });
  await post(request, 'endpoints', { EndpointName: name, EndpointConfigName: `${name}-config` });
  await waitFor(request, `endpoints/${name}`, b => b.EndpointStatus, ['InService', 'Failed']);
}

/** Where the mouse rests during shots: over nothing that highlights. */
async function restMouse(page: IJupyterLabPageFixture): Promise<void> {
  const size = page.viewportSize() ?? SIZES[0];
  await page.mouse.move(size.width - 4, 12);
}

/**
 * Scroll `node` into view (its top at the scroller's top, or its bottom at the bottom), again until it stays put:
 * after a change of size the charts redraw, and a page shorter for that moment stops the scroll short.
 */
async function scrollInto(node: Locator, block: 'start' | 'end' = 'start'): Promise<void> {
  let last = NaN;
  await expect
    .poll(
      async () => {
        const top = await node.evaluate((n, where) => {
          n.scrollIntoView({ block: where });
          return Math.round(n.getBoundingClientRect().top);
        }, block);
        const settled = top === last;
        last = top;
        return settled;
      },
      { intervals: [300], timeout: 15000 }
    )
    .toBe(true);
}

/** What differs from run to run, hidden while the pictures are taken (see the file). */
const VOLATILE = path.join(__dirname, 'screens.css');

/**
 * Shoot the page in both sizes and both themes (starting with the theme it has, to switch
 * once), against `<name>-<size>-<theme>.png`.
 */
async function shoot(
  page: IJupyterLabPageFixture,
  name: string,
  /** Run after each change of size (to scroll something into view). */
  prepare: () => Promise<void> = async () => undefined
): Promise<void> {
  const current: Theme = (await page.theme.getTheme()) === 'JupyterLab Dark' ? 'dark' : 'light';
  const themes: Theme[] = current === 'dark' ? ['dark', 'light'] : ['light', 'dark'];
  for (const theme of themes) {
    if (theme !== current) {
      await (theme === 'dark' ? page.theme.setDarkTheme() : page.theme.setLightTheme());
    }
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await prepare();
      await restMouse(page);
      await expect(page).toHaveScreenshot(`${name}-${size.width}x${size.height}-${theme}.png`, {
        stylePath: VOLATILE
      });
    }
  }
}

test.describe('Screens', () => {
  test.use({ viewport: SIZES[0] });

  test('Jobs: the list, a job page, the new job form', async ({ page, tmpPath }) => {
    test.setTimeout(240000);
    await page.contents.uploadContent(
      'for i in range(4):\n    print(f"epoch {i}: loss={1 / (i + 1):.3f}", flush=True)\nprint("done")\n',
      'text',
      `${tmpPath}/train.py`
    );
    await page.contents.uploadContent(
      'import sys\nprint("reading data.csv", flush=True)\nsys.exit("data.csv: no such file")\n',
      'text',
      `${tmpPath}/prepare.py`
    );
    for (const [name, script, extra] of [
      ['shot-job-prepare', 'prepare.py', {}],
      [
        'shot-job-train-with-a-long-name-to-read-in-full',
        'train.py',
        { arguments: ['--epochs', '4'], experiment_config: { ExperimentName: 'shot-jobs' } }
      ]
    ] as const) {
      await post(page.request, 'jobs', {
        job_name: name,
        script: `${tmpPath}/${script}`,
        ...extra
      });
      await waitFor(page.request, `jobs/${name}`, b => b.status, ['Completed', 'Failed']);
    }

    await openRoom(page, 'smstudio:jobs-open', 'smstudio-jobs');
    await page.getByTestId('jobs-search').fill('shot-job');
    await expect(page.locator('[data-testid="jobs-table"] tr[data-job-name]')).toHaveCount(2);
    await page.locator('tr[data-job-name^="shot-job-train"]').click();
    await expect(page.getByTestId('job-log')).toContainText('done');
    await expect(page.getByRole('heading', { name: 'Log (complete)' })).toBeVisible();
    await shoot(page, 'jobs');

    await page.getByTestId('new-job').click();
    await expect(page.getByTestId('new-job-form')).toBeVisible();
    await page.locator('input[name="script"]').blur();
    await shoot(page, 'jobs-new-job-form');
  });

  test('Training: a training job page, the training form', async ({ page, tmpPath }) => {
    test.setTimeout(240000);
    await page.contents.uploadContent(
      [
        'import argparse, os',
        'parser = argparse.ArgumentParser()',
        'parser.add_argument("--epochs", type=int, default=4)',
        'args, _ = parser.parse_known_args()',
        'loss = 1.0',
        'for epoch in range(args.epochs):',
        '    loss *= 0.6',
        '    print(f"epoch={epoch} loss={loss:.4f}", flush=True)',
        'open(os.path.join(os.environ["SM_MODEL_DIR"], "model.txt"), "w").write(str(loss))',
        ''
      ].join('\n'),
      'text',
      `${tmpPath}/proj/train.py`
    );
    await page.contents.uploadContent('x,y\n1,2\n', 'text', `${tmpPath}/proj/data/train.csv`);
    await post(page.request, 'training-jobs', {
      job_name: 'shot-training',
      entry_point: 'train.py',
      source_dir: `${tmpPath}/proj`,
      hyperparameters: { epochs: 6, learning_rate: 0.05 },
      inputs: { train: { s3_data: `${tmpPath}/proj/data` } },
      metric_definitions: [{ Name: 'train:loss', Regex: 'loss=([0-9\\.]+)' }],
      experiment_config: { ExperimentName: 'shot-training' }
    });
    await waitFor(page.request, 'training-jobs/shot-training', b => b.TrainingJobStatus, [
      'Completed',
      'Failed'
    ]);

    await openRoom(page, 'smstudio:training-open', 'smstudio-training');
    await page.getByTestId('training-search').fill('shot-training');
    await expect(page.locator('[data-testid="training-table"] tr[data-job-name]')).toHaveCount(1);
    await page.locator('tr[data-job-name="shot-training"]').click();
    await expect(page.getByTestId('training-status')).toContainText('Completed');
    await expect(page.getByTestId('training-metric-chart')).toHaveAttribute('data-points', '6');
    await expect(page.locator('.jp-smstudio-training-chart .main-svg').first()).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Log (complete)' })).toBeVisible();
    await shoot(page, 'training');

    await page.getByTestId('training-deploy').click();
    await expect(page.getByTestId('deploy-dialog')).toBeVisible();
    await page.locator('.jp-Dialog input[name="endpointName"]').fill('shot training');
    await page.locator('.jp-Dialog').getByRole('button', { name: 'Deploy' }).click();
    await expect(page.getByTestId('deploy-error-endpointName')).toBeVisible();
    await shoot(page, 'training-deploy');
    await page.locator('.jp-Dialog').getByRole('button', { name: 'Cancel' }).click();

    await page.getByTestId('training-clone').click();
    await expect(page.getByTestId('training-form')).toBeVisible();
    await page.locator('input[name="entry_point"]').blur();
    await shoot(page, 'training-form');
  });

  test('Tuning: a tuning job page, the tuning form', async ({ page, tmpPath }) => {
    test.setTimeout(300000);
    await page.contents.uploadContent(
      [
        'import argparse',
        'parser = argparse.ArgumentParser()',
        'parser.add_argument("--x", type=float, default=0.0)',
        'parser.add_argument("--depth", type=int, default=2)',
        'args, _ = parser.parse_known_args()',
        'print(f"accuracy={0.9 - (args.x - 0.3) ** 2 + args.depth / 100:.4f}", flush=True)',
        ''
      ].join('\n'),
      'text',
      `${tmpPath}/tune/train.py`
    );
    await post(page.request, 'tuning-jobs', {
      tuning_job_name: 'shot-tuning',
      strategy: 'Random',
      random_seed: 7,
      objective: { type: 'Maximize', metric_name: 'validation:accuracy' },
      parameter_ranges: {
        continuous_parameter_ranges: [{ name: 'x', min_value: 0, max_value: 1 }],
        integer_parameter_ranges: [{ name: 'depth', min_value: 2, max_value: 8 }]
      },
      max_jobs: 3,
      max_parallel_jobs: 1,
      training_job: {
        entry_point: 'train.py',
        source_dir: `${tmpPath}/tune`,
        metric_definitions: [{ Name: 'validation:accuracy', Regex: 'accuracy=([0-9.]+)' }]
      }
    });
    await waitFor(page.request, 'tuning-jobs/shot-tuning', b => b.status, ['Completed', 'Failed']);

    await openRoom(page, 'smstudio:tuning-open', 'smstudio-tuning');
    await page.getByTestId('tuning-search').fill('shot-tuning');
    await expect(page.locator('[data-testid="tuning-table"] tr[data-job-name]')).toHaveCount(1);
    await page.locator('tr[data-job-name="shot-tuning"]').click();
    await expect(page.getByTestId('tuning-detail-status')).toHaveText('Completed');
    await expect(page.locator('[data-testid="tuning-trials"] tr[data-trial]')).toHaveCount(3);
    await expect(page.getByTestId('tuning-objective-chart')).toHaveAttribute('data-points', '3');
    await expect(
      page.locator('[data-testid="tuning-objective-chart"] .main-svg').first()
    ).toBeVisible();
    await shoot(page, 'tuning');

    await page.getByTestId('tuning-new').click();
    const form = page.getByTestId('tuning-form');
    await expect(form).toBeVisible();
    await form.locator('input[name="entry_point"]').fill('train.py');
    await form.locator('input[name="static_hyperparameters"]').fill('epochs=8, learning_rate=0.01');
    await form.locator('input[name="metric_name"]').fill('validation:loss');
    await form.locator('input[name="metric_regex"]').fill('loss=([0-9.]+)');
    await form.getByTestId('tuning-candidate').first().click();
    await form.locator('input[name="metric_regex"]').blur();
    await shoot(page, 'tuning-form');
  });

  test('Experiments: a leaderboard, its charts', async ({ page }) => {
    test.setTimeout(240000);
    await seedExperiment(page.request);
    await openRoom(page, 'smstudio:experiments-open', 'smstudio-experiments');
    await page.getByLabel('Filter experiments').fill('shot-exp');
    await page.locator('[data-experiment-name="shot-exp"]').click();
    const rows = page.getByTestId('leaderboard-row');
    await expect(rows).toHaveCount(6);
    await page.getByTestId('sort-Metrics.validation:accuracy.Last').click();
    await expect(page.locator('[data-testid="leaderboard-row"][data-best="true"]')).toHaveCount(1);
    for (const i of [1, 2]) {
      await page
        .locator(`[data-component-name="${runName(i)}"] [data-testid="row-select"]`)
        .check();
    }
    await shoot(page, 'experiments');

    await page.getByTestId('tab-charts').click();
    const charts = page.getByTestId('charts');
    await charts.getByTestId('chart-kind').selectOption('steps');
    await charts.getByTestId('chart-metric').selectOption('validation:accuracy');
    await charts.getByTestId('chart-add').click();
    await charts.getByTestId('chart-kind').selectOption('parallel');
    await charts.getByTestId('chart-add').click();
    await expect(charts.getByTestId('chart')).toHaveCount(2);
    await expect(charts.locator('.js-plotly-plot')).toHaveCount(2, { timeout: 60000 });
    await expect(charts.getByTestId('chart-note')).toContainText('1 of 6 trial components');
    // at 1280x720 the parallel coordinates are below the first chart: show them
    await shoot(page, 'experiments-charts', () =>
      scrollInto(charts.getByTestId('chart').last(), 'end')
    );
  });

  test('Endpoints: the list, an endpoint page with a test answer', async ({ page }) => {
    test.setTimeout(420000);
    await deployEndpoint(page.request, 'shot-endpoint-with-a-long-name-to-read-in-full');
    await openRoom(page, 'smstudio:endpoints-open', 'smstudio-endpoints');
    await page.getByTestId('endpoints-search').fill('shot-endpoint');
    await expect(
      page.locator('[data-testid="endpoints-table"] tr[data-endpoint-name]')
    ).toHaveCount(1);
    await page.locator('tr[data-endpoint-name^="shot-endpoint"]').click();
    const detail = page.getByTestId('endpoint-detail');
    await expect(detail.getByTestId('endpoint-status')).toHaveText('InService');
    await expect(detail.getByTestId('endpoint-model-url').first()).toBeVisible();
    await detail.getByTestId('endpoint-test-target').selectOption('green');
    await detail.getByTestId('endpoint-test-send').click();
    await expect(detail.getByTestId('endpoint-test-variant')).toHaveText('green');
    const charts = detail.getByTestId('endpoint-charts');
    await expect(charts).toHaveAttribute('data-invocations', '1');
    await expect(charts.locator('.js-plotly-plot')).toHaveCount(3, { timeout: 60000 });
    // the page from its top: where Send left it scrolled varies
    await shoot(page, 'endpoints', () => scrollInto(detail.locator('header').first()));
    // the test answer and the charts below it
    await shoot(page, 'endpoints-charts', () => scrollInto(detail.getByTestId('endpoint-test')));

    await detail.getByTestId('variant-model').first().click();
    await expect(page.getByTestId('model-detail').getByTestId('model-used-by')).toBeVisible();
    await page.getByTestId('endpoints-search').fill('shot-endpoint');
    await expect(page.locator('[data-testid="models-table"] tr[data-model-name]')).toHaveCount(1);
    await shoot(page, 'endpoints-model');

    await page.getByTestId('model-used-by').getByRole('button').first().click();
    await expect(page.getByTestId('config-detail').getByTestId('config-used-by')).toBeVisible();
    await page.getByTestId('endpoints-search').fill('shot-endpoint');
    await expect(
      page.locator('[data-testid="endpoint-configs-table"] tr[data-config-name]')
    ).toHaveCount(1);
    await shoot(page, 'endpoints-config');

    // autoscaling: one variant with a policy, the editor of the other refusing a capacity
    await page.getByTestId('endpoints-tab-endpoints').click();
    await page.getByTestId('endpoints-search').fill('shot-endpoint');
    await page.locator('tr[data-endpoint-name^="shot-endpoint"]').click();
    const scaling = detail.getByTestId('endpoint-scaling');
    const variant = (name: string) =>
      scaling.locator(`[data-testid="scaling-variant"][data-variant="${name}"]`);
    await variant('blue').getByTestId('scaling-edit').click();
    await scaling.locator('input[name="max"]').fill('2');
    await scaling.locator('input[name="target"]').fill('1000');
    await scaling.getByTestId('scaling-save').click();
    await expect(variant('blue').getByTestId('scaling-remove')).toBeVisible();
    await variant('green').getByTestId('scaling-edit').click();
    await scaling.locator('input[name="max"]').fill('99');
    await scaling.getByTestId('scaling-save').click();
    await expect(scaling.getByTestId('scaling-error-max')).toBeVisible();
    await shoot(page, 'endpoints-scaling', () => scrollInto(scaling));

    // a batch transform job, completed
    await seedTransform(page.request, page.contents, 'shot-transform');
    await page.getByTestId('endpoints-tab-transforms').click();
    await page.getByTestId('endpoints-search').fill('shot-transform');
    await page.locator('tr[data-transform-name="shot-transform"]').click();
    await expect(page.getByTestId('transform-progress')).toContainText('(100%)');
    await shoot(page, 'endpoints-transform');

    // access keys: a new one, its secret shown once
    await page.getByTestId('endpoints-tab-keys').click();
    await page.getByTestId('access-key-create').click();
    await expect(page.getByTestId('access-key-new')).toBeVisible();
    await shoot(page, 'endpoints-access-keys');
  });

  test('Model Monitor: a baseline page, schedule pages with an execution', async ({ page }) => {
    test.setTimeout(360000);
    const baseline = await seedBaseline(page.request, page.contents, 'shot-mon');
    await seedCapturingEndpoint(page.request, 'shot-monitored-endpoint');
    await sendDriftedTraffic(page.request, 'shot-monitored-endpoint');
    const schedule = await seedNowSchedule(page.request, 'shot-mon', 'shot-monitored-endpoint');
    await runScheduleNow(page.request, schedule, 2);
    // what differs from run to run on these pages: the executions' job names, the charts' times
    await page.addStyleTag({
      content: [
        '.jp-smstudio-monitor-job, .jp-smstudio-monitor-job *, [data-testid="baselines-table"] td:nth-child(3),',
        '[data-testid="baseline-facts"] .jp-smstudio-url,',
        '[data-testid="schedule-facts"] .jp-smstudio-url { color: transparent !important; }',
        '[data-testid="drift-chart"] .xtick, [data-testid="quality-chart"] .xtick { visibility: hidden !important; }'
      ].join('\n')
    });

    await openRoom(page, 'smstudio:open-monitor', 'smstudio-monitor');
    await page.getByTestId('monitor-search').fill('shot-mon');
    await page.locator(`tr[data-baseline-name="${baseline}"]`).click();
    const detail = page.getByTestId('baseline-detail');
    await expect(detail.getByTestId('baseline-status')).toHaveText('Completed');
    await expect(detail.getByTestId('feature-sparkline')).toHaveCount(3);
    await detail.getByTestId('constraint-threshold').fill('-1');
    await detail.getByTestId('constraints-save').click();
    await expect(detail.getByTestId('constraints-error')).toBeVisible();
    await shoot(page, 'monitor-baseline');

    await page.getByTestId('monitor-tab-schedules').click();
    await page.getByTestId('monitor-search').fill('shot-mon');
    await page.locator(`tr[data-schedule-name="${schedule}"]`).click();
    const scheduled = page.getByTestId('schedule-detail');
    await expect(scheduled.locator('[data-testid="executions-table"] tbody tr')).toHaveCount(2);
    await expect(scheduled.getByTestId('drift-chart').locator('.main-svg').first()).toBeVisible({
      timeout: 60000
    });
    await expect(
      scheduled.getByTestId('execution-histogram').locator('.main-svg').first()
    ).toBeVisible({ timeout: 60000 });
    await shoot(page, 'monitor-schedule', () => scrollInto(scheduled.locator('header').first()));
    // the execution's violations, drift per feature and histograms
    await shoot(page, 'monitor-execution', () =>
      scrollInto(scheduled.getByTestId('execution-report'))
    );

    // a model quality schedule: its metrics over time and its execution's
    const quality = await seedQualitySchedule(
      page.request,
      page.contents,
      'shot-mq',
      'shot-mq-endpoint'
    );
    await page.getByTestId('monitor-search').fill('shot-mq');
    await page.locator(`tr[data-schedule-name="${quality}"]`).click();
    await expect(scheduled.getByTestId('execution-model-quality')).toBeVisible();
    await expect(scheduled.getByTestId('quality-chart').locator('.main-svg').first()).toBeVisible({
      timeout: 60000
    });
    await shoot(page, 'monitor-quality', () => scrollInto(scheduled.getByTestId('quality-chart')));
  });
});

/** A completed transform job of 50 CSV lines over the seeded model, on 2 instances. */
async function seedTransform(
  request: APIRequestContext,
  contents: IJupyterLabPageFixture['contents'],
  name: string
): Promise<void> {
  const lines = Array.from({ length: 50 }, (_, i) => `${(i % 10) / 10},0.5,0.5`);
  await contents.uploadContent(lines.join('\n') + '\n', 'text', `${name}/in/data.csv`);
  // by its absolute URL: the transform job's process resolves no relative one
  const home = (await (await request.get(`${API}/whoami`)).json()).home_volume;
  await post(request, 'models', {
    ModelName: `${name}-model`,
    PrimaryContainer: { ModelDataUrl: `file://${home}/endpoint-seed/model.tar.gz` }
  });
  await post(request, 'transform-jobs', {
    TransformJobName: name,
    ModelName: `${name}-model`,
    TransformInput: {
      DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: `${name}/in` } },
      ContentType: 'text/csv',
      SplitType: 'Line'
    },
    TransformOutput: { S3OutputPath: `${name}/out`, AssembleWith: 'Line' },
    TransformResources: { InstanceType: 'ml.m5.large', InstanceCount: 2 }
  });
  await waitFor(request, `transform-jobs/${name}`, b => b.TransformJobStatus, [
    'Completed',
    'Failed'
  ]);
}

/** Run names as a tuning notebook makes them: alike but for their end. */
const runName = (i: number) => `demo-tune-261201-104312-0${i}`;

async function seedExperiment(request: APIRequestContext): Promise<void> {
  if ((await request.get(`${API}/experiments/shot-exp`)).ok()) {
    return;
  }
  await post(request, 'experiments', {
    experiment_name: 'shot-exp',
    display_name: 'demo-tune-261201-104312',
    tags: { notebook: 'Tuning' }
  });
  await post(request, 'experiments', { experiment_name: 'shot-exp-baseline' });
  await post(request, 'trials', { trial_name: 'shot-trial', experiment_name: 'shot-exp' });
  await post(request, 'trials', {
    trial_name: 'shot-baseline-trial',
    experiment_name: 'shot-exp-baseline'
  });
  for (let i = 1; i <= 6; i++) {
    const parameters: Record<string, number | string> = {
      learning_rate: [0.1, 0.03, 0.01, 0.003, 0.001, 0.0003][i - 1],
      max_depth: 2 + i
    };
    if (i !== 4) {
      parameters.optimizer = i % 2 ? 'adam' : 'sgd';
    }
    await post(request, 'trial-components', {
      trial_component_name: runName(i),
      display_name: runName(i),
      status: 'Completed',
      trial_name: 'shot-trial',
      parameters
    });
    const metrics = [];
    for (let step = 0; step < 8; step++) {
      const accuracy = 0.6 + (0.3 * (step + 1)) / 8 - Math.abs(i - 3) * 0.02;
      metrics.push(
        { metric_name: 'validation:accuracy', value: Number(accuracy.toFixed(4)), step },
        { metric_name: 'validation:auc', value: Number((accuracy + 0.04).toFixed(4)), step },
        { metric_name: 'train:loss', value: Number((1.2 / (step + 1) + i / 50).toFixed(4)), step }
      );
    }
    await post(request, `trial-components/${runName(i)}/metrics`, { metrics });
  }
}
