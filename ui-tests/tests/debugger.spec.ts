/**
 * The Debugger tab of a training job's page: a job started through the SDK with a LossNotDecreasing
 * rule (learning rate 0) that fires while the tab is open and stops the job; the plots with the
 * fired step marked; the tensor picker's "matches nothing" warning; a job without a debugger config;
 * pictures at 1280x720 and 1920x1080, light and dark.
 */
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import * as path from 'path';

import { IDebuggerJob, seedJob, waitForRules } from './debugger-seed';

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 }
];
/** What differs from run to run (times, the server's temporary folder), hidden in the pictures. */
const VOLATILE = path.join(__dirname, 'debugger-screens.css');

/** The Training room alone in the main area, its list narrowed to `name`, the job's page open. */
async function openJob(page: IJupyterLabPageFixture, name: string): Promise<void> {
  await page.sidebar.close();
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          const app = window.jupyterapp;
          await app.commands.execute('smstudio:training-open');
          for (const widget of [...app.shell.widgets('main')]) {
            if (widget.id !== 'smstudio-training') {
              widget.close();
            }
          }
          app.shell.activateById('smstudio-training');
          await new Promise(resolve => setTimeout(resolve, 300));
          return document.querySelectorAll('#jp-main-dock-panel .lm-TabBar-tab').length === 1;
        }),
      { timeout: 30000 }
    )
    .toBe(true);
  await page.getByTestId('training-search').fill(name);
  const row = page.locator(`tr[data-job-name="${name}"]`);
  await expect(row).toBeVisible({ timeout: 30000 });
  await row.click();
  await expect(page.getByTestId('training-detail')).toBeVisible();
}

async function openDebuggerTab(page: IJupyterLabPageFixture): Promise<void> {
  const tab = page.getByTestId('training-detail-tab-debugger');
  await tab.click();
  await expect(tab).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('debugger-tab')).toBeVisible();
}

/** A plotly figure drawn with points (data-points > 0) and plotly's svg in it. */
async function expectPlotted(page: IJupyterLabPageFixture, testId: string): Promise<void> {
  const figure = page.getByTestId(testId);
  await expect(figure).not.toHaveAttribute('data-points', '0', { timeout: 60000 });
  await expect(figure.locator('.main-svg').first()).toBeVisible({ timeout: 60000 });
}

