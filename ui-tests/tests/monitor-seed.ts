/**
 * Seeds the Model Monitor room through the REST API (for monitor.spec.ts and screens.spec.ts):
 * a baseline over a small CSV, an endpoint with data capture on, traffic with one column
 * drifted, and a one-time NOW schedule over the captured data (SageMaker's on-demand run).
 */
import { expect, IJupyterLabPageFixture } from '@jupyterlab/galata';
import type { APIRequestContext } from '@playwright/test';

const API = '/smstudio/api';

async function send(
  request: APIRequestContext,
  method: 'post' | 'put',
  path: string,
  data: unknown
): Promise<Record<string, unknown>> {
  const response = await request[method](`${API}/${path}`, { data });
  if (!response.ok()) {
    throw new Error(`${method} ${path} -> ${response.status()}: ${await response.text()}`);
  }
  return response.json();
}

/** Wait until a record's status (read by `status`) matches `done`. */
export async function waitForStatus(
  request: APIRequestContext,
  path: string,
  status: (body: Record<string, unknown>) => unknown,
  done: RegExp,
  timeout = 120000
): Promise<void> {
  await expect
    .poll(
      async () => {
        const response = await request.get(`${API}/${path}`);
        return response.ok() ? String(status(await response.json())) : `${response.status()}`;
      },
      { timeout, intervals: [500] }
    )
    .toMatch(done);
}

/**
 * Three columns in [0, 1), as the seeded model takes them: uniform, peaked in the middle, and
 * skewed to 0; `shift` moves the first one.
 */
function rows(count: number, shift = 0): string[] {
  return Array.from({ length: count }, (_, i) => {
    const a = (i % 10) / 10 + shift;
    const b = ((i % 10) + ((i * 3) % 10)) / 20;
    const c = ((i * 7) % 10) ** 2 / 100;
    return [a, b, c].map(v => v.toFixed(2)).join(',');
  });
}

/**
 * Rows of the baseline and of the traffic: fewer than a KLL sketch holds before it compacts
 * (a random step), so the statistics and distances are the same on every run.
 */
const ROWS = 150;

/** A completed baselining job `<name>-baseline` over ROWS rows (`<name>/train.csv`). */
export async function seedBaseline(
  request: APIRequestContext,
  contents: IJupyterLabPageFixture['contents'],
  name: string
): Promise<string> {
  const baseline = `${name}-baseline`;
  if ((await request.get(`${API}/monitoring-baselines/${baseline}`)).ok()) {
    return baseline;
  }
  await contents.uploadContent(rows(ROWS).join('\n') + '\n', 'text', `${name}/train.csv`);
  await send(request, 'post', 'monitoring-baselines', {
    BaseliningJobName: baseline,
    BaselineDatasetS3Uri: `${name}/train.csv`,
    DatasetFormat: { Csv: { Header: false } },
    OutputS3Uri: `${name}/baseline`
  });
  await waitForStatus(
    request,
    `monitoring-baselines/${baseline}`,
    b => b.ProcessingJobStatus,
    /^(Completed|Failed)$/
  );
  return baseline;
}

/** An endpoint `name` over the seeded model, capturing every request (`<name>-capture`), InService. */
export async function seedCapturingEndpoint(
  request: APIRequestContext,
  name: string
): Promise<void> {
  if ((await request.get(`${API}/endpoints/${name}`)).ok()) {
    return;
  }
  await send(request, 'post', 'models', {
    ModelName: `${name}-model`,
    PrimaryContainer: { ModelDataUrl: 'endpoint-seed/model.tar.gz' }
  });
  await send(request, 'post', 'endpoint-configs', {
    EndpointConfigName: `${name}-config`,
    ProductionVariants: [{ VariantName: 'main', ModelName: `${name}-model` }],
    DataCaptureConfig: {
      InitialSamplingPercentage: 100,
      DestinationS3Uri: `${name}-capture`,
      CaptureOptions: [{ CaptureMode: 'Input' }, { CaptureMode: 'Output' }]
    }
  });
  await send(request, 'post', 'endpoints', {
    EndpointName: name,
    EndpointConfigName: `${name}-config`
  });
  await waitForStatus(request, `endpoints/${name}`, b => b.EndpointStatus, /^(InService|Failed)$/);
}

