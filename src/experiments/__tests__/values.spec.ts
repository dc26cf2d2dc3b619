import { finiteOrNull, seriesLine } from '../../core/charts/data';
import { makeComponent } from '../../core/__tests__/fakeJobServer';
import type { TrialComponent } from '../../core/generated/models';
import {
  defaultParallel,
  histogramValues,
  parallelData,
  parallelDimensions,
  scatterPoints
} from '../chartData';
import { cellValue, columnWidth, firstSortOrder } from '../columns';
import { formatValue, numericValue, sameValue } from '../values';

const tc = (
  name: string,
  parameters: Record<string, number | string>,
  last: unknown
): TrialComponent =>
  makeComponent(name, {
    parameters,
    metrics: [{ metric_name: 'loss', count: 1, last: last as number }]
  });

describe('NaN and Infinity values', () => {
  it('treats every non-number as a gap', () => {
    expect(finiteOrNull(1.5)).toBe(1.5);
    for (const v of ['NaN', 'Infinity', '-Infinity', null, undefined, 'abc', NaN, Infinity, {}]) {
      expect(finiteOrNull(v)).toBeNull();
    }
  });

  it('reads the wire strings as their numbers', () => {
    expect(numericValue('NaN')).toBeNaN();
    expect(numericValue('Infinity')).toBe(Infinity);
    expect(numericValue('-Infinity')).toBe(-Infinity);
    expect(numericValue('x')).toBeNull();
  });

  it('formats them for cells', () => {
    expect(formatValue('NaN')).toBe('NaN');
    expect(formatValue(Infinity)).toBe('Infinity');
    expect(formatValue(0.123456789)).toBe('0.123457');
    expect(formatValue(null)).toBe('');
  });

  it('compares NaN with NaN as equal', () => {
    expect(sameValue('NaN', NaN)).toBe(true);
    expect(sameValue('Infinity', Infinity)).toBe(true);
    expect(sameValue(1, 2)).toBe(false);
    expect(sameValue('a', 'a')).toBe(true);
  });

  it('keeps gaps in metric series lines', () => {
    // The wire may carry the strings "NaN" and "Infinity" where the type says number.
    const values = [1, 'NaN', 'Infinity', 0.5] as unknown as number[];
    const line = seriesLine({ steps: [0, 1, null, 3], values });
    expect(line).toEqual({ x: [0, 1, 2, 3], y: [1, null, null, 0.5] });
  });

  it('leaves non-finite points out of scatter, parallel and histogram data', () => {
    const rows = [
      tc('a', { lr: 0.1, opt: 'sgd' }, 0.5),
      tc('b', { lr: 0.2, opt: 'adam' }, 'NaN'),
      tc('c', { lr: 'x', opt: 'adam' }, '-Infinity'),
      tc('d', { lr: 0.3, opt: 'sgd' }, 0.25)
    ];
    expect(cellValue(rows[1], 'Metrics.loss.Last')).toBe('NaN');
    const points = scatterPoints(rows, 'Parameters.lr', 'Metrics.loss.Last');
    expect(points.x).toEqual([0.1, 0.3]);
    expect(points.y).toEqual([0.5, 0.25]);
    const dims = parallelDimensions(rows, ['Parameters.opt', 'Metrics.loss.Last']);
    expect(dims[0].ticktext).toEqual(['adam', 'sgd']);
    expect(dims[0].values).toEqual([1, 1]);
    expect(dims[1].values).toEqual([0.5, 0.25]);
    expect(histogramValues(rows, 'Metrics.loss.Last')).toEqual([0.5, 0.25]);
    expect(histogramValues(rows, 'Parameters.opt')).toEqual(['sgd', 'adam', 'adam', 'sgd']);
  });
});

describe('parallel coordinates with missing values', () => {
  const rows = [
    tc('a', { lr: 0.1, opt: 'adam' }, 0.5),
    tc('b', { lr: 0.2 }, 0.4),
    tc('c', { lr: 0.3, opt: 'sgd' }, 'NaN')
  ];

  it('says how many rows it leaves out, and which columns lack values', () => {
    const data = parallelData(rows, ['Parameters.lr', 'Parameters.opt', 'Metrics.loss.Last']);
    expect(data.drawn).toBe(1);
    expect(data.leftOut).toBe(2);
    expect(data.incomplete).toEqual(['Parameters.opt', 'Metrics.loss.Last']);
    expect(data.dimensions[0].values).toEqual([0.1]);
  });

  it('draws nothing (and says so) when no row has every value', () => {
    const data = parallelData(rows, ['Parameters.opt', 'Parameters.missing']);
    expect(data.drawn).toBe(0);
    expect(data.incomplete).toEqual(['Parameters.opt', 'Parameters.missing']);
  });

  it('starts from the visible parameters and last metric values, at most 7 axes', () => {
    const numeric = [
      ...Array.from({ length: 6 }, (_, i) => `Parameters.p${i}`),
      'Metrics.loss.Last',
      'Metrics.loss.Min',
      'Metrics.acc.Last'
    ];
    expect(defaultParallel(['DisplayName', ...numeric], numeric)).toEqual([
      'Parameters.p0',
      'Parameters.p1',
      'Parameters.p2',
      'Parameters.p3',
      'Metrics.loss.Last',
      'Metrics.acc.Last'
    ]);
  });
});

describe('leaderboard columns', () => {
  it('are wide enough for their heading, and for run names', () => {
    expect(columnWidth('DisplayName')).toBeGreaterThanOrEqual(
      'demo-tune-261201-104312-03'.length * 7
    );
    const a = columnWidth('Metrics.validation:accuracy.Last');
    expect(a).toBeGreaterThanOrEqual('validation:accuracy (Last)'.length * 7);
    expect(columnWidth('Parameters.lr')).toBe(90);
  });

  it('sort best first on the first click', () => {
    expect(firstSortOrder('Metrics.validation:accuracy.Last')).toBe('Descending');
    expect(firstSortOrder('Metrics.validation:accuracy.StdDev')).toBe('Ascending');
    expect(firstSortOrder('Metrics.loss.Min')).toBe('Ascending');
    expect(firstSortOrder('Parameters.lr')).toBe('Ascending');
    expect(firstSortOrder('DisplayName')).toBe('Ascending');
  });
});
