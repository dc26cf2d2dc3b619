import type { Endpoint, EndpointConfig, EndpointMetrics, Model } from '../../core/generated/models';
import { linkTarget, linkTitle, OPEN_COMMANDS } from '../../core/links';
import type { EndpointsApi } from '../api';
import { chartLines, invocationTotals } from '../metrics';
import { EndpointsModel } from '../model';

const METRICS: EndpointMetrics = {
  EndpointName: 'ep',
  Variants: [
    {
      VariantName: 'blue',
      CurrentInstanceCount: 1,
      Minutes: [
        {
          Start: '2026-12-01T08:00:00Z',
          Invocations: 0,
          Invocation4XXErrors: 0,
          Invocation5XXErrors: 0
        },
        {
          Start: '2026-12-01T08:01:00Z',
          Invocations: 7,
          Invocation4XXErrors: 1,
          Invocation5XXErrors: 0,
          LatencyP50Ms: 1.5,
          LatencyP99Ms: 4
        }
      ]
    },
    {
      VariantName: 'green',
      CurrentInstanceCount: 2,
      Minutes: [
        {
          Start: '2026-12-01T08:01:00Z',
          Invocations: 3,
          Invocation4XXErrors: 0,
          Invocation5XXErrors: 2,
          LatencyP50Ms: 2,
          LatencyP99Ms: null
        }
      ]
    }
  ]
};

describe('live charts', () => {
  it('draw a line per variant, two where a chart has two figures', () => {
    const invocations = chartLines(METRICS, 'invocations');
    expect(invocations.map(l => [l.name, l.y])).toEqual([
      ['blue', [0, 7]],
      ['green', [3]]
    ]);
    const latency = chartLines(METRICS, 'latency');
    expect(latency.map(l => l.name)).toEqual(['blue p50', 'blue p99', 'green p50', 'green p99']);
    // a minute without a request has no latency: a gap, not a zero
    expect(latency[0].y).toEqual([null, 1.5]);
    expect(latency[3].y).toEqual([null]);
    expect(latency.map(l => l.dashed)).toEqual([false, true, false, true]);
    const errors = chartLines(METRICS, 'errors');
    expect(errors.map(l => [l.name, l.y])).toEqual([
      ['blue 4XX', [0, 1]],
      ['blue 5XX', [0, 0]],
      ['green 4XX', [0]],
      ['green 5XX', [2]]
    ]);
    expect(errors[0].x).toEqual(['2026-12-01T08:00:00Z', '2026-12-01T08:01:00Z']);
  });

  it('count the invocations of the window', () => {
    expect(invocationTotals(METRICS)).toEqual({ total: 10, byVariant: { blue: 7, green: 3 } });
    expect(invocationTotals(null)).toEqual({ total: 0, byVariant: {} });
  });
});

describe('links to models and endpoint configs', () => {
  it('open in the Endpoints room', () => {
    expect(linkTarget({ kind: 'model', name: 'm' })).toEqual({
      command: OPEN_COMMANDS.endpoints,
      args: { model_name: 'm' }
    });
    expect(linkTarget({ kind: 'endpoint-config', name: 'c' })).toEqual({
      command: OPEN_COMMANDS.endpoints,
      args: { endpoint_config_name: 'c' }
    });
    expect(linkTitle({ kind: 'model', name: 'm' })).toBe('Open model m in the Endpoints room');
  });
});

const MODEL: Model = {
  ModelName: 'm',
  ModelArn: 'arn:m',
  PrimaryContainer: { ModelDataUrl: 'file:///x/model.tar.gz', Environment: {} },
  CreationTime: '2026-12-01T08:00:00Z',
  Owner: 'me'
};

function config(name: string, model: string): EndpointConfig {
  return {
    EndpointConfigName: name,
    EndpointConfigArn: `arn:${name}`,
    ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: model }],
    CreationTime: '2026-12-01T08:00:00Z',
    Owner: 'me'
  };
}

const ENDPOINT: Endpoint = {
  EndpointName: 'ep',
  EndpointArn: 'arn:ep',
  EndpointConfigName: 'c1',
  EndpointStatus: 'InService',
  ProductionVariants: [
    {
      VariantName: 'AllTraffic',
      ModelName: 'm',
      CurrentWeight: 1,
      DesiredWeight: 1,
      CurrentInstanceCount: 1,
      DesiredInstanceCount: 1
    }
  ],
  CreationTime: '2026-12-01T08:00:00Z',
  LastModifiedTime: '2026-12-01T08:00:00Z',
  Owner: 'me'
};

function fakeApi(): jest.Mocked<EndpointsApi> {
  return {
    listEndpoints: jest.fn().mockResolvedValue({ Endpoints: [ENDPOINT], Total: 1 }),
    describeEndpoint: jest.fn().mockResolvedValue(ENDPOINT),
    describeEndpointConfig: jest.fn().mockResolvedValue(config('c1', 'm')),
    describeModel: jest.fn().mockResolvedValue(MODEL),
    listModels: jest.fn().mockResolvedValue({ Models: [MODEL], Total: 1 }),
    listEndpointConfigs: jest.fn().mockResolvedValue({
      EndpointConfigs: [config('c1', 'm'), config('c2', 'other')],
      Total: 2
    }),
    endpointMetrics: jest.fn().mockResolvedValue(METRICS)
  } as unknown as jest.Mocked<EndpointsApi>;
}

describe('the room', () => {
  it('reads the open endpoint metrics with its page, and keeps the page when they fail', async () => {
    const api = fakeApi();
    const model = new EndpointsModel({ api, pollInterval: 100000 });
    model.select('ep');
    await model.refresh();
    expect(api.endpointMetrics).toHaveBeenCalledWith('ep');
    expect(model.metrics).toBe(METRICS);
    api.endpointMetrics.mockRejectedValueOnce(new Error('metrics: no route'));
    await model.refresh();
    expect(model.metricsError).toBe('metrics: no route');
    expect(model.selected?.EndpointName).toBe('ep');
    expect(model.error).toBeNull();
    model.dispose();
  });

  it('shows a model with the configs that serve it, a config with its endpoints', async () => {
    const api = fakeApi();
    const model = new EndpointsModel({ api, pollInterval: 100000 });
    model.openModel('m');
    expect(model.view).toBe('models');
    await model.refresh();
    expect(model.catalog.models.map(m => m.ModelName)).toEqual(['m']);
    expect(model.catalog.model?.ModelName).toBe('m');
    expect(model.catalog.modelUsedBy.map(c => c.EndpointConfigName)).toEqual(['c1']);

    model.openConfig('c1');
    expect(model.view).toBe('configs');
    await model.refresh();
    expect(model.catalog.config?.EndpointConfigName).toBe('c1');
    expect(model.catalog.configUsedBy.map(e => e.EndpointName)).toEqual(['ep']);

    // a deleted config: its page says so, the list still shows
    api.describeEndpointConfig.mockRejectedValue(new Error('no endpoint config "gone"'));
    model.openConfig('gone');
    await model.refresh();
    expect(model.catalog.detailError).toBe('no endpoint config "gone"');
    expect(model.catalog.configs).toHaveLength(2);

    // an endpoint's page goes back to the endpoints tab
    model.select('ep');
    expect(model.view).toBe('endpoints');
    model.dispose();
  });
});
