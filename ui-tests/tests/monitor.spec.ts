/**
 * The Model Monitor room: a baseline over a CSV (its statistics, its constraints edited), an
 * endpoint with data capture on, traffic with one column drifted, a one-time NOW schedule, then
 * in the browser: open the baseline, "Run now" on the schedule, see the drift violation; and
 * the monitor's status on the endpoint's page in the Endpoints room.
 */
import { expect, test } from '@jupyterlab/galata';

import {
  seedBaseline,
  seedCapturingEndpoint,
  seedNowSchedule,
  seedQualitySchedule,
  sendDriftedTraffic
} from './monitor-seed';

const API = '/smstudio/api';
const NAME = 'gal-mon';
const ENDPOINT = 'gal-monitored';

test('a baseline, a schedule run now, its drift violation', async ({ page }) => {
  test.setTimeout(300000);
  const baseline = await seedBaseline(page.request, page.contents, NAME);
  await seedCapturingEndpoint(page.request, ENDPOINT);
  await sendDriftedTraffic(page.request, ENDPOINT);
  const schedule = await seedNowSchedule(page.request, NAME, ENDPOINT);

  // the palette command opens the room on a baseline's page
  await page.evaluate(
    name =>
      window.jupyterapp.commands.execute('smstudio:open-monitor', { baselining_job_name: name }),
    baseline
  );
  const detail = page.getByTestId('baseline-detail');
  await expect(detail.getByTestId('baseline-status')).toHaveText('Completed');
  await expect(detail.getByTestId('baseline-item-count')).toHaveText('150');
  const features = detail.getByTestId('baseline-features');
  await expect(features.locator('tr[data-feature]')).toHaveCount(3);
  await expect(features.locator('tr[data-feature="_c0"] td').nth(1)).toHaveText('100%');
  await expect(
    features.locator('tr[data-feature="_c0"]').getByTestId('feature-sparkline')
  ).toBeVisible();

  // the list: found by its name, Completed
  await page.getByTestId('monitor-search').fill(NAME);
  const row = page.locator(`[data-testid="baselines-table"] tr[data-baseline-name="${baseline}"]`);
  await expect(row.getByTestId('baseline-row-status')).toHaveText('Completed');

  // the constraints: a bad threshold is refused before it is sent, a good one is saved
  const editor = detail.getByTestId('constraints-editor');
  await editor.getByTestId('constraint-threshold').fill('-1');
  await editor.getByTestId('constraints-save').click();
  await expect(editor.getByTestId('constraints-error')).toContainText('drift threshold');
  await editor.getByTestId('constraint-threshold').fill('0.2');
  await editor
    .locator('tr[data-constraint="_c1"]')
    .getByTestId('constraint-completeness')
    .fill('0.9');
  await editor.getByTestId('constraints-save').click();
  await expect(editor.getByTestId('constraints-saved')).toBeVisible();
  const report = await (
    await page.request.get(`${API}/monitoring-baselines/${baseline}/report`)
  ).json();
  expect(report.Constraints.monitoring_config.distribution_constraints.comparison_threshold).toBe(
    0.2
  );
  expect(report.Constraints.features[1].completeness).toBe(0.9);

  // the schedule: Run now adds an execution, which finds the drift of the first column
  await page.getByTestId('monitor-tab-schedules').click();
  await page.getByTestId('monitor-search').fill(NAME);
  await page.locator(`tr[data-schedule-name="${schedule}"]`).click();
  const scheduled = page.getByTestId('schedule-detail');
  await expect(scheduled.getByTestId('schedule-cron')).toContainText('NOW');
  const executions = scheduled.locator('[data-testid="executions-table"] tbody tr');
  await expect(executions).toHaveCount(1);
  await scheduled.getByTestId('schedule-run').click();
  await expect(executions).toHaveCount(2);
  await expect(executions.first().getByTestId('execution-status')).toHaveText(
    'CompletedWithViolations',
    { timeout: 120000 }
  );
  await executions.first().click();
  const execution = scheduled.getByTestId('execution-report');
  await expect(execution.getByTestId('execution-report-status')).toHaveText(
    'CompletedWithViolations'
  );
  const violations = execution.getByTestId('execution-violations');
  await expect(
    violations.locator('tr[data-feature="_c0"][data-check="baseline_drift_check"]')
  ).toHaveCount(1);
  await expect(violations.locator('tr[data-check="baseline_drift_check"]')).toHaveCount(1);
  await expect(
    execution.locator('[data-testid="execution-drift"] tr[data-feature="_c0"]')
  ).toHaveAttribute('data-drifted', 'true');
  await expect(
    execution.locator('[data-testid="execution-drift"] tr[data-feature="_c1"]')
  ).toHaveAttribute('data-drifted', 'false');
  await expect(
    execution.getByTestId('execution-histogram').locator('.main-svg').first()
  ).toBeVisible({
    timeout: 60000
  });
  await expect(scheduled.getByTestId('drift-chart')).toHaveAttribute('data-points', '2');
  await scheduled.getByTestId('drift-psi').check();
  await expect(scheduled.getByTestId('drift-chart').locator('.main-svg').first()).toBeVisible();

  // the endpoint's page says it is monitored, and links to the schedule
  await page.evaluate(
    name => window.jupyterapp.commands.execute('smstudio:endpoints-open', { endpoint_name: name }),
    ENDPOINT
  );
  const monitor = page.getByTestId('endpoint-detail').getByTestId('endpoint-monitor');
  await expect(monitor.getByTestId('endpoint-monitor-last')).toHaveText('CompletedWithViolations');
  await monitor.getByTestId('endpoint-monitor-schedule').click();
  await expect(page.getByTestId('schedule-detail')).toHaveAttribute(
    'aria-label',
    `Monitoring schedule ${schedule}`
  );
});

test('a model quality schedule: its metrics over time, its violation', async ({ page }) => {
  test.setTimeout(300000);
  const schedule = await seedQualitySchedule(
    page.request,
    page.contents,
    'gal-mq',
    'gal-mq-endpoint'
  );
  await page.evaluate(
    name =>
      window.jupyterapp.commands.execute('smstudio:open-monitor', {
        monitoring_schedule_name: name
      }),
    schedule
  );
  const scheduled = page.getByTestId('schedule-detail');
  const executions = scheduled.locator('[data-testid="executions-table"] tbody tr');
  await expect(executions).toHaveCount(1);
  await expect(executions.first().getByTestId('execution-status')).toHaveText(
    'CompletedWithViolations'
  );
  const report = scheduled.getByTestId('execution-report');
  await expect(
    report.getByTestId('execution-model-quality').locator('[data-metric="accuracy"]')
  ).toHaveText('0.5');
  await expect(
    report
      .locator('[data-testid="execution-violations"] tr[data-check="LessThanThreshold"]')
      .first()
  ).toBeVisible();
  await expect(scheduled.getByTestId('quality-chart').locator('.main-svg').first()).toBeVisible({
    timeout: 60000
  });
  await expect(scheduled.getByTestId('drift-chart')).toHaveCount(0);
});
