import { fakeEvents, makeComponent, makeSeries } from '../../core/__tests__/fakeJobServer';
import type { SearchResult } from '../../core/generated/models';
import type { ExperimentsApi } from '../api';
import { ExperimentsModel } from '../model';

const tc = makeComponent;

const tick = (ms = 0) => new Promise(resolve => setTimeout(resolve, ms));

/** The views beside the leaderboard read what the model loaded; they fetch nothing. */
describe('ExperimentsModel pages', () => {
  const rows = [
    tc('a', {
      output_artifacts: { report: { value: 'file:///r/a.txt', media_type: 'text/plain' } }
    }),
    tc('b')
  ];
  let api: Record<
    | 'allExperiments'
    | 'search'
    | 'columns'
    | 'getComponent'
    | 'lineage'
    | 'metricSeries'
    | 'storageObject',
    jest.Mock
  >;
  let model: ExperimentsModel;

  beforeEach(async () => {
    api = {
      allExperiments: jest.fn(async () => []),
      columns: jest.fn(async () => ({ parameters: [], metrics: ['loss'] })),
      search: jest.fn(async (): Promise<SearchResult> => ({
        trial_components: rows,
        total: 2,
        next_token: null
      })),
      getComponent: jest.fn(async (name: string) =>
        rows.find(r => r.trial_component_name === name)
      ),
      lineage: jest.fn(async (name: string) => ({
        trial_component_name: name,
        upstream: [],
        downstream: []
      })),
      metricSeries: jest.fn(async (component: string, metric: string) =>
        makeSeries(component, metric, [1, 0.5])
      ),
      // jsdom's Blob cannot be read as text: a stand-in that can
      storageObject: jest.fn(async () => ({
        blob: { text: async () => 'hello' } as unknown as Blob,
        truncated: false
      }))
    };
    model = new ExperimentsModel({
      api: api as unknown as ExperimentsApi,
      events: fakeEvents(),
      pollInterval: 60000
    });
    await model.selectExperiment('exp');
  });

  afterEach(() => model.dispose());

  it("loads a component's page with its lineage and artifact previews", async () => {
    model.openComponent('a');
    expect(model.tab).toBe('component');
    await tick(10);
    expect(api.getComponent).toHaveBeenCalledWith('a');
    expect(api.lineage).toHaveBeenCalledWith('a');
    expect(model.page.component?.trial_component_name).toBe('a');
    expect(model.page.lineage?.upstream).toEqual([]);
    const artifact = rows[0].output_artifacts!.report;
    expect(api.storageObject).toHaveBeenCalledWith('file:///r/a.txt', 20 * 1024);
    expect(model.previews.get(artifact)?.preview).toEqual({
      kind: 'text',
      text: 'hello',
      truncated: false
    });
  });

  it('reads the compared components when Compare is shown', async () => {
    model.setSelected('a', true);
    model.setSelected('b', true);
    expect(api.getComponent).not.toHaveBeenCalled();
    model.setTab('compare');
    await tick(10);
    expect(model.compared.components.map(c => c.trial_component_name)).toEqual(['a', 'b']);
  });

  it('reads the selected rows\' series of the "over steps" charts', async () => {
    model.setSelected('b', true);
    model.addChart({ kind: 'steps', metric: 'loss' });
    expect(model.tab).toBe('charts');
    await tick(10);
    expect(api.metricSeries).toHaveBeenCalledWith('b', 'loss');
    expect(model.steps.get('loss')?.map(l => l.name)).toEqual(['b']);
  });
});
