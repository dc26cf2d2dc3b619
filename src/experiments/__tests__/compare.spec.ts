import { makeComponent } from '../../core/__tests__/fakeJobServer';
import { allEqual, artifactKind, compareRows, filterDifferences, parseCsv } from '../compare';

const tc = makeComponent;

describe('compare: only differences', () => {
  it('counts equal values, NaN and missing values correctly', () => {
    expect(allEqual([1, 1, 1])).toBe(true);
    expect(allEqual([1, 1, 2])).toBe(false);
    expect(allEqual(['NaN', 'NaN'])).toBe(true);
    expect(allEqual([undefined, undefined])).toBe(true);
    expect(allEqual([undefined, 1])).toBe(false);
    expect(allEqual([1, undefined])).toBe(false);
    expect(allEqual([1])).toBe(true);
  });

  it('hides equal rows only when asked', () => {
    const a = tc('a', {
      parameters: { lr: 0.1, depth: 3 },
      metrics: [{ metric_name: 'loss', count: 2, min: 0.1, last: 0.2 }],
      output_artifacts: { model: { value: 'file:///m/a.tar.gz' } }
    });
    const b = tc('b', {
      parameters: { lr: 0.1, depth: 5, extra: 'x' },
      metrics: [{ metric_name: 'loss', count: 2, min: 0.1, last: 'NaN' as unknown as number }],
      output_artifacts: { model: { value: 'file:///m/b.tar.gz' } }
    });
    const rows = compareRows([a, b]);
    expect(rows.filter(r => r.section === 'Parameters').map(r => r.label)).toEqual([
      'depth',
      'extra',
      'lr'
    ]);
    expect(rows).toHaveLength(3 + 6 + 1);
    const diff = filterDifferences(rows, true).map(r => `${r.section}:${r.label}`);
    expect(diff).toEqual([
      'Parameters:depth',
      'Parameters:extra',
      'Metrics:loss (Last)',
      'Output artifacts:model'
    ]);
    expect(filterDifferences(rows, false)).toHaveLength(rows.length);
  });
});

describe('artifact previews', () => {
  it('picks the preview by media type, then by extension', () => {
    expect(artifactKind({ value: 's3://b/x.bin', media_type: 'image/png' })).toBe('image');
    expect(artifactKind({ value: 'file:///a/plot.JPG' })).toBe('image');
    expect(artifactKind({ value: 'file:///a/data.csv' })).toBe('csv');
    expect(artifactKind({ value: 'file:///a/log.txt' })).toBe('text');
    expect(artifactKind({ value: 'file:///a/model.tar.gz' })).toBe('value');
    expect(artifactKind({ value: 'just a value.png' })).toBe('value');
  });

  it('parses the first rows of a CSV and drops a cut-off last line', () => {
    expect(parseCsv('a,b\n1,"x,""y"""\n2,3\n', 2)).toEqual([
      ['a', 'b'],
      ['1', 'x,"y"']
    ]);
    expect(parseCsv('a,b\r\n1,2\r\n3,', 50, true)).toEqual([
      ['a', 'b'],
      ['1', '2']
    ]);
    expect(parseCsv('a,b\n1,2', 50)).toEqual([
      ['a', 'b'],
      ['1', '2']
    ]);
  });
});
