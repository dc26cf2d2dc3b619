/**
 * The Endpoints room: an endpoint of two variants (seeded through the REST API from the
 * scikit-learn model.tar.gz that `seed_endpoint.py` writes into the root folder), its page,
 * a weight changed live, a test request answered by the variant it targets.
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

/** A model, a config of two variants (blue, green) and an endpoint, InService. */
export async function deployEndpoint(request: APIRequestContext, name: string): Promise<void> {
  await post(request, 'models', {
    ModelName: `${name}-model`,
    PrimaryContainer: { ModelDataUrl: 'endpoint-seed/model.tar.gz' }
  });
  await post(request, 'endpoint-configs', {
    EndpointConfigName: `${name}-config`,
    ProductionVariants: ['blue', 'green'].map(variant => ({
      VariantName: variant,
      ModelName: `${name}-model`,
      InitialInstanceCount: 1,
      InstanceType: 'ml.m5.large',
      InitialVariantWeight: 1
    }))
  });
  await post(request, 'endpoints', {
    EndpointName: name,
    EndpointConfigName: `${name}-config`
  });
  await expect
    .poll(
      async () => {
        const response = await request.get(`${API}/endpoints/${name}`);
        return response.ok() ? (await response.json()).EndpointStatus : `${response.status()}`;
      },
      { timeout: 120000, intervals: [500] }
    )
    .toBe('InService');
}

async function openEndpoint(page: IJupyterLabPageFixture, name: string): Promise<void> {
  await page.evaluate(
    name => window.jupyterapp.commands.execute('smstudio:endpoints-open', { endpoint_name: name }),
    name
  );
  await expect(page.getByTestId('endpoint-detail')).toBeVisible();
}

test('an endpoint: its variants, a weight changed live, a test request', async ({ page }) => {
  test.setTimeout(180000);
  await deployEndpoint(page.request, 'gal-endpoint');
  await openEndpoint(page, 'gal-endpoint');

  // the list: the endpoint, InService, found by its name
  await page.getByTestId('endpoints-search').fill('gal-endpoint');
  const row = page.locator('[data-testid="endpoints-table"] tr[data-endpoint-name="gal-endpoint"]');
  await expect(row).toBeVisible();
  await expect(row.getByTestId('endpoint-row-status')).toHaveText('InService');

  const detail = page.getByTestId('endpoint-detail');
  await expect(detail.getByTestId('endpoint-status')).toHaveText('InService');
  await expect(detail.getByTestId('endpoint-config')).toHaveText('gal-endpoint-config');
  await expect(detail.getByTestId('endpoint-charts')).toHaveAttribute('data-invocations', '0');
  await expect(detail.getByTestId('endpoint-model-url').first()).toContainText('model.tar.gz');

  // a bad weight is refused before it is sent
  const green = detail.locator('tr[data-variant="green"]');
  await green.getByTestId('variant-weight').fill('-2');
  await detail.getByTestId('variants-apply').click();
  await expect(detail.getByTestId('variants-error')).toContainText('green: the weight');

  // the server's refusal is shown as it said it
  await green.getByTestId('variant-weight').fill('1');
  await green.getByTestId('variant-count').fill('999');
  await detail.getByTestId('variants-apply').click();
  await expect(detail.getByTestId('variants-error')).toContainText('DesiredInstanceCount');
  await expect(green.getByTestId('variant-current-count')).toHaveText('1');

  // a weight changed live
  await green.getByTestId('variant-count').fill('1');
  await green.getByTestId('variant-weight').fill('3');
  await detail.getByTestId('variants-apply').click();
  await expect(green.getByTestId('variant-current-weight')).toHaveText('3 (75%)');
  await expect(detail.getByTestId('variants-error')).toHaveCount(0);
  const described = await page.request.get(`${API}/endpoints/gal-endpoint`);
  const variants = (await described.json()).ProductionVariants as { CurrentWeight: number }[];
  expect(variants.map(v => v.CurrentWeight)).toEqual([1, 3]);

  // a test request to the green variant
  await detail.getByTestId('endpoint-test-target').selectOption('green');
  await detail.getByTestId('endpoint-test-payload').fill('[[0.9, 0.8, 0.7]]');
  await detail.getByTestId('endpoint-test-send').click();
  await expect(detail.getByTestId('endpoint-test-status')).toHaveText('200');
  await expect(detail.getByTestId('endpoint-test-variant')).toHaveText('green');
  await expect(detail.getByTestId('endpoint-test-body')).toContainText('1');

  // the chart moves: the request is counted on the green variant's line
  const charts = detail.getByTestId('endpoint-charts');
  await expect(charts).toHaveAttribute('data-invocations', '1');
  await expect(charts.getByTestId('endpoint-invocations')).toContainText('green: 1 invocation');
  await expect(charts.locator('[data-chart="invocations"] .main-svg').first()).toBeVisible();

  // Delete asks first
  await detail.getByTestId('endpoint-delete').click();
  const dialog = page.locator('.jp-Dialog');
  await expect(dialog).toContainText('Delete endpoint "gal-endpoint"?');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(detail).toBeVisible();
});
