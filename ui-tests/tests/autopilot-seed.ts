/**
 * Seeds the Autopilot room (for autopilot.spec.ts): a small CSV with numeric and categorical
 * columns, a few missing values and a binary target, and an AutoML job over it run through the
 * REST API.
 */
import { expect, IJupyterLabPageFixture } from '@jupyterlab/galata';
import type { APIRequestContext } from '@playwright/test';

export const API = '/smstudio/api';

/** The CSV's folder and path in the Jupyter root. */
export const FOLDER = 'automl-gal';
export const CSV = `${FOLDER}/churn.csv`;

/**
 * 200 rows: tenure and spend (numbers; spend missing in every 17th row), plan (three values),
 * region (two), and `churned` (yes/no), which short tenure on the basic plan mostly explains.
 * Generated from the row number, so every run has the same table.
 */
export function churnCsv(rows = 200): string {
  const plans = ['basic', 'plus', 'pro'];
  const lines = ['tenure,spend,plan,region,churned'];
  for (let i = 0; i < rows; i++) {
    const tenure = (i * 37) % 60;
    const plan = plans[(i * 7) % 3];
    const spend = i % 17 === 0 ? '' : (20 + ((i * 53) % 80) + (plan === 'pro' ? 30 : 0)).toFixed(1);
    const region = i % 5 < 2 ? 'north' : 'south';
    const risk = (tenure < 20 ? 2 : 0) + (plan === 'basic' ? 1 : 0) + (i % 11 === 0 ? 1 : 0);
    lines.push([tenure, spend, plan, region, risk >= 2 ? 'yes' : 'no'].join(','));
  }
  return lines.join('\n') + '\n';
}

export async function seedCsv(contents: IJupyterLabPageFixture['contents']): Promise<string> {
  await contents.uploadContent(churnCsv(), 'text', CSV);
  return CSV;
}

/** An AutoML job's request: 3 candidates, a small budget. */
export function jobRequest(name: string): Record<string, unknown> {
  return {
    AutoMLJobName: name,
    InputDataConfig: [
      {
        DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: CSV } },
        TargetAttributeName: 'churned'
      }
    ],
    OutputDataConfig: { S3OutputPath: `${FOLDER}/output` },
    AutoMLJobConfig: {
      CompletionCriteria: { MaxCandidates: 3, MaxAutoMLJobRuntimeInSeconds: 240 },
      Mode: 'AUTO'
    }
  };
}

/** Wait until the AutoML job has ended; returns its status. */
export async function waitForEnd(
  request: APIRequestContext,
  name: string,
  timeout = 360000
): Promise<string> {
  let status = '';
  await expect
    .poll(
      async () => {
        const response = await request.get(`${API}/auto-ml-jobs/${name}`);
        status = response.ok()
          ? String((await response.json()).AutoMLJobStatus)
          : `${response.status()}`;
        return status;
      },
      { timeout, intervals: [1000] }
    )
    .toMatch(/^(Completed|Failed|Stopped)$/);
  return status;
}

/** A completed AutoML job `name` over the seeded CSV (created when it is not there). */
export async function seedJob(
  request: APIRequestContext,
  contents: IJupyterLabPageFixture['contents'],
  name: string
): Promise<string> {
  if (!(await request.get(`${API}/auto-ml-jobs/${name}`)).ok()) {
    await seedCsv(contents);
    const response = await request.post(`${API}/auto-ml-jobs`, { data: jobRequest(name) });
    if (!response.ok()) {
      throw new Error(`create ${name} -> ${response.status()}: ${await response.text()}`);
    }
  }
  return waitForEnd(request, name);
}
