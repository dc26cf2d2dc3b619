import {
  buildScriptJobRequest,
  EMPTY_FORM,
  FieldError,
  formFieldFor,
  formFromJob,
  parseEnvironment,
  quoteArgument,
  splitArguments
} from '../parse';

describe('splitArguments', () => {
  it('splits on any whitespace and drops empty words', () => {
    expect(splitArguments('  --epochs 3\t--lr  0.01\n')).toEqual(['--epochs', '3', '--lr', '0.01']);
    expect(splitArguments('')).toEqual([]);
    expect(splitArguments('   ')).toEqual([]);
  });

  it('keeps quoted words together', () => {
    expect(splitArguments(`--msg "hello world" --path '/a b/c'`)).toEqual([
      '--msg',
      'hello world',
      '--path',
      '/a b/c'
    ]);
  });

  it('joins adjacent quoted and unquoted parts and keeps empty quoted words', () => {
    expect(splitArguments(`--name="a b"c ''`)).toEqual(['--name=a bc', '']);
  });

  it('handles escapes', () => {
    expect(splitArguments('a\\ b "say \\"hi\\"" \'no \\escape\'')).toEqual([
      'a b',
      'say "hi"',
      'no \\escape'
    ]);
  });

  it('rejects an unterminated quote with a field error', () => {
    expect(() => splitArguments('--msg "oops')).toThrow(FieldError);
    try {
      splitArguments("it's");
    } catch (e) {
      expect((e as FieldError).field).toBe('arguments');
    }
  });
});

describe('parseEnvironment', () => {
  it('parses KEY=VALUE lines, splitting at the first =', () => {
    expect(parseEnvironment('A=1\nB = x=y\r\n\n# comment\nEMPTY=')).toEqual({
      A: '1',
      B: ' x=y',
      EMPTY: ''
    });
  });

  it('names the line of a bad entry', () => {
    expect(() => parseEnvironment('A=1\nnot a pair')).toThrow('Line 2: expected KEY=VALUE');
    expect(() => parseEnvironment('1BAD=x')).toThrow("invalid variable name '1BAD'");
  });
});

describe('buildScriptJobRequest', () => {
  it('builds the request from the form values', () => {
    expect(
      buildScriptJobRequest({
        script: ' train.py ',
        arguments: '--epochs 3',
        environment: 'SEED=42',
        max_runtime_seconds: '60',
        job_name: ' my-job ',
        experiment_name: '',
        trial_name: ''
      })
    ).toEqual({
      script: 'train.py',
      arguments: ['--epochs', '3'],
      environment: { SEED: '42' },
      stopping_condition: { max_runtime_seconds: 60 },
      job_name: 'my-job'
    });
  });

  it('leaves optional fields out', () => {
    const request = buildScriptJobRequest({ ...EMPTY_FORM, script: 'ok.py' });
    expect(request).toEqual({ script: 'ok.py', arguments: [], environment: {} });
  });

  it('reports the offending field', () => {
    const fieldOf = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as FieldError).field;
      }
      return null;
    };
    expect(fieldOf(() => buildScriptJobRequest(EMPTY_FORM))).toBe('script');
    expect(
      fieldOf(() =>
        buildScriptJobRequest({ ...EMPTY_FORM, script: 'a.py', max_runtime_seconds: '0' })
      )
    ).toBe('max_runtime_seconds');
    expect(
      fieldOf(() =>
        buildScriptJobRequest({ ...EMPTY_FORM, script: 'a.py', max_runtime_seconds: '1.5' })
      )
    ).toBe('max_runtime_seconds');
  });
});

describe('formFieldFor', () => {
  it('maps server field paths to form fields', () => {
    expect(formFieldFor('script')).toBe('script');
    expect(formFieldFor('arguments.3')).toBe('arguments');
    expect(formFieldFor('environment.FOO')).toBe('environment');
    expect(formFieldFor('stopping_condition.max_runtime_seconds')).toBe('max_runtime_seconds');
    expect(formFieldFor('job_name')).toBe('job_name');
    expect(formFieldFor('tags')).toBeNull();
    expect(formFieldFor(null)).toBeNull();
  });
});

describe('clone a script job', () => {
  const values = {
    script: 'train.py',
    arguments: `--name "two words" --quote "it's" --empty ''`,
    environment: 'SEED=42\nMODE=a=b',
    max_runtime_seconds: '600',
    job_name: 'first',
    experiment_name: 'exp',
    trial_name: 'trial-1'
  };

  it('gives back a form that sends the same request (without the name)', () => {
    const request = buildScriptJobRequest(values);
    expect(request.experiment_config).toEqual({ ExperimentName: 'exp', TrialName: 'trial-1' });
    const form = formFromJob({ config: { ...request } });
    expect(form.job_name).toBe('');
    expect(form.experiment_name).toBe('exp');
    expect(form.trial_name).toBe('trial-1');
    const again = buildScriptJobRequest(form);
    expect(again).toEqual({ ...request, job_name: undefined });
  });

  it('quotes what the argument splitter would split', () => {
    for (const arg of ['plain', 'two words', "it's", '', 'a"b', 'back\\slash']) {
      expect(splitArguments(quoteArgument(arg))).toEqual([arg]);
    }
  });

  it('reads the experiment from the tracking part when the request has none', () => {
    const form = formFromJob({
      config: { script: 'x.py', tracking: { experiment_config: { ExperimentName: 'auto' } } }
    });
    expect(form.experiment_name).toBe('auto');
    expect(form.arguments).toBe('');
  });

  it('names the experiment field of a bad experiment name', () => {
    expect(() => buildScriptJobRequest({ ...values, experiment_name: 'no spaces' })).toThrow(
      FieldError
    );
    expect(formFieldFor('experiment_config.TrialName')).toBe('trial_name');
  });
});
