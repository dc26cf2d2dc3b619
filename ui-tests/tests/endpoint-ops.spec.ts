/**
 * The Endpoints room's other tabs and sections: data capture's status, a variant's autoscaling
 * policy (edited, refused on its field, saved, removed), the user's access keys (created with
 * the secret shown once, deactivated, deleted), and a batch transform job with its progress.
 */
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import type { APIRequestContext } from '@playwright/test';

const API = '/smstudio/api';

async function post(request: APIRequestContext, path: string, data: unknown): Promise<unknown> {
  const response = await request.post(`${API}/${path}`, { data });
  if (!response.ok()) {
    throw new Error(`POST ${path} -> ${response.status()}: ${await response.text()}`);
  }
  return response.json();
}

/**
 * A model of the seeded scikit-learn artifact and an endpoint of one variant, InService, that
 * captures half of its requests and answers.
 */
async function deploy(request: APIRequestContext, name: string): Promise<void> {
  await post(request, 'models', {
    ModelName: `${name}-model`,
    PrimaryContainer: { ModelDataUrl: 'endpoint-seed/model.tar.gz' }
  });
  await post(request, 'endpoint-configs', {
    EndpointConfigName: `${name}-config`,
    ProductionVariants: [{ VariantName: 'blue', ModelName: `${name}-model` }],
    DataCaptureConfig: {
      InitialSamplingPercentage: 50,
      DestinationS3Uri: `${name}-capture`,
      CaptureOptions: [{ CaptureMode: 'Input' }, { CaptureMode: 'Output' }]
    }
  });
  await post(request, 'endpoints', { EndpointName: name, EndpointConfigName: `${name}-config` });
  await expect
    .poll(
      async () => (await (await request.get(`${API}/endpoints/${name}`)).json()).EndpointStatus,
      {
        timeout: 120000,
        intervals: [500]
      }
    )
    .toBe('InService');
}

async function run(page: IJupyterLabPageFixture, command: string, args: object): Promise<void> {
  await page.evaluate(
    ({ command, args }) => window.jupyterapp.commands.execute(command, args as never),
    { command, args }
  );
}

test('data capture shows; a variant autoscales on a policy edited in the room', async ({
  page
}) => {
  test.setTimeout(180000);
  await page.setViewportSize({ width: 1400, height: 900 });
  await deploy(page.request, 'gal-scaled');
  await run(page, 'smstudio:endpoints-open', { endpoint_name: 'gal-scaled' });
  const capture = page.getByTestId('endpoint-data-capture');
  await expect(capture.getByTestId('endpoint-capture-status')).toHaveText('Started');
  await expect(capture).toContainText('50% of requests to');
  await expect(capture).toContainText('gal-scaled-capture');
  const scaling = page.getByTestId('endpoint-scaling');
  const blue = scaling.locator('[data-testid="scaling-variant"][data-variant="blue"]');
  await expect(blue.getByTestId('scaling-summary')).toHaveText('off');

  await blue.getByTestId('scaling-edit').click();
  const editor = scaling.getByTestId('scaling-editor');
  await editor.locator('input[name="max"]').fill('99');
  await editor.getByTestId('scaling-save').click();
  await expect(editor.getByTestId('scaling-error-max')).toContainText('Max capacity');

  await editor.locator('input[name="max"]').fill('3');
  await editor.locator('input[name="target"]').fill('50');
  await editor.locator('input[name="scaleIn"]').fill('60');
  await editor.getByTestId('scaling-save').click();
  await expect(editor).toHaveCount(0);
  await expect(blue.getByTestId('scaling-summary')).toHaveText(
    '1–3 instances, target 50 invocations per instance per minute, cooldowns 300 s out, 60 s in'
  );
  const policies = await page.request.get(
    `${API}/autoscaling/scaling-policies?resource_id=endpoint/gal-scaled/variant/blue`
  );
  expect((await policies.json()).ScalingPolicies).toHaveLength(1);

  await blue.getByTestId('scaling-remove').click();
  await expect(blue.getByTestId('scaling-summary')).toHaveText('off');
});