/** 10 requests of 15 CSV rows, the first column shifted by 3 (it drifts; the others do not). */
export async function sendDriftedTraffic(request: APIRequestContext, name: string): Promise<void> {
  const all = rows(ROWS, 3);
  for (let i = 0; i < all.length; i += 15) {
    const response = await request.post(`${API}/endpoints/${name}/invocations`, {
      data: all.slice(i, i + 15).join('\n'),
      headers: { 'Content-Type': 'text/csv', Accept: 'application/json' }
    });
    expect(response.status()).toBe(200);
  }
  // the capture writer flushes every second
  await new Promise(resolve => setTimeout(resolve, 2500));
}

/**
 * A one-time NOW schedule `<name>-now` of the endpoint against the baseline, over the last hour
 * of captured data; returns once its execution ended.
 */
export async function seedNowSchedule(
  request: APIRequestContext,
  name: string,
  endpoint: string
): Promise<string> {
  const schedule = `${name}-now`;
  if ((await request.get(`${API}/monitoring-schedules/${schedule}`)).ok()) {
    return schedule;
  }
  await send(request, 'post', 'monitoring-schedules', {
    MonitoringScheduleName: schedule,
    MonitoringScheduleConfig: {
      ScheduleConfig: {
        ScheduleExpression: 'NOW',
        DataAnalysisStartTime: '-PT1H',
        DataAnalysisEndTime: '-PT0H'
      },
      MonitoringJobDefinition: {
        BaselineConfig: {
          StatisticsResource: { S3Uri: `${name}/baseline/statistics.json` },
          ConstraintsResource: { S3Uri: `${name}/baseline/constraints.json` }
        },
        MonitoringInputs: [{ EndpointInput: { EndpointName: endpoint } }],
        MonitoringOutputConfig: {
          MonitoringOutputs: [{ S3Output: { S3Uri: `${name}/reports` } }]
        }
      }
    }
  });
  await waitForStatus(
    request,
    `monitoring-executions?monitoring_schedule_name=${schedule}`,
    b =>
      ((b.MonitoringExecutionSummaries as { MonitoringExecutionStatus: string }[])[0] ?? {})
        .MonitoringExecutionStatus,
    /^(Completed|CompletedWithViolations|Failed|Stopped)$/
  );
  return schedule;
}

/** "Run now" through the API; returns once the schedule has `count` ended executions. */
export async function runScheduleNow(
  request: APIRequestContext,
  schedule: string,
  count: number
): Promise<void> {
  await send(request, 'post', `monitoring-schedules/${schedule}/run`, {});
  await waitForStatus(
    request,
    `monitoring-executions?monitoring_schedule_name=${schedule}`,
    b =>
      (b.MonitoringExecutionSummaries as { MonitoringExecutionStatus: string }[]).filter(e =>
        /^(Completed|CompletedWithViolations|Failed|Stopped)$/.test(e.MonitoringExecutionStatus)
      ).length,
    new RegExp(`^${count}$`)
  );
}

/** The captured records of an endpoint (read through Jupyter's contents API), oldest first. */
async function capturedRecords(
  request: APIRequestContext,
  folder: string
): Promise<{ eventId: string; output: string }[]> {
  const found: { name: string; text: string }[] = [];
  const walk = async (path: string): Promise<void> => {
    const response = await request.get(`/api/contents/${path}?content=1`);
    if (!response.ok()) {
      return;
    }
    const model = await response.json();
    if (model.type === 'directory') {
      for (const item of model.content as { path: string }[]) {
        await walk(item.path);
      }
    } else if (path.endsWith('.jsonl')) {
      found.push({ name: path, text: String(model.content) });
    }
  };
  await walk(folder);
  return found
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap(f => f.text.split('\n').filter(Boolean))
    .map(line => JSON.parse(line))
    .map(r => ({
      eventId: r.eventMetadata.eventId as string,
      output: r.captureData.endpointOutput.data as string
    }));
}

