import { makeComponent } from '../../core/__tests__/fakeJobServer';
import { componentsToCsv, csvField, toCsv } from '../csv';

const component = makeComponent;

describe('CSV export', () => {
  it('quotes fields with commas, quotes, newlines and edge spaces', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rx')).toBe('"cr\rx"');
    expect(csvField(' padded')).toBe('" padded"');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
  });

  it('writes numbers exactly and NaN / Infinity as words', () => {
    expect(csvField(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(csvField(3)).toBe('3');
    expect(csvField(NaN)).toBe('NaN');
    expect(csvField(-Infinity)).toBe('-Infinity');
    expect(csvField('Infinity')).toBe('Infinity');
  });

  it('writes a header and CRLF lines', () => {
    expect(toCsv([[1, 'x,y']], ['a', 'b'])).toBe('a,b\r\n1,"x,y"\r\n');
  });

  it('exports the visible columns with the component name first', () => {
    const rows = [
      component('c1', {
        display_name: 'run, "one"',
        parameters: { lr: 0.1, opt: 'adam' },
        metrics: [{ metric_name: 'loss', count: 2, last: 'NaN' as unknown as number, min: 0.5 }]
      }),
      component('c2', { parameters: { lr: 0.01 } })
    ];
    const csv = componentsToCsv(rows, [
      'DisplayName',
      'Parameters.lr',
      'Parameters.opt',
      'Metrics.loss.Last',
      'Metrics.loss.Min'
    ]);
    expect(csv.split('\r\n')).toEqual([
      'TrialComponentName,Name,Parameters.lr,Parameters.opt,Metrics.loss.Last,Metrics.loss.Min',
      'c1,"run, ""one""",0.1,adam,NaN,0.5',
      'c2,c2,0.01,,,',
      ''
    ]);
  });
});