test('access keys: the secret shown once, deactivated, deleted', async ({ page }) => {
  test.setTimeout(120000);
  await page.setViewportSize({ width: 1400, height: 900 });
  await run(page, 'smstudio:endpoints-access-keys', {});
  const keys = page.getByTestId('access-keys');
  await expect(keys).toBeVisible();
  await keys.getByTestId('access-key-create').click();
  const created = keys.getByTestId('access-key-new');
  await expect(created.getByTestId('access-key-secret')).not.toBeEmpty();
  const id = (await created.getByTestId('access-key-id').textContent()) ?? '';
  await expect(created.getByTestId('access-key-endpoint-url')).toContainText(
    '/smstudio/api/runtime'
  );
  await created.getByTestId('access-key-secret-copy').click();
  await expect(created.getByTestId('access-key-secret-copy')).toHaveText('Copied');
  await created.getByTestId('access-key-dismiss').click();
  await expect(created).toHaveCount(0);

  const row = keys.locator(`tr[data-access-key="${id}"]`);
  await expect(row.getByTestId('access-key-status')).toHaveText('Active');
  await row.getByTestId('access-key-toggle').click();
  await expect(row.getByTestId('access-key-status')).toHaveText('Inactive');
  // the list never holds a secret
  const listed = await (await page.request.get(`${API}/access-keys`)).text();
  expect(listed).not.toContain('SecretAccessKey');

  await row.getByTestId('access-key-delete').click();
  await page.locator('.jp-Dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(row).toHaveCount(0);

  // the tabs follow the arrow keys
  await page.getByTestId('endpoints-tab-keys').focus();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('endpoints-tab-transforms')).toHaveAttribute(
    'aria-selected',
    'true'
  );
  await expect(page.getByTestId('endpoints-tab-transforms')).toBeFocused();
  await expect(page.getByTestId('transform-jobs-table')).toBeVisible();
});

test('a batch transform job and its progress', async ({ page, tmpPath }) => {
  test.setTimeout(180000);
  await page.setViewportSize({ width: 1400, height: 900 });
  const lines = Array.from({ length: 200 }, (_, i) => `${(i % 10) / 10},0.5,${(i % 7) / 7}`);
  await page.contents.uploadContent(lines.join('\n') + '\n', 'text', `${tmpPath}/in/data.csv`);
  // the artifact by its absolute URL: the transform job's process resolves no relative one
  const home = (await (await page.request.get(`${API}/whoami`)).json()).home_volume;
  await post(page.request, 'models', {
    ModelName: 'gal-transform-model',
    PrimaryContainer: { ModelDataUrl: `file://${home}/endpoint-seed/model.tar.gz` }
  });
  await post(page.request, 'transform-jobs', {
    TransformJobName: 'gal-transform',
    ModelName: 'gal-transform-model',
    TransformInput: {
      DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: `${tmpPath}/in` } },
      ContentType: 'text/csv',
      SplitType: 'Line'
    },
    TransformOutput: { S3OutputPath: `${tmpPath}/out`, AssembleWith: 'Line' },
    TransformResources: { InstanceType: 'ml.m5.large', InstanceCount: 2 }
  });

  // a failure says why
  await expect
    .poll(
      async () => {
        const d = await (await page.request.get(`${API}/transform-jobs/gal-transform`)).json();
        return d.TransformJobStatus === 'Failed'
          ? `Failed: ${d.FailureReason}`
          : d.TransformJobStatus;
      },
      { timeout: 120000, intervals: [500] }
    )
    .toBe('Completed');
  await run(page, 'smstudio:endpoints-open', { transform_job_name: 'gal-transform' });
  const detail = page.getByTestId('transform-detail');
  await expect(detail.getByTestId('transform-status')).toHaveText('Completed', {
    timeout: 120000
  });
  await expect(detail.getByTestId('transform-progress')).toContainText('200 of 200 records (100%)');
  await expect(detail.getByTestId('transform-facts')).toContainText('2 × ml.m5.large');
  const row = page.locator(
    '[data-testid="transform-jobs-table"] tr[data-transform-name="gal-transform"]'
  );
  await expect(row.getByTestId('transform-row-status')).toHaveText('Completed');
});
