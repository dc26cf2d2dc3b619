/**
 * The Jobs room end to end: sidebar -> room -> run a script -> live status -> log -> stop.
 */
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';

const OK_SCRIPT = `import time
for i in range(5):
    print(f"ok line {i}", flush=True)
    time.sleep(0.2)
print("ok done", flush=True)
`;

const SLOW_SCRIPT = `import time
print("slow started", flush=True)
time.sleep(600)
print("slow never printed", flush=True)
`;

/** Open the Studio sidebar and the Jobs room from it. */
async function openJobsRoom(page: IJupyterLabPageFixture): Promise<void> {
  await page.sidebar.openTab('smstudio-sidebar');
  const button = page.locator('#smstudio-sidebar button[data-room="jobs"]');
  await expect(button).toBeVisible();
  await button.click();
  await expect(page.locator('#smstudio-jobs')).toBeVisible();
  await expect(page.getByTestId('jobs-table')).toBeVisible();
}

/** Fill and submit the "New script job" form. */
async function startJob(
  page: IJupyterLabPageFixture,
  script: string,
  jobName: string
): Promise<void> {
  const form = page.getByTestId('new-job-form');
  if (!(await form.isVisible())) {
    await page.getByTestId('new-job').click();
  }
  await expect(form).toBeVisible();
  await form.locator('input[name="script"]').fill(script);
  await form.locator('input[name="arguments"]').fill('--flag "two words"');
  await form.locator('textarea[name="environment"]').fill('SMSTUDIO_UI_TEST=1');
  await form.locator('input[name="max_runtime_seconds"]').fill('900');
  await form.locator('input[name="job_name"]').fill(jobName);
  await page.getByTestId('submit-job').click();
  // like the other rooms' forms: it closes and the new job's page opens
  await expect(form).toHaveCount(0);
  await expect(page.getByTestId('job-detail').locator('h3')).toHaveText(jobName);
  await expect(page.locator(`tr[data-job-name="${jobName}"]`)).toBeVisible();
}

/** Confirm the dialog that asks before stopping. */
async function confirmStop(page: IJupyterLabPageFixture): Promise<void> {
  const dialog = page.locator('.jp-Dialog');
  await expect(dialog).toContainText('cannot be resumed');
  await dialog.getByRole('button', { name: 'Stop' }).click();
  await expect(dialog).toHaveCount(0);
}

