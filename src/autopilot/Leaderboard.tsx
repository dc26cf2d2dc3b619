import React, { useMemo } from 'react';

import { defaultColumnWidth } from '../core/columnWidths';
import { DataTable, IColumn } from '../core/DataTable';
import { StatusBadge } from '../core/jobTable';
import { RecordLink, useOpenRecord } from '../core/RecordLink';
import {
  bestName,
  formatHyperparameters,
  formatObjective,
  jobMetric,
  minimizes,
  ranked,
  trainingJobOf
} from './leaderboard';
import type { AutoMLCandidate, AutoMLJob } from './types';

interface IRow {
  rank: number;
  best: boolean;
  candidate: AutoMLCandidate;
}

function columns(metric: string, minimize: boolean): IColumn<IRow>[] {
  const objective = `${metric} (${minimize ? 'lower' : 'higher'} is better)`;
  return [
    {
      id: 'rank',
      label: '#',
      width: 90,
      cell: r => (
        <>
          {r.rank}
          {r.best && (
            <span className="jp-smstudio-automl-best" data-testid="automl-best-mark">
              {' '}
              ★ best
            </span>
          )}
        </>
      )
    },
    {
      id: 'name',
      label: 'Candidate',
      width: 230,
      cell: r => (
        <RecordLink
          to={{ kind: 'job', name: trainingJobOf(r.candidate), jobKind: 'training' }}
          testId="automl-candidate-link"
        >
          {r.candidate.CandidateName}
        </RecordLink>
      ),
      title: r => r.candidate.CandidateName
    },
    {
      id: 'objective',
      label: objective,
      width: defaultColumnWidth(objective, 110, 240),
      cell: r => formatObjective(r.candidate.FinalAutoMLJobObjectiveMetric?.Value),
      title: r => String(r.candidate.FinalAutoMLJobObjectiveMetric?.Value ?? ''),
      testId: 'automl-candidate-objective'
    },
    {
      id: 'status',
      label: 'Status',
      width: 110,
      cell: r => <StatusBadge status={r.candidate.CandidateStatus} />,
      title: r => r.candidate.FailureReason ?? r.candidate.CandidateStatus
    },
    {
      id: 'algorithm',
      label: 'Algorithm',
      width: 150,
      cell: r => r.candidate.Algorithm ?? '—',
      title: r => r.candidate.Algorithm ?? undefined
    },
    {
      id: 'hyperparameters',
      label: 'Hyperparameters',
      width: 320,
      cell: r => (
        <code className="jp-smstudio-automl-params">
          {formatHyperparameters(r.candidate.HyperParameters) || '—'}
        </code>
      ),
      title: r => formatHyperparameters(r.candidate.HyperParameters)
    }
  ];
}

/** The candidates best first, the best marked; a candidate opens its training job's page. */
export function Leaderboard(props: {
  job: AutoMLJob;
  candidates: ReadonlyArray<AutoMLCandidate>;
  active: boolean;
}): JSX.Element {
  const { job, candidates } = props;
  const metric = jobMetric(job, candidates);
  const minimize = minimizes(metric, candidates);
  const rows = useMemo(() => {
    const order = ranked(candidates, minimize, job.BestCandidate?.CandidateName ?? null);
    const best = bestName(job, order);
    return order.map((candidate, i) => ({
      rank: i + 1,
      best: candidate.CandidateName === best,
      candidate
    }));
  }, [job, candidates, minimize]);
  const openRecord = useOpenRecord();
  const byName = new Map(rows.map(r => [r.candidate.CandidateName, r.candidate]));
  return (
    <div className="jp-smstudio-table-wrapper jp-smstudio-automl-leaderboard">
      <DataTable
        table="automl-candidates"
        testId="automl-candidates"
        columns={columns(metric, minimize)}
        rows={rows}
        rowKey={r => r.candidate.CandidateName}
        rowAttributes={r => ({
          'data-candidate': r.candidate.CandidateName,
          'data-best': r.best ? 'true' : undefined,
          className: r.best ? 'jp-smstudio-automl-best-row' : undefined
        })}
        onOpen={
          openRecord
            ? name => {
                const candidate = byName.get(name);
                if (candidate) {
                  openRecord({ kind: 'job', name: trainingJobOf(candidate), jobKind: 'training' });
                }
              }
            : undefined
        }
        empty={props.active ? 'No candidate has finished yet…' : 'No candidates.'}
      />
    </div>
  );
}
