/**
 * Turn the "New script job" form into a `ScriptJobRequest`.
 * Pure functions, unit-tested in __tests__/parse.spec.ts.
 */
import {
  experimentConfig,
  experimentFieldError,
  experimentFieldFor,
  experimentFields
} from '../core/experimentConfig';
import type { Job, ScriptJobRequest } from '../core/generated/models';

/** An input error that belongs to one form field. */
export class FieldError extends Error {
  constructor(
    readonly field: string,
    message: string
  ) {
    super(message);
    this.name = 'FieldError';
  }
}

/**
 * Split an argument string the way a simple shell would: whitespace separates words,
 * '...' is literal, "..." allows \" and \\ escapes, a backslash outside quotes escapes
 * the next character.
 */
export function splitArguments(input: string): string[] {
  const args: string[] = [];
  let current = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < input.length; i++) {
    const ch = input[i];
    if (quote === "'") {
      if (ch === "'") {
        quote = null;
      } else {
        current += ch;
      }
    } else if (quote === '"') {
      if (ch === '"') {
        quote = null;
      } else if (ch === '\\' && i + 1 < input.length && '"\\$`'.includes(input[i + 1])) {
        current += input[++i];
      } else {
        current += ch;
      }
    } else if (/\s/.test(ch)) {
      if (inWord) {
        args.push(current);
        current = '';
        inWord = false;
      }
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (ch === '\\') {
      if (i + 1 < input.length) {
        current += input[++i];
      }
      inWord = true;
    } else {
      current += ch;
      inWord = true;
    }
  }
  if (quote) {
    throw new FieldError('arguments', `Unterminated ${quote} quote in arguments`);
  }
  if (inWord) {
    args.push(current);
  }
  return args;
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Parse `KEY=VALUE` lines; blank lines and `#` comments are skipped. */
export function parseEnvironment(input: string): Record<string, string> {
  const env: Record<string, string> = {};
  input.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) {
      return;
    }
    const eq = line.indexOf('=');
    if (eq < 0) {
      throw new FieldError('environment', `Line ${index + 1}: expected KEY=VALUE`);
    }
    const key = line.slice(0, eq).trim();
    if (!ENV_NAME.test(key)) {
      throw new FieldError('environment', `Line ${index + 1}: invalid variable name '${key}'`);
    }
    env[key] = line.slice(eq + 1);
  });
  return env;
}

/** The raw form values, all strings. */
export interface IJobFormValues {
  script: string;
  arguments: string;
  environment: string;
  max_runtime_seconds: string;
  job_name: string;
  experiment_name: string;
  trial_name: string;
}

export const EMPTY_FORM: IJobFormValues = {
  script: '',
  arguments: '',
  environment: '',
  max_runtime_seconds: '',
  job_name: '',
  experiment_name: '',
  trial_name: ''
};

/** Validate the form and build the request; throws `FieldError`. */
export function buildScriptJobRequest(values: IJobFormValues): ScriptJobRequest {
  const script = values.script.trim();
  if (!script) {
    throw new FieldError('script', 'Script path is required');
  }
  const request: ScriptJobRequest = {
    script,
    arguments: splitArguments(values.arguments),
    environment: parseEnvironment(values.environment)
  };
  const runtime = values.max_runtime_seconds.trim();
  if (runtime) {
    if (!/^\d+$/.test(runtime) || Number(runtime) < 1) {
      throw new FieldError(
        'max_runtime_seconds',
        'Max runtime must be a whole number of seconds ≥ 1'
      );
    }
    request.stopping_condition = { max_runtime_seconds: Number(runtime) };
  }
  const name = values.job_name.trim();
  if (name) {
    request.job_name = name;
  }
  const experimentError = experimentFieldError(values);
  if (experimentError) {
    throw new FieldError(experimentError.field, experimentError.message);
  }
  const experiment = experimentConfig(values);
  if (experiment) {
    request.experiment_config = experiment;
  }
  return request;
}

/** Quote an argument so that `splitArguments` reads it back as one word. */
export function quoteArgument(arg: string): string {
  if (arg && !/[\s'"\\]/.test(arg)) {
    return arg;
  }
  return `'${arg.replace(/'/g, `'"'"'`)}'`;
}

/** The recorded request of a script job, as far as the form knows its fields. */
interface IScriptConfig {
  script?: unknown;
  arguments?: unknown;
  environment?: unknown;
  stopping_condition?: { max_runtime_seconds?: unknown } | null;
  experiment_config?: ScriptJobRequest['experiment_config'];
}

/**
 * Form values that repeat a script job ("Clone into a new job"): its recorded request. The job
 * name is left empty (a new one is generated).
 */
export function formFromJob(job: Pick<Job, 'config'>): IJobFormValues {
  const config = job.config as IScriptConfig;
  const args = Array.isArray(config.arguments) ? config.arguments.map(String) : [];
  const env =
    config.environment && typeof config.environment === 'object'
      ? Object.entries(config.environment as Record<string, unknown>)
      : [];
  const runtime = config.stopping_condition?.max_runtime_seconds;
  return {
    ...EMPTY_FORM,
    script: typeof config.script === 'string' ? config.script : '',
    arguments: args.map(quoteArgument).join(' '),
    environment: env.map(([k, v]) => `${k}=${String(v)}`).join('\n'),
    max_runtime_seconds: typeof runtime === 'number' ? String(runtime) : '',
    ...experimentFields(config.experiment_config ?? job.config.tracking?.experiment_config)
  };
}

/** Map a server field path (`stopping_condition.max_runtime_seconds`, `arguments.2`) to a form field. */
export function formFieldFor(field: string | null | undefined): keyof IJobFormValues | null {
  if (!field) {
    return null;
  }
  const experiment = experimentFieldFor(field);
  if (experiment) {
    return experiment;
  }
  const path = field.replace(/^body\./, '').split('.');
  if (path[0] === 'stopping_condition') {
    return 'max_runtime_seconds';
  }
  return (Object.keys(EMPTY_FORM) as (keyof IJobFormValues)[]).find(k => k === path[0]) ?? null;
}