function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}`;
}

test.describe('Jobs room', () => {
  test('opens from the Studio sidebar', async ({ page }) => {
    await page.sidebar.openTab('smstudio-sidebar');
    const sidebar = page.locator('#smstudio-sidebar');
    await expect(sidebar).toBeVisible();
    await expect(sidebar.locator('button[data-room="jobs"]')).toHaveText(/Jobs/);
    await sidebar.locator('button[data-room="jobs"]').click();
    await expect(page.locator('#smstudio-jobs')).toBeVisible();
    await expect(page.getByTestId('jobs-table')).toBeVisible();
    await expect(page.getByTestId('jobs-error')).toHaveCount(0);
  });

  test('runs a script to Completed live and shows its log', async ({ page, tmpPath }) => {
    await page.contents.uploadContent(OK_SCRIPT, 'text', `${tmpPath}/ok.py`);
    await openJobsRoom(page);
    const name = uniqueName('ok');
    await startJob(page, `${tmpPath}/ok.py`, name);

    const row = page.locator(`tr[data-job-name="${name}"]`);
    // No reload: the row must reach Completed through events / polling.
    await expect(row.getByTestId('job-status')).toHaveText('Completed', { timeout: 60000 });

    await row.click();
    const detail = page.getByTestId('job-detail');
    await expect(detail).toBeVisible();
    await expect(page.getByTestId('job-detail-status')).toHaveText('Completed');
    const log = page.getByTestId('job-log');
    await expect(log).toContainText('ok line 0', { timeout: 30000 });
    await expect(log).toContainText('ok done', { timeout: 30000 });
    await expect(page.getByTestId('stop-job')).toBeDisabled();

    // Clone: the form comes back with the job's request, without its name.
    await page.getByTestId('job-clone').click();
    const form = page.getByTestId('new-job-form');
    await expect(form.locator('input[name="script"]')).toHaveValue(`${tmpPath}/ok.py`);
    await expect(form.locator('input[name="arguments"]')).toHaveValue("--flag 'two words'");
    await expect(form.locator('input[name="job_name"]')).toHaveValue('');
    await form.getByRole('button', { name: 'Close' }).click();

    // A job started without an experiment is an unassigned trial component: its link opens
    // the Experiments room there.
    await row.click();
    await page.getByTestId('job-experiment').click();
    await expect(page.locator('#smstudio-experiments')).toBeVisible();
    await expect(page.getByTestId('experiment-title')).toHaveText('Unassigned trial components');
    await expect(
      page.locator(`[data-testid="leaderboard-row"][data-component-name="${name}-script-job"]`)
    ).toBeVisible({ timeout: 30000 });
    // ... and the component's source leads back to the job.
    await page
      .locator(`[data-component-name="${name}-script-job"] [data-testid="component-link"]`)
      .click();
    await page.getByTestId('component-source').click();
    await expect(page.locator('#smstudio-jobs')).toBeVisible();
    await expect(page.getByTestId('job-detail').locator('h3')).toHaveText(name);
  });

  test('searches by name and filters by kind', async ({ page, tmpPath }) => {
    await page.contents.uploadContent(OK_SCRIPT, 'text', `${tmpPath}/ok.py`);
    await openJobsRoom(page);
    const name = uniqueName('findme');
    await startJob(page, `${tmpPath}/ok.py`, name);
    await page.getByTestId('jobs-search').fill(name);
    await expect(page.locator('[data-testid="jobs-table"] tr[data-job-name]')).toHaveCount(1);
    await page.getByTestId('kind-filter').selectOption('training');
    await expect(page.locator('[data-testid="jobs-table"] tr[data-job-name]')).toHaveCount(0);
    await expect(page.getByTestId('jobs-table')).toContainText('No jobs match the filters.');
  });

  test('follows a job on the per-user events socket, not on the shared event bus', async ({
    page,
    tmpPath
  }) => {
    await page.contents.uploadContent(OK_SCRIPT, 'text', `${tmpPath}/ok.py`);
    // Watch the sockets from a fresh load on: the Studio's own and jupyter_server's event bus.
    const studioFrames: string[] = [];
    const busFrames: string[] = [];
    page.on('websocket', socket => {
      const frames = socket.url().includes('/smstudio/api/events')
        ? studioFrames
        : socket.url().includes('/api/events/subscribe')
          ? busFrames
          : null;
      socket.on('framereceived', frame => frames?.push(String(frame.payload)));
    });
    await page.reload();
    await openJobsRoom(page);
    const name = uniqueName('live');
    await startJob(page, `${tmpPath}/ok.py`, name);
    await expect(page.locator(`tr[data-job-name="${name}"]`).getByTestId('job-status')).toHaveText(
      'Completed',
      { timeout: 60000 }
    );

    const statuses = () =>
      studioFrames
        .map(text => JSON.parse(text))
        .filter(event => event.job_name === name)
        .map(event => event.status);
    await expect.poll(statuses, { timeout: 15000 }).toContain('Completed');
    const completed = studioFrames
      .map(text => JSON.parse(text))
      .find(event => event.job_name === name && event.status === 'Completed');
    expect(completed.schema_id).toBe('https://jupyter-smstudio.github.io/events/job-status');
    expect(completed.version).toBe('2');
    expect(completed.failure_reason).toBeUndefined();
    // Nothing of the Studio's goes over the bus every user can read.
    expect(busFrames.filter(text => text.includes('jupyter-smstudio'))).toEqual([]);
  });

  test('stops a running script', async ({ page, tmpPath }) => {
    await page.contents.uploadContent(SLOW_SCRIPT, 'text', `${tmpPath}/slow.py`);
    await openJobsRoom(page);
    const name = uniqueName('slow');
    await startJob(page, `${tmpPath}/slow.py`, name);

    const row = page.locator(`tr[data-job-name="${name}"]`);
    await expect(row.getByTestId('job-status')).toHaveText('InProgress', { timeout: 30000 });
    await row.click();
    await expect(page.getByTestId('job-detail-status')).toHaveText('InProgress');
    await expect(page.getByTestId('job-log')).toContainText('slow started', { timeout: 30000 });

    const stop = page.getByTestId('stop-job');
    await expect(stop).toBeEnabled();
    // asked first: cancelling keeps it running
    await stop.click();
    await page.locator('.jp-Dialog').getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByTestId('job-detail-status')).toHaveText('InProgress');
    await stop.click();
    await confirmStop(page);
    await expect(page.getByTestId('job-detail-status')).toHaveText('Stopped', { timeout: 60000 });
    await expect(row.getByTestId('job-status')).toHaveText('Stopped', { timeout: 30000 });
    await expect(stop).toBeDisabled();
  });

  test('shows server validation errors next to their field', async ({ page }) => {
    await openJobsRoom(page);
    await page.getByTestId('new-job').click();
    const form = page.getByTestId('new-job-form');
    await form.locator('input[name="script"]').fill('does-not-exist.py');
    await page.getByTestId('submit-job').click();
    await expect(page.getByTestId('field-error-script')).toContainText('does-not-exist.py');

    await form.locator('input[name="job_name"]').fill('bad_name!');
    await page.getByTestId('submit-job').click();
    await expect(page.getByTestId('field-error-job_name')).toContainText('job_name');
    await expect(page.getByTestId('field-error-script')).toHaveCount(0);
  });
});
