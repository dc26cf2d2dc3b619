/**
 * "Deploy…" on a completed training job: the dialog checks its fields and shows the problem
 * under the field, deploys the job's model (its artifact, its script as inference code), opens
 * the endpoint's page; a weight changes live; the endpoint answers a test request and its chart
 * counts it; the model and the endpoint config are linked from the endpoint's page and back.
 */
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import type { APIRequestContext } from '@playwright/test';

const API = '/smstudio/api';

/** Trains a scikit-learn classifier when run; imported by the model server, it does nothing. */
const TRAIN_SCRIPT = `import os

if __name__ == "__main__":
    import joblib
    from sklearn.linear_model import LogisticRegression

    features = [[0.0, 0.0, 0.0], [0.1, 0.2, 0.1], [0.9, 0.8, 0.7], [1.0, 0.9, 1.0]]
    model = LogisticRegression().fit(features, [0, 0, 1, 1])
    joblib.dump(model, os.path.join(os.environ["SM_MODEL_DIR"], "model.joblib"))
    print("saved", flush=True)
`;

/** A completed training job whose model.tar.gz holds `model.joblib`. */
async function trainJob(request: APIRequestContext, name: string, dir: string): Promise<void> {
  const response = await request.post(`${API}/training-jobs`, {
    data: { job_name: name, entry_point: 'train.py', source_dir: dir }
  });
  expect(response.ok(), await response.text()).toBe(true);
  await expect
    .poll(
      async () =>
        (await (await request.get(`${API}/training-jobs/${name}`)).json()).TrainingJobStatus,
      { timeout: 120000, intervals: [500] }
    )
    .toMatch(/^(Completed|Failed|Stopped)$/);
}

async function openJob(page: IJupyterLabPageFixture, name: string): Promise<void> {
  await page.evaluate(
    name => window.jupyterapp.commands.execute('smstudio:training-open', { job_name: name }),
    name
  );
  await expect(page.getByTestId('training-status')).toContainText('Completed');
}

test('Deploy… a training job, test the endpoint, follow its model and config', async ({
  page,
  tmpPath
}) => {
  test.setTimeout(240000);
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.contents.uploadContent(TRAIN_SCRIPT, 'text', `${tmpPath}/deploy/train.py`);
  await trainJob(page.request, 'gal-deploy-job', `${tmpPath}/deploy`);
  await openJob(page, 'gal-deploy-job');

  // the dialog: a bad count is refused under its field, nothing is sent
  await page.getByTestId('training-deploy').click();
  const dialog = page.locator('.jp-Dialog');
  await expect(dialog.getByTestId('deploy-dialog')).toContainText('model.tar.gz');
  await expect(dialog.getByTestId('deploy-dialog')).toContainText('train.py');
  await dialog.locator('input[name="endpointName"]').fill('gal-deployed');
  await dialog.locator('input[name="instanceCount"]').fill('0');
  await dialog.getByRole('button', { name: 'Deploy' }).click();
  await expect(dialog.getByTestId('deploy-error-instanceCount')).toContainText('instance count');
  await expect(dialog.locator('input[name="instanceCount"]')).toHaveAttribute(
    'aria-invalid',
    'true'
  );

  // deployed: the dialog closes and the endpoint's page opens, InService once started
  await dialog.locator('input[name="instanceCount"]').fill('1');
  await dialog.getByRole('button', { name: 'Deploy' }).click();
  await expect(dialog).toHaveCount(0, { timeout: 30000 });
  const detail = page.getByTestId('endpoint-detail');
  await expect(detail).toBeVisible();
  await expect(detail.locator('h3')).toHaveText('gal-deployed');
  await expect(detail.getByTestId('endpoint-status')).toHaveText('InService', {
    timeout: 120000
  });

  // a weight changed in the room, applied live
  const variant = detail.locator('tr[data-variant="AllTraffic"]');
  await variant.getByTestId('variant-weight').fill('2');
  await detail.getByTestId('variants-apply').click();
  await expect(variant.getByTestId('variant-current-weight')).toHaveText('2 (100%)');

  // a test request, answered by the only variant, counted by the chart
  const charts = detail.getByTestId('endpoint-charts');
  await expect(charts.locator('.main-svg').first()).toBeVisible({ timeout: 60000 });
  await expect(charts).toHaveAttribute('data-invocations', '0');
  await detail.getByTestId('endpoint-test-payload').fill('[[0.9, 0.8, 0.7]]');
  await detail.getByTestId('endpoint-test-send').click();
  await expect(detail.getByTestId('endpoint-test-status')).toHaveText('200');
  await expect(detail.getByTestId('endpoint-test-variant')).toHaveText('AllTraffic');
  await expect(detail.getByTestId('endpoint-test-body')).toContainText('1');
  await expect(charts).toHaveAttribute('data-invocations', '1');
  await expect(charts.getByTestId('endpoint-invocations')).toHaveText('AllTraffic: 1 invocation');

  // the variant's model: the job's artifact with the job's script as its inference code
  await detail.getByTestId('variant-model').first().click();
  const model = page.getByTestId('model-detail');
  await expect(model).toBeVisible();
  await expect(page.getByTestId('endpoints-tab-models')).toHaveAttribute('aria-selected', 'true');
  await expect(model.getByTestId('model-container')).toContainText(
    'gal-deploy-job/output/model.tar.gz'
  );
  await expect(model.getByTestId('model-environment')).toContainText('SAGEMAKER_PROGRAM');
  await expect(model.getByTestId('model-environment')).toContainText('train.py');

  // and back: the config that serves it, the endpoint that runs the config
  await model.getByTestId('model-used-by').getByRole('button').first().click();
  const config = page.getByTestId('config-detail');
  await expect(config.getByTestId('config-variants')).toContainText('AllTraffic');
  await config.getByTestId('config-used-by').getByRole('button', { name: 'gal-deployed' }).click();
  await expect(page.getByTestId('endpoint-detail').locator('h3')).toHaveText('gal-deployed');

  // deploying again under the same name is refused on the name's field
  await openJob(page, 'gal-deploy-job');
  await page.getByTestId('training-deploy').click();
  await dialog.locator('input[name="endpointName"]').fill('gal-deployed');
  await dialog.getByRole('button', { name: 'Deploy' }).click();
  await expect(dialog.getByTestId('deploy-error-endpointName')).toContainText('exists already');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
});
