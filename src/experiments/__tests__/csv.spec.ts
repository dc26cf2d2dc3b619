import { makeComponent } from '../../core/__tests__/fakeJobServer';
import { componentsToCsv, csvField, neutraliseFormula, toCsv } from '../csv';

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

  it.each([
    ['=', '=HYPERLINK("http://x","y")', '"\'=HYPERLINK(""http://x"",""y"")"'],
    ['+', "+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"],
    ['-', "-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"],
    ['@', '@SUM(1+1)', "'@SUM(1+1)"],
    ['tab', '\t=1+1', "'\t=1+1"],
    ['carriage return', '\r=1+1', '"\'\r=1+1"']
  ])('writes text starting with %s as text, with a leading quote', (_, value, field) => {
    expect(csvField(value)).toBe(field);
  });

  it('neutralises formulas in the header and in values of any kind', () => {
    expect(toCsv([[{ a: 1 }, '=1+2']], ['Parameters.=cmd', '-x'])).toBe(
      'Parameters.=cmd,\'-x\r\n"{""a"":1}",\'=1+2\r\n'
    );
    expect(csvField('-')).toBe("'-");
    expect(csvField('+')).toBe("'+");
    expect(csvField('-1,5')).toBe('"\'-1,5"');
    expect(csvField('- 1')).toBe("'- 1");
    expect(csvField('-0x1F')).toBe("'-0x1F");
    expect(csvField('a=b')).toBe('a=b');
    expect(csvField('mail@example.org')).toBe('mail@example.org');
  });

  it('keeps negative and signed numbers as numbers', () => {
    expect(csvField(-0.5)).toBe('-0.5');
    expect(csvField(-3)).toBe('-3');
    expect(csvField(-1e-7)).toBe('-1e-7');
    expect(csvField(-Infinity)).toBe('-Infinity');
    for (const text of [
      '-0.5',
      '+3',
      '-3',
      '+0.25',
      '-.5',
      '-1.',
      '-1e-7',
      '+2E+10',
      '-Infinity'
    ]) {
      expect(neutraliseFormula(text)).toBe(text);
      expect(csvField(text)).toBe(text);
    }
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
