import type { Event } from '@jupyterlab/services';
import type { ISettingRegistry } from '@jupyterlab/settingregistry';

import { JOB_STATUS_EVENT_SCHEMA, TRIAL_COMPONENT_EVENT_SCHEMA } from '../../tokens';
import { route, withQuery } from '../api';
import { isJobStatusEvent, isTrialComponentEvent } from '../events';
import { Loaded } from '../loaded';
import { numberSettings } from '../settings';

describe('routes', () => {
  it('encodes interpolated segments only', () => {
    expect(route`jobs/${'a b/c'}/stop`).toBe('jobs/a%20b%2Fc/stop');
    expect(withQuery(route`jobs/${'x'}/logs`, { offset: 0, empty: '' })).toBe(
      'jobs/x/logs?offset=0'
    );
  });
});

describe('event guards', () => {
  const status: Event.Emission = {
    schema_id: JOB_STATUS_EVENT_SCHEMA,
    job_name: 'j',
    job_kind: 'script',
    owner: 'me',
    status: 'Completed'
  };

  it('accept the payloads of their schema', () => {
    expect(isJobStatusEvent(status)).toBe(true);
    expect(
      isTrialComponentEvent({
        schema_id: TRIAL_COMPONENT_EVENT_SCHEMA,
        trial_component_name: 'c',
        owner: 'me',
        change: 'metrics'
      })
    ).toBe(true);
  });

  it('refuse other schemas and malformed payloads', () => {
    expect(isJobStatusEvent({ ...status, schema_id: TRIAL_COMPONENT_EVENT_SCHEMA })).toBe(false);
    expect(isJobStatusEvent({ ...status, status: 'Sleeping' })).toBe(false);
    expect(isJobStatusEvent({ ...status, job_name: 3 })).toBe(false);
    expect(
      isTrialComponentEvent({
        schema_id: TRIAL_COMPONENT_EVENT_SCHEMA,
        trial_component_name: 'c',
        owner: 'me',
        change: 'renamed'
      })
    ).toBe(false);
  });
});

describe('Loaded', () => {
  it('keeps the answer of the latest read only', async () => {
    const changed = jest.fn();
    const loaded = new Loaded<string>('', changed);
    let answerFirst: (value: string) => void = () => undefined;
    const first = loaded.load(() => new Promise<string>(resolve => (answerFirst = resolve)));
    await loaded.load(async () => 'second');
    answerFirst('first');
    await first;
    expect(loaded.value).toBe('second');
    expect(changed).toHaveBeenCalledTimes(1);
    await loaded.load(async () => {
      throw new Error('away');
    });
    expect(loaded.value).toBe('second');
    expect(loaded.error).toBe('away');
    loaded.reset();
    expect(loaded.value).toBe('');
    expect(loaded.error).toBeNull();
  });
});

describe('room settings', () => {
  it('are read from the registry, the schema defaults included', () => {
    const settings = {
      composite: { pollInterval: 5000, other: 'x' }
    } as unknown as ISettingRegistry.ISettings;
    expect(numberSettings(settings, ['pollInterval', 'logInterval'])).toEqual({
      pollInterval: 5000
    });
    expect(numberSettings(null, ['pollInterval'])).toEqual({});
  });
});
