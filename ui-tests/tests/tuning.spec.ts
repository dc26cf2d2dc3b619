/**
 * The Tuning room end to end: a tuning job started through the REST API (as the SDK's
 * HyperparameterTuner does) runs real training jobs; the room shows it live (progress, training
 * jobs, objective chart, best job) and a second, slow one is stopped from the room.
 *
 * Galata's server runs without a token and without the XSRF check, so the test talks to the
 * API with the page's request context directly.
 */
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';

const API = '/smstudio/api';

const SCRIPT = `import argparse, time
parser = argparse.ArgumentParser()
parser.add_argument("--x", type=float, default=0.0)
parser.add_argument("--epochs", type=int, default=3)
parser.add_argument("--pause", type=float, default=0.2)
args, _ = parser.parse_known_args()
for epoch in range(args.epochs):
    print(f"epoch={epoch} score={1 - (args.x - 0.3) ** 2:.4f}", flush=True)
    time.sleep(args.pause)
`;

function tuningRequest(
  name: string,
  folder: string,
  extra: Record<string, unknown> = {}
): Record<string, unknown> {
  return {
    tuning_job_name: name,
    strategy: 'Random',
    random_seed: 1,
    objective: { type: 'Maximize', metric_name: 'score' },
    parameter_ranges: { continuous_parameter_ranges: [{ name: 'x', min_value: 0, max_value: 1 }] },
    max_jobs: 4,
    max_parallel_jobs: 2,
    training_job: {
      entry_point: 'train.py',
      source_dir: folder,
      metric_definitions: [{ Name: 'score', Regex: 'score=([0-9.]+)' }],
      ...extra
    }
  };
}

/** Confirm the dialog that asks before stopping. */
async function confirmStop(page: IJupyterLabPageFixture): Promise<void> {
  const dialog = page.locator('.jp-Dialog');
  await expect(dialog).toContainText('cannot be resumed');
  await dialog.getByRole('button', { name: 'Stop' }).click();
  await expect(dialog).toHaveCount(0);
}

async function openTuningRoom(page: IJupyterLabPageFixture): Promise<void> {
  await page.sidebar.openTab('smstudio-sidebar');
  const button = page.locator('#smstudio-sidebar button[data-room="tuning"]');
  await expect(button).toBeVisible();
  await button.click();
  await expect(page.locator('#smstudio-tuning')).toBeVisible();
  await expect(page.getByTestId('tuning-table')).toBeVisible();
}

