/**
 * The Training room end to end: upload a script and data -> form -> live log and metric chart
 * -> Completed with a model artifact; clone -> a slow job -> Stop; a bad channel path shows its
 * error next to the channel row.
 */
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';

const TRAIN_SCRIPT = `import argparse, os, time
parser = argparse.ArgumentParser()
parser.add_argument("--epochs", type=int, default=8)
args, _ = parser.parse_known_args()
data = os.environ.get("SM_CHANNEL_TRAIN", "")
print("train channel:", sorted(os.listdir(data)) if data else None, flush=True)
loss = 1.0
for epoch in range(args.epochs):
    loss = loss * 0.7
    print(f"epoch={epoch} loss={loss:.4f}", flush=True)
    time.sleep(0.5)
with open(os.path.join(os.environ["SM_MODEL_DIR"], "model.txt"), "w") as f:
    f.write(f"loss={loss}\\n")
print("training done", flush=True)
`;

const SLOW_SCRIPT = `import time
print("slow started", flush=True)
time.sleep(600)
print("slow never printed", flush=True)
`;

const CSV = 'x,y\n1,2\n3,4\n5,6\n';

function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}`;
}

/** Open the Studio sidebar and the Training room from it. */
async function openTrainingRoom(page: IJupyterLabPageFixture): Promise<void> {
  await page.sidebar.openTab('smstudio-sidebar');
  const button = page.locator('#smstudio-sidebar button[data-room="training"]');
  await expect(button).toBeVisible();
  await button.click();
  await expect(page.locator('#smstudio-training')).toBeVisible();
  await expect(page.getByTestId('training-table')).toBeVisible();
}

/** Confirm the dialog that asks before stopping. */
async function confirmStop(page: IJupyterLabPageFixture): Promise<void> {
  const dialog = page.locator('.jp-Dialog');
  await expect(dialog).toContainText('cannot be resumed');
  await dialog.getByRole('button', { name: 'Stop' }).click();
  await expect(dialog).toHaveCount(0);
}

async function openForm(page: IJupyterLabPageFixture) {
  const form = page.getByTestId('training-form');
  if (!(await form.isVisible())) {
    await page.getByTestId('training-new').click();
  }
  await expect(form).toBeVisible();
  return form;
}

test.describe('Training room', () => {
  test('trains live to Completed, then clones into a job that is stopped', async ({
    page,
    tmpPath
  }) => {
    test.setTimeout(240000);
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.contents.uploadContent(TRAIN_SCRIPT, 'text', `${tmpPath}/proj/train.py`);
    await page.contents.uploadContent(CSV, 'text', `${tmpPath}/proj/data/train.csv`);
    await page.contents.uploadContent(SLOW_SCRIPT, 'text', `${tmpPath}/slow/train.py`);
    await openTrainingRoom(page);

    const form = await openForm(page);
    await form.locator('input[name="entry_point"]').fill('train.py');
    await form.locator('input[name="source_dir"]').fill(`${tmpPath}/proj`);
    await form.locator('input[name="hyperparameters.0.key"]').fill('epochs');
    await form.locator('input[name="hyperparameters.0.value"]').fill('8');
    await form.locator('input[name="channels.0.key"]').fill('train');
    await form.locator('input[name="channels.0.value"]').fill(`${tmpPath}/proj/data`);
    await form.locator('input[name="metrics.0.key"]').fill('loss');
    await form.locator('input[name="metrics.0.value"]').fill('loss=([0-9\\.]+)');
    const name = uniqueName('train');
    await form.locator('input[name="job_name"]').fill(name);
    await page.getByTestId('training-submit').click();

    // The form closes, the row appears and the job page opens.
    await expect(page.getByTestId('training-form')).toHaveCount(0, { timeout: 30000 });
    const row = page.locator(`tr[data-job-name="${name}"]`);
    await expect(row).toBeVisible();
    await row.click();
    const detail = page.getByTestId('training-detail');
    await expect(detail).toBeVisible();
    await expect(detail.locator('h3')).toHaveText(name);

    // Live: the log tail grows and the metric chart appears while the job runs.
    const log = page.getByTestId('training-log');
    await expect(log).toContainText('epoch=0', { timeout: 60000 });
    const early = (await log.textContent()) ?? '';
    await expect(page.getByTestId('training-metric-chart')).toBeVisible({ timeout: 30000 });
    await expect(page.getByTestId('training-metric-chart')).toHaveAttribute('data-metric', 'loss');
    await expect(log).toContainText('epoch=7', { timeout: 60000 });
    expect(((await log.textContent()) ?? '').length).toBeGreaterThan(early.length);
    if (!early.includes('epoch=7')) {
      // the job was seen running: the first read had fewer epochs than the last
      expect(early).not.toContain('training done');
    }

    // Completed, with the model artifact and final metrics.
    await expect(page.getByTestId('training-status')).toContainText('Completed', {
      timeout: 60000
    });
    await expect(row.getByTestId('training-row-status')).toContainText('Completed', {
      timeout: 30000
    });
    await expect(page.getByTestId('training-model-artifact')).toContainText('model.tar.gz', {
      timeout: 30000
    });
    await expect(page.getByTestId('training-final-metrics')).toContainText('loss', {
      timeout: 30000
    });
    await expect(page.getByTestId('training-hyperparameters')).toContainText('epochs');
    await expect(page.getByTestId('training-channels')).toContainText('train');
    await expect(page.getByTestId('training-config')).toContainText(`${tmpPath}/proj`);
    await expect(page.getByTestId('training-metric-chart')).toHaveAttribute('data-points', '8', {
      timeout: 30000
    });
    await expect(page.getByTestId('training-stop')).toBeDisabled();
    await expect(page.locator('.jp-smstudio-training-chart .main-svg').first()).toBeVisible();
    // the job page links to its experiment and its trial component
    await expect(page.getByTestId('training-experiment')).toHaveText('Unassigned trial components');
    await expect(page.getByTestId('training-component')).toHaveText(`${name}-aws-training-job`);
    await page.sidebar.close();
    await page.screenshot({ path: test.info().outputPath('training.png') });

    // Clone into a new job: the form comes prefilled; point it at the slow script and stop it.
    await page.getByTestId('training-clone').click();
    const clone = page.getByTestId('training-form');
    await expect(clone).toBeVisible();
    await expect(clone.locator('input[name="entry_point"]')).toHaveValue('train.py');
    await expect(clone.locator('input[name="source_dir"]')).toHaveValue(`${tmpPath}/proj`);
    await expect(clone.locator('input[name="hyperparameters.0.key"]')).toHaveValue('epochs');
    await expect(clone.locator('input[name="hyperparameters.0.value"]')).toHaveValue('8');
    await expect(clone.locator('input[name="metrics.0.key"]')).toHaveValue('loss');
    await clone.locator('input[name="source_dir"]').fill(`${tmpPath}/slow`);
    const slow = uniqueName('slow');
    await clone.locator('input[name="job_name"]').fill(slow);
    await page.getByTestId('training-submit').click();
    await expect(page.getByTestId('training-form')).toHaveCount(0, { timeout: 30000 });

    await expect(detail.locator('h3')).toHaveText(slow);
    await expect(page.getByTestId('training-status')).toContainText('InProgress', {
      timeout: 30000
    });
    await expect(log).toContainText('slow started', { timeout: 60000 });
    const stop = page.getByTestId('training-stop');
    await expect(stop).toBeEnabled();
    await stop.click();
    await confirmStop(page);
    await expect(page.getByTestId('training-status')).toContainText('Stopped', { timeout: 60000 });
    await expect(
      page.locator(`tr[data-job-name="${slow}"]`).getByTestId('training-row-status')
    ).toContainText('Stopped', { timeout: 30000 });
    await expect(stop).toBeDisabled();

    // The kind toggle and the name search filter the table.
    await page.getByTestId('training-search').fill(slow);
    await expect(page.locator(`tr[data-job-name="${name}"]`)).toHaveCount(0, { timeout: 10000 });
    await expect(page.locator(`tr[data-job-name="${slow}"]`)).toBeVisible();
    await page.getByTestId('training-kind-processing').click();
    await expect(page.locator(`tr[data-job-name="${slow}"]`)).toHaveCount(0, { timeout: 10000 });
  });

  test('shows a bad channel path next to the channel row', async ({ page, tmpPath }) => {
    await page.contents.uploadContent(TRAIN_SCRIPT, 'text', `${tmpPath}/proj/train.py`);
    await openTrainingRoom(page);
    const form = await openForm(page);
    await form.locator('input[name="entry_point"]').fill('train.py');
    await form.locator('input[name="source_dir"]').fill(`${tmpPath}/proj`);
    await form.locator('input[name="channels.0.key"]').fill('train');
    await form.locator('input[name="channels.0.value"]').fill(`${tmpPath}/no-such-data`);
    await page.getByTestId('training-submit').click();

    const channelRow = form.getByTestId('training-channel-row').first();
    await expect(channelRow.getByTestId('training-field-error')).toContainText('does not exist');
    await expect(page.getByTestId('training-form-error')).toContainText('inputs.train.s3_data');
    await expect(form.getByTestId('training-field-error')).toHaveCount(1);

    // A missing entry point is named at its own field.
    await form.locator('input[name="channels.0.value"]').fill('');
    await form.locator('input[name="channels.0.key"]').fill('');
    await form.locator('input[name="entry_point"]').fill('missing.py');
    await page.getByTestId('training-submit').click();
    await expect(
      form.locator('[data-testid="training-field-error"][data-field="entry_point"]')
    ).toContainText('missing.py');
    await expect(channelRow.getByTestId('training-field-error')).toHaveCount(0);
  });

  test('opens the form from its command', async ({ page }) => {
    await page.evaluate(async () => {
      await window.jupyterapp.commands.execute('smstudio:training-new');
    });
    await expect(page.locator('#smstudio-training')).toBeVisible();
    await expect(page.getByTestId('training-form')).toBeVisible();
    await expect(page.locator('input[name="instance_type"]')).toHaveValue('local');
  });

  test("picks the script in JupyterLab's file dialog", async ({ page, tmpPath }) => {
    await page.contents.uploadContent(TRAIN_SCRIPT, 'text', `${tmpPath}/picked.py`);
    await openTrainingRoom(page);
    const form = await openForm(page);
    await form.getByTestId('training-pick-entry_point').click();
    const dialog = page.locator('.jp-Dialog');
    await expect(dialog).toContainText('Choose the training script');
    await dialog.locator('.jp-DirListing-item', { hasText: 'picked.py' }).click();
    await dialog.getByRole('button', { name: 'Select' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(form.locator('input[name="entry_point"]')).toHaveValue(`${tmpPath}/picked.py`);
    // the Processing list has no form: it starts training jobs
    await page.getByTestId('training-kind-processing').click();
    await expect(page.getByTestId('training-form')).toHaveCount(0);
    await expect(page.getByTestId('training-new')).toHaveCount(0);
    await expect(page.getByTestId('training-table')).toContainText('No processing jobs');
  });
});