test.describe('Debugger tab', () => {
  test.use({ viewport: SIZES[0] });

  test('a rule fires live, stops the job, and its step is marked on the plots', async ({
    page
  }) => {
    test.setTimeout(300000);
    const job: IDebuggerJob = {
      name: `debugger-live-${Date.now().toString(36)}`,
      lr: 0,
      steps: 4000,
      pause: 0.02,
      wait: 8,
      stop: true,
      tensorboard: true
    };
    await seedJob(page, job);
    await openJob(page, job.name);
    await openDebuggerTab(page);

    const rule = page.locator('[data-testid="debugger-rule"][data-rule="LossNotDecreasing"]');
    await expect(rule).toBeVisible({ timeout: 30000 });
    // seen running first, then firing, without a reload
    await expect(rule.getByTestId('debugger-rule-status')).toHaveAttribute(
      'data-status',
      'InProgress'
    );
    await expect(rule.getByTestId('debugger-rule-status')).toHaveAttribute(
      'data-status',
      'IssuesFound',
      {
        timeout: 120000
      }
    );
    await expect(rule.getByTestId('debugger-rule-step')).toHaveText(/^\d+$/);
    await expect(rule.getByTestId('debugger-rule-details')).not.toBeEmpty();
    await expect(page.getByTestId('training-status')).toHaveAttribute('data-status', 'Stopped', {
      timeout: 60000
    });
    await expect(page.getByTestId('training-failure-reason')).toContainText('LossNotDecreasing');
    // no jupyter-server-proxy here: the export's path, to copy
    await expect(page.getByTestId('debugger-tensorboard-path')).toContainText(
      `${job.name}/tensorboard-output`
    );

    await expectPlotted(page, 'debugger-losses');
    await expectPlotted(page, 'debugger-statistics');
    await expectPlotted(page, 'debugger-histogram');
    await expectPlotted(page, 'debugger-gradients');
    // the fired step: a dashed line with the rule's name on the step plots
    for (const plot of ['debugger-losses', 'debugger-statistics', 'debugger-gradients']) {
      await expect(page.getByTestId(plot).locator('.annotation-text')).toContainText(
        'LossNotDecreasing'
      );
    }
  });

  test('the tensor picker filters, and warns when a regex matches nothing', async ({ page }) => {
    test.setTimeout(240000);
    const job = SHOT_JOB;
    await seedJob(page, job);
    await waitForRules(page.request, job.name);
    await openJob(page, job.name);
    await openDebuggerTab(page);

    const tensors = page.getByTestId('debugger-tensor');
    await expect(tensors.locator('option').first()).toBeAttached({ timeout: 30000 });
    await page.getByTestId('debugger-collection').selectOption('gradients');
    await expect(tensors.locator('option').first()).toHaveText(/^gradient\//);
    for (const text of await tensors.locator('option').allTextContents()) {
      expect(text).toMatch(/^gradient\//);
    }
    await tensors.selectOption({ index: 0 });
    await expect(page.getByTestId('debugger-statistics')).toContainText('gradient/');

    const regex = page.getByTestId('debugger-regex');
    await regex.fill('^conv');
    await regex.press('Enter');
    await expect(page.getByTestId('debugger-filter-warning')).toContainText('matches none');
    await regex.fill('fc[');
    await regex.press('Enter');
    await expect(page.getByTestId('debugger-filter-error')).toContainText('regex');
  });

  test('a job without a debugger config explains how to enable it', async ({ page }) => {
    test.setTimeout(180000);
    const job: IDebuggerJob = { ...SHOT_JOB, name: 'debugger-plain', plain: true };
    await seedJob(page, job);
    await openJob(page, job.name);
    await openDebuggerTab(page);
    await expect(page.getByTestId('debugger-not-enabled')).toContainText('DebuggerHookConfig');
    await expect(page.getByTestId('debugger-no-rules')).toBeVisible();
    await expect(page.getByTestId('debugger-statistics')).toHaveCount(0);
  });
});

// -- pictures ---------------------------------------------------------------------------------
/** A short deterministic job: the rule fires (no StopTraining) and the job completes. */
const SHOT_JOB: IDebuggerJob = {
  name: 'debugger-shot',
  lr: 0,
  steps: 60,
  pause: 0.01,
  wait: 0,
  stop: false
};

async function shoot(
  page: IJupyterLabPageFixture,
  name: string,
  prepare: () => Promise<void> = async () => undefined
): Promise<void> {
  const current = (await page.theme.getTheme()) === 'JupyterLab Dark' ? 'dark' : 'light';
  for (const theme of current === 'dark' ? ['dark', 'light'] : ['light', 'dark']) {
    if (theme !== current) {
      await (theme === 'dark' ? page.theme.setDarkTheme() : page.theme.setLightTheme());
    }
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await expectPlotted(page, 'debugger-losses');
      await page.waitForTimeout(500); // plotly re-lays out to the new width
      await prepare();
      await page.mouse.move(size.width - 4, 12);
      await expect(page).toHaveScreenshot(`${name}-${size.width}x${size.height}-${theme}.png`, {
        stylePath: VOLATILE
      });
    }
  }
}

test.describe('Screens', () => {
  test.use({ viewport: SIZES[0] });

  test('Debugger: a job whose rule fired', async ({ page }) => {
    test.setTimeout(300000);
    await seedJob(page, SHOT_JOB);
    await waitForRules(page.request, SHOT_JOB.name);
    await openJob(page, SHOT_JOB.name);
    await openDebuggerTab(page);
    await expect(
      page.locator('[data-testid="debugger-rule-status"][data-status="IssuesFound"]')
    ).toBeVisible({
      timeout: 60000
    });
    for (const plot of ['debugger-statistics', 'debugger-histogram', 'debugger-gradients']) {
      await expectPlotted(page, plot);
    }
    await shoot(page, 'debugger-tab');
    await shoot(page, 'debugger-tab-gradients', async () => {
      // the end of the page (the same place every run): the losses and the gradients' heatmap
      await page.getByTestId('debugger-tab').evaluate(node => {
        let pane: HTMLElement | null = node;
        while (pane && pane.scrollHeight <= pane.clientHeight) {
          pane = pane.parentElement;
        }
        if (pane) {
          pane.scrollTop = pane.scrollHeight;
        }
      });
      await page.waitForTimeout(300);
    });
  });
});
