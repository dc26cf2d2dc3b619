import type { AutopilotApi } from '../api';
import { AutopilotModel } from '../model';
import type { AutoMLJob } from '../types';
import { candidate, job } from './fixtures';

/** A server whose job moves on with each describe, as `states` say. */
function fakeApi(states: Partial<AutoMLJob>[]) {
  let i = 0;
  const calls = { candidates: 0, analysis: 0, report: 0 };
  const api = {
    listAutoMLJobs: async () => ({ AutoMLJobSummaries: [], Total: 0 }),
    describeAutoMLJob: async () => job(states[Math.min(i++, states.length - 1)]),
    listCandidates: async () => {
      calls.candidates++;
      return { Candidates: [candidate('c1', 0.5)], Total: 1 };
    },
    dataAnalysis: async () => {
      calls.analysis++;
      return {
        TargetAttributeName: 'churned',
        ProblemType: 'BinaryClassification',
        problem_type_inferred: true,
        row_count: 200,
        sampled_rows: 200,
        target_missing_count: 0,
        columns: []
      };
    },
    explainability: async () => {
      calls.report++;
      return { method: 'permutation', metric: 'F1', n_rows: 50, feature_importance: [] };
    }
  };
  return { api: api as unknown as AutopilotApi, calls };
}

describe('AutopilotModel', () => {
  it('follows the open job, reading its results once each', async () => {
    const { api, calls } = fakeApi([
      { AutoMLJobSecondaryStatus: 'AnalyzingData' },
      {
        AutoMLJobSecondaryStatus: 'ModelTuning',
        DataAnalysisLocation: 'file:///a.json',
        CandidateCount: 1
      },
      {
        AutoMLJobStatus: 'Stopped',
        AutoMLJobSecondaryStatus: 'Stopped',
        DataAnalysisLocation: 'file:///a.json',
        ExplainabilityReportLocation: 'file:///r.json'
      }
    ]);
    const model = new AutopilotModel({ api });
    model.select('churn');
    await model.refresh();
    expect(model.selected?.AutoMLJobSecondaryStatus).toBe('ModelTuning');
    expect(model.lastSeenStep).toBe('ModelTuning');
    expect(model.analysis?.row_count).toBe(200);
    await model.refresh();
    expect(model.selected?.AutoMLJobStatus).toBe('Stopped');
    // where it stopped stays known
    expect(model.lastSeenStep).toBe('ModelTuning');
    expect(model.report?.method).toBe('permutation');
    const read = calls.candidates;
    await model.refresh();
    await model.refresh();
    // an ended job's candidates are not read again and again
    expect(calls.candidates).toBe(read);
    expect(calls.analysis).toBe(1);
    expect(calls.report).toBe(1);
    expect(model.candidates.map(c => c.CandidateName)).toEqual(['c1']);
    model.dispose();
  });
});