test.describe('Tuning room', () => {
  test('follows a tuning job live to its best training job, and stops another', async ({
    page,
    tmpPath
  }) => {
    test.setTimeout(240000);
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.contents.uploadContent(SCRIPT, 'text', `${tmpPath}/tune/train.py`);
    const name = `tune-${Date.now().toString(36)}`;
    const created = await page.request.post(`${API}/tuning-jobs`, {
      data: tuningRequest(name, `${tmpPath}/tune`)
    });
    expect(created.status(), await created.text()).toBe(201);

    await openTuningRoom(page);
    const row = page.locator(`tr[data-job-name="${name}"]`);
    await expect(row).toBeVisible({ timeout: 30000 });
    await row.click();
    const detail = page.getByTestId('tuning-detail');
    await expect(detail.locator('h3')).toHaveText(name);
    // live: training jobs appear while it runs, then it completes with a best job and a chart
    await expect(page.locator('[data-testid="tuning-trials"] tr[data-trial]').first()).toBeVisible({
      timeout: 60000
    });
    await expect(page.getByTestId('tuning-detail-status')).toHaveText('Completed', {
      timeout: 120000
    });
    await expect(page.locator('[data-testid="tuning-trials"] tr[data-trial]')).toHaveCount(4);
    await expect(page.getByTestId('tuning-progress')).toContainText('4 of 4 ended');
    await expect(page.getByTestId('tuning-best')).toContainText(`${name}-`);
    await expect(page.locator('.jp-smstudio-best-row')).toHaveCount(1);
    await expect(page.getByTestId('tuning-objective-chart')).toHaveAttribute('data-points', '4');
    await expect(
      page.locator('[data-testid="tuning-objective-chart"] .main-svg').first()
    ).toBeVisible();
    await expect(page.getByTestId('tuning-stop')).toBeDisabled();
    await page.sidebar.close();
    await page.screenshot({ path: test.info().outputPath('tuning.png') });

    // a slow tuning job, stopped from the room (its running training jobs stop with it)
    const slow = `${name}-slow`;
    const started = await page.request.post(`${API}/tuning-jobs`, {
      data: tuningRequest(slow, `${tmpPath}/tune`, { hyperparameters: { epochs: 600, pause: 1 } })
    });
    expect(started.status(), await started.text()).toBe(201);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.locator(`tr[data-job-name="${slow}"]`).click();
    await expect(page.getByTestId('tuning-detail-status')).toHaveText('InProgress', {
      timeout: 30000
    });
    await page.getByTestId('tuning-stop').click();
    await confirmStop(page);
    await expect(page.getByTestId('tuning-detail-status')).toHaveText('Stopped', {
      timeout: 60000
    });
    await expect(page.locator('[data-testid="tuning-trials"] tr[data-trial]')).toHaveCount(2);

    // A training job's row opens its page in the Training room, which links back here.
    await page.locator(`tr[data-job-name="${name}"]`).click();
    await expect(page.getByTestId('tuning-detail').locator('h3')).toHaveText(name);
    const first = page.locator('[data-testid="tuning-trials"] tr[data-trial="0"]');
    const trainingJob = (await first.getByTestId('tuning-trial-name').textContent())!.trim();
    await first.click();
    await expect(page.locator('#smstudio-training')).toBeVisible();
    await expect(page.getByTestId('training-detail').locator('h3')).toHaveText(trainingJob);
    await expect(page.getByTestId('training-experiment')).toHaveText(name);
    await page.getByTestId('training-tuning-link').click();
    await expect(page.locator('#smstudio-tuning')).toBeVisible();
    await expect(page.getByTestId('tuning-detail').locator('h3')).toHaveText(name);
  });

  test('starts a tuning job from the form; a bad range is shown beside its row', async ({
    page,
    tmpPath
  }) => {
    test.setTimeout(180000);
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.contents.uploadContent(SCRIPT, 'text', `${tmpPath}/formtune/train.py`);
    await openTuningRoom(page);
    await page.getByTestId('tuning-new').click();
    const form = page.getByTestId('tuning-form');
    await expect(form).toBeVisible();
    await form.locator('input[name="entry_point"]').fill('train.py');
    await form.locator('input[name="source_dir"]').fill(`${tmpPath}/formtune`);
    await form.locator('input[name="static_hyperparameters"]').fill('epochs=2, pause=0.1');
    await form.locator('input[name="metric_name"]').fill('score');
    await form.locator('input[name="metric_regex"]').fill('score=([0-9.]+)');
    await form.locator('input[name="ranges.0.name"]').fill('x');
    await form.locator('input[name="ranges.0.min"]').fill('0.9');
    await form.locator('input[name="ranges.0.max"]').fill('0.1');
    await form.locator('input[name="max_jobs"]').fill('3');
    const name = `form-${Date.now().toString(36)}`;
    await form.locator('input[name="tuning_job_name"]').fill(name);
    await page.getByTestId('tuning-submit').click();
    // the server's 400 names parameter_ranges.continuous_parameter_ranges.0.min_value: shown on the row
    const rowError = page.locator(
      '[data-testid="tuning-range-row"] [data-testid="tuning-field-error"]'
    );
    await expect(rowError).toContainText('min_value must be below max_value');
    await page.sidebar.close();
    await page.screenshot({ path: test.info().outputPath('tuning-form.png') });
    await form.locator('input[name="ranges.0.min"]').fill('0');
    await form.locator('input[name="ranges.0.max"]').fill('1');
    await page.getByTestId('tuning-submit').click();
    await expect(form).toHaveCount(0, { timeout: 30000 });
    await expect(page.getByTestId('tuning-detail').locator('h3')).toHaveText(name);
    await expect(page.getByTestId('tuning-detail-status')).toHaveText('Completed', {
      timeout: 120000
    });
    await expect(page.locator('[data-testid="tuning-trials"] tr[data-trial]')).toHaveCount(3);
  });

  test('tunes a training job from its page in the Training room', async ({ page, tmpPath }) => {
    test.setTimeout(180000);
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.contents.uploadContent(SCRIPT, 'text', `${tmpPath}/fromjob/train.py`);
    const job = `base-${Date.now().toString(36)}`;
    const started = await page.request.post(`${API}/training-jobs`, {
      data: {
        job_name: job,
        entry_point: 'train.py',
        source_dir: `${tmpPath}/fromjob`,
        hyperparameters: { epochs: 2, pause: 0.1 },
        metric_definitions: [{ Name: 'score', Regex: 'score=([0-9.]+)' }]
      }
    });
    expect(started.status(), await started.text()).toBe(201);
    await page.sidebar.openTab('smstudio-sidebar');
    await page.locator('#smstudio-sidebar button[data-room="training"]').click();
    await page.locator(`tr[data-job-name="${job}"]`).click();
    await page.getByTestId('training-tune').click();
    // the Tuning room opens its form with the job's script, hyperparameters and metric
    const form = page.getByTestId('tuning-form');
    await expect(form).toBeVisible();
    await expect(form.locator('input[name="entry_point"]')).toHaveValue('train.py');
    await expect(form.locator('input[name="source_dir"]')).toHaveValue(`${tmpPath}/fromjob`);
    await expect(form.locator('input[name="static_hyperparameters"]')).toHaveValue(
      'epochs=2, pause=0.1'
    );
    await expect(form.locator('input[name="metric_name"]')).toHaveValue('score');
    await expect(form.getByTestId('tuning-objective-help')).toContainText('Maximize: inferred');
    // each hyperparameter is offered as a range; tuning one moves it out of the static ones
    await form.locator('[data-testid="tuning-candidate"][data-name="pause"]').click();
    await expect(form.locator('input[name="static_hyperparameters"]')).toHaveValue('epochs=2');
    await expect(form.locator('input[name="ranges.0.name"]')).toHaveValue('pause');
    await form.locator('input[name="ranges.0.min"]').fill('0.05');
    await form.locator('input[name="ranges.0.max"]').fill('0.1');
    await page.getByTestId('tuning-add-range').click();
    await form.locator('input[name="ranges.1.name"]').fill('x');
    await form.locator('input[name="ranges.1.min"]').fill('0');
    await form.locator('input[name="ranges.1.max"]').fill('1');
    await form.locator('input[name="max_jobs"]').fill('2');
    await page.getByTestId('tuning-submit').click();
    await expect(page.getByTestId('tuning-detail-status')).toHaveText('Completed', {
      timeout: 120000
    });
    await expect(page.locator('[data-testid="tuning-trials"] tr[data-trial]')).toHaveCount(2);
  });
});
