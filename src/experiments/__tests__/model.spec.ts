import type { SearchRequest, SearchResult, TrialComponent } from '../../core/generated/models';
import { fakeEvents } from '../../core/__tests__/fakeJobServer';
import { TRIAL_COMPONENT_EVENT_SCHEMA } from '../../tokens';
import type { ExperimentsApi } from '../api';
import { ExperimentsModel } from '../model';
import type { Board } from '../search';
import { newRow } from '../search';

const tc = (i: number): TrialComponent => ({
  trial_component_name: `c${i}`,
  display_name: `c${i}`,
  owner: 'me',
  status: 'Completed',
  creation_time: '2026-01-01T00:00:00Z',
  last_modified_time: '2026-01-01T00:00:00Z',
  parameters: { depth: i % 7 },
  metrics: [{ metric_name: 'loss', count: 1, last: i / 10 }]
});

const tick = (ms = 0) => new Promise(resolve => setTimeout(resolve, ms));

describe('ExperimentsModel', () => {
  const all = Array.from({ length: 25 }, (_, i) => tc(i));
  let api: jest.Mocked<Pick<ExperimentsApi, 'allExperiments' | 'search' | 'columns'>>;
  let model: ExperimentsModel;
  const events = fakeEvents();

  beforeEach(() => {
    api = {
      allExperiments: jest.fn(async () => []),
      columns: jest.fn(async (_board: Board | string) => ({
        parameters: ['depth'],
        metrics: ['loss'],
        statistics: ['Min', 'Last']
      })),
      search: jest.fn(async (req: SearchRequest): Promise<SearchResult> => {
        const offset = Number(req.NextToken ?? 0);
        const size = req.MaxResults ?? 50;
        const page = all.slice(offset, offset + size);
        const next = offset + page.length;
        return {
          trial_components: page,
          total: all.length,
          next_token: next < all.length ? String(next) : null
        };
      })
    };
    model = new ExperimentsModel({
      api: api as unknown as ExperimentsApi,
      events,
      pollInterval: 60000,
      firstPageSize: 10,
      pageSize: 7,
      eventDebounce: 20
    });
  });

  afterEach(() => model.dispose());

  it('loads a small first page, then pages as rows are needed', async () => {
    await model.selectExperiment('exp');
    expect(model.rows).toHaveLength(10);
    expect(model.rowCount).toBe(25);
    expect(model.visibleColumns).toEqual([
      'DisplayName',
      'Status.PrimaryStatus',
      'Parameters.depth',
      'Metrics.loss.Last',
      'Metrics.loss.Min'
    ]);
    await model.ensureRows(20);
    expect(model.rows.map(r => r.trial_component_name)).toEqual(
      all.slice(0, 24).map(r => r.trial_component_name)
    );
    const first = api.search.mock.calls[0][0];
    expect(first.SearchExpression).toEqual({
      Operator: 'And',
      Filters: [{ Name: 'Parents.ExperimentName', Operator: 'Equals', Value: 'exp' }]
    });
  });

  it('applies the builder and sorts server-side', async () => {
    await model.selectExperiment('exp');
    model.setBuilder({
      operator: 'Or',
      rows: [newRow('Parameters.depth', 'Equals', '3')],
      groups: []
    });
    await model.applySearch();
    const req = api.search.mock.calls[api.search.mock.calls.length - 1][0];
    expect(req.SearchExpression?.SubExpressions).toEqual([
      { Operator: 'Or', Filters: [{ Name: 'Parameters.depth', Operator: 'Equals', Value: '3' }] }
    ]);
    model.toggleSort('Metrics.loss.Last');
    await tick();
    expect(model.sortOrder).toBe('Ascending');
    model.toggleSort('Metrics.loss.Last');
    await tick();
    const last = api.search.mock.calls[api.search.mock.calls.length - 1][0];
    expect(last.SortBy).toBe('Metrics.loss.Last');
    expect(last.SortOrder).toBe('Descending');
  });

  it('shows a 400 from the search next to the builder', async () => {
    const { ApiError } = await import('../../core/api');
    await model.selectExperiment('exp');
    api.search.mockRejectedValueOnce(
      new ApiError(
        "unknown search property 'x'",
        400,
        'BadRequest',
        'SearchExpression.Filters.Name'
      )
    );
    await model.applySearch();
    expect(model.searchError).toEqual({
      message: "unknown search property 'x'",
      field: 'SearchExpression.Filters.Name'
    });
  });

  it('refreshes the leaderboard once for a burst of trial-component events', async () => {
    await model.selectExperiment('exp');
    api.search.mockClear();
    const live = jest.fn();
    model.liveUpdate.connect(live);
    for (let i = 0; i < 5; i++) {
      events.emit({
        schema_id: TRIAL_COMPONENT_EVENT_SCHEMA,
        trial_component_name: 'c1',
        owner: 'me',
        change: 'metrics'
      });
    }
    events.emit({ schema_id: 'https://example.org/other' });
    await tick(80);
    expect(api.search).toHaveBeenCalledTimes(1);
    expect(api.columns).toHaveBeenCalledTimes(2);
    expect(live).toHaveBeenCalledTimes(1);
  });

  it('shows the trial components of no trial on the unassigned board', async () => {
    await model.selectUnassigned();
    expect(model.board).toEqual({ kind: 'unassigned' });
    expect(model.experimentName).toBe(null);
    expect(api.columns).toHaveBeenLastCalledWith({ kind: 'unassigned' });
    const req = api.search.mock.calls[api.search.mock.calls.length - 1][0];
    expect(req.SearchExpression).toEqual({
      Operator: 'And',
      Filters: [{ Name: 'Parents.TrialName', Operator: 'NotExists' }]
    });
    // the same board again reads nothing new
    api.search.mockClear();
    await model.selectUnassigned();
    expect(api.search).not.toHaveBeenCalled();
  });

  it('keeps the charts when another board opens', async () => {
    await model.selectExperiment('exp');
    model.addChart({ kind: 'scatter', x: 'Parameters.depth', y: 'Metrics.loss.Last' });
    await model.selectExperiment('other');
    expect(model.charts.map(c => c.kind)).toEqual(['scatter']);
    expect(model.tab).toBe('leaderboard');
  });

  it('sorts a metric better high best first', async () => {
    await model.selectExperiment('exp');
    model.toggleSort('Metrics.val_accuracy.Last');
    expect(model.sortOrder).toBe('Descending');
    model.toggleSort('Parameters.depth');
    expect(model.sortOrder).toBe('Ascending');
    await tick();
  });
});

describe("a component's page opened from another room", () => {
  it('opens in its experiment, or on the unassigned board when it has none', async () => {
    const component = (parents: { experiment_name: string; trial_name: string }[]) => ({
      ...tc(1),
      parents
    });
    const getComponent = jest.fn();
    const api = {
      allExperiments: jest.fn(async () => []),
      columns: jest.fn(async () => ({ parameters: [], metrics: [] })),
      search: jest.fn(async () => ({ trial_components: [], total: 0, next_token: null })),
      getComponent
    };
    const model = new ExperimentsModel({ api: api as unknown as ExperimentsApi });
    getComponent.mockResolvedValueOnce(component([{ experiment_name: 'e1', trial_name: 't' }]));
    await model.showComponent('c1');
    expect(model.board).toEqual({ kind: 'experiment', name: 'e1' });
    expect(model.componentName).toBe('c1');
    getComponent.mockResolvedValue(component([]));
    await model.showComponent('c2');
    expect(model.board).toEqual({ kind: 'unassigned' });
    expect(model.tab).toBe('component');
    model.dispose();
  });
});
