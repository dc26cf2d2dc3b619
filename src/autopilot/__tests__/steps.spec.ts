import { isActive, secondaryLabel, stepsOf } from '../steps';
import { job } from './fixtures';

const states = (steps: ReturnType<typeof stepsOf>) => steps.map(s => s.state);

describe('the job’s steps', () => {
  it('show where a running job is', () => {
    expect(states(stepsOf(job({ AutoMLJobSecondaryStatus: 'Starting' })))).toEqual([
      'active',
      'pending',
      'pending',
      'pending',
      'pending',
      'pending'
    ]);
    const tuning = stepsOf(job({ AutoMLJobSecondaryStatus: 'ModelTuning' }));
    expect(states(tuning)).toEqual(['done', 'done', 'done', 'active', 'pending', 'pending']);
    expect(tuning.map(s => s.label)).toEqual([
      'Starting',
      'Analyzing data',
      'Feature engineering',
      'Model tuning',
      'Explainability report',
      'Completed'
    ]);
  });

  it('end with why a completed job ended', () => {
    const steps = stepsOf(
      job({ AutoMLJobStatus: 'Completed', AutoMLJobSecondaryStatus: 'MaxCandidatesReached' })
    );
    expect(states(steps).every(s => s === 'done')).toBe(true);
    expect(steps[steps.length - 1].label).toBe('Completed: max candidates reached');
    expect(steps[steps.length - 1].status).toBe('MaxCandidatesReached');
  });

  it('of a definitions-only job stop after the notebooks', () => {
    const steps = stepsOf(
      job({
        GenerateCandidateDefinitionsOnly: true,
        AutoMLJobStatus: 'Completed',
        AutoMLJobSecondaryStatus: 'CandidateDefinitionsGenerated'
      })
    );
    expect(steps.map(s => s.status)).toEqual([
      'Starting',
      'AnalyzingData',
      'CandidateDefinitionsGenerated'
    ]);
  });

  it('mark where a stopped or failed job ended', () => {
    // the room saw it tuning
    const stopped = stepsOf(
      job({ AutoMLJobStatus: 'Stopped', AutoMLJobSecondaryStatus: 'Stopped' }),
      'ModelTuning'
    );
    expect(states(stopped)).toEqual(['done', 'done', 'done', 'stopped', 'pending', 'stopped']);
    expect(stopped[5].label).toBe('Stopped');
    // not seen: its results tell (the analysis was written, no candidate)
    const failed = stepsOf(
      job({
        AutoMLJobStatus: 'Failed',
        AutoMLJobSecondaryStatus: 'Failed',
        DataAnalysisLocation: 'file:///home/u/automl/churn/analysis.json'
      })
    );
    expect(states(failed)).toEqual(['done', 'failed', 'pending', 'pending', 'pending', 'failed']);
    const stopping = stepsOf(
      job({ AutoMLJobStatus: 'Stopping', AutoMLJobSecondaryStatus: 'Stopping', CandidateCount: 2 })
    );
    expect(states(stopping)).toEqual(['done', 'done', 'stopped', 'pending', 'pending', 'active']);
  });

  it('say which jobs still move', () => {
    expect(isActive(job())).toBe(true);
    expect(isActive(job({ AutoMLJobStatus: 'Stopping' }))).toBe(true);
    expect(isActive(job({ AutoMLJobStatus: 'Completed' }))).toBe(false);
    expect(isActive(null)).toBe(false);
    expect(secondaryLabel('MaxAutoMLJobRuntimeReached')).toBe('Completed: time budget reached');
    expect(secondaryLabel('GeneratingExplainabilityReport')).toBe('Explainability report');
  });
});