/**
 * A model quality schedule `<name>-quality` of a binary classifier: a baseline on pairs it got
 * all right, `count` single-record requests, ground truth that says half of its answers were
 * wrong (SageMaker's merge format, in this hour's folder), then a NOW schedule over them; returns
 * once its execution ended.
 */
export async function seedQualitySchedule(
  request: APIRequestContext,
  contents: IJupyterLabPageFixture['contents'],
  name: string,
  endpoint: string,
  count = 20
): Promise<string> {
  const schedule = `${name}-quality`;
  if ((await request.get(`${API}/monitoring-schedules/${schedule}`)).ok()) {
    return schedule;
  }
  const pairs = Array.from({ length: 40 }, (_, i) => `${i % 2},${i % 2 ? 0.9 : 0.1},${i % 2}`);
  await contents.uploadContent(
    ['prediction,probability,label', ...pairs].join('\n') + '\n',
    'text',
    `${name}/validation.csv`
  );
  await send(request, 'post', 'monitoring-baselines', {
    BaseliningJobName: `${name}-quality-baseline`,
    BaselineDatasetS3Uri: `${name}/validation.csv`,
    DatasetFormat: { Csv: { Header: true } },
    OutputS3Uri: `${name}/quality-baseline`,
    ProblemType: 'BinaryClassification',
    InferenceAttribute: 'prediction',
    ProbabilityAttribute: 'probability',
    GroundTruthAttribute: 'label'
  });
  await waitForStatus(
    request,
    `monitoring-baselines/${name}-quality-baseline`,
    b => b.ProcessingJobStatus,
    /^(Completed|Failed)$/
  );

  await seedCapturingEndpoint(request, endpoint);
  for (let i = 0; i < count; i++) {
    const v = i % 2 ? 0.9 : 0.1;
    const response = await request.post(`${API}/endpoints/${endpoint}/invocations`, {
      data: `${v},${v},${v}`,
      headers: { 'Content-Type': 'text/csv', Accept: 'application/json' }
    });
    expect(response.status()).toBe(200);
  }
  let records: { eventId: string; output: string }[] = [];
  await expect
    .poll(async () => (records = await capturedRecords(request, `${endpoint}-capture`)).length, {
      timeout: 30000
    })
    .toBeGreaterThanOrEqual(count);
  // the truth: the model's answer for the first half, the other label for the second half
  const labels = records.map((r, i) => {
    const answer = Number(JSON.parse(r.output)[0]) >= 0.5 ? 1 : 0;
    return JSON.stringify({
      groundTruthData: {
        data: String(i < records.length / 2 ? answer : 1 - answer),
        encoding: 'CSV'
      },
      eventMetadata: { eventId: r.eventId },
      eventVersion: '0'
    });
  });
  const hour = new Date().toISOString().slice(0, 13).replace(/-/g, '/').replace('T', '/');
  await contents.uploadContent(
    labels.join('\n') + '\n',
    'text',
    `${name}/truth/${hour}/labels.jsonl`
  );

  await send(request, 'post', 'monitoring-schedules', {
    MonitoringScheduleName: schedule,
    MonitoringScheduleConfig: {
      MonitoringType: 'ModelQuality',
      ScheduleConfig: {
        ScheduleExpression: 'NOW',
        DataAnalysisStartTime: '-PT1H',
        DataAnalysisEndTime: '-PT0H'
      },
      MonitoringJobDefinition: {
        ProblemType: 'BinaryClassification',
        BaselineConfig: {
          ConstraintsResource: { S3Uri: `${name}/quality-baseline/constraints.json` }
        },
        MonitoringInputs: [
          {
            EndpointInput: { EndpointName: endpoint },
            GroundTruthS3Input: { S3Uri: `${name}/truth` }
          }
        ],
        MonitoringOutputConfig: {
          MonitoringOutputs: [{ S3Output: { S3Uri: `${name}/quality-reports` } }]
        }
      }
    }
  });
  await waitForStatus(
    request,
    `monitoring-executions?monitoring_schedule_name=${schedule}`,
    b =>
      ((b.MonitoringExecutionSummaries as { MonitoringExecutionStatus: string }[])[0] ?? {})
        .MonitoringExecutionStatus,
    /^(Completed|CompletedWithViolations|Failed|Stopped)$/
  );
  return schedule;
}
