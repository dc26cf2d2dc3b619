import { ServerConnection } from '@jupyterlab/services';

import { JOB_STATUS_EVENT_SCHEMA, StudioEvent, TRIAL_COMPONENT_EVENT_SCHEMA } from '../../tokens';
import { isJobStatusEvent } from '../events';
import { LiveUpdates } from '../live';
import { eventsUrl, parseFrame, StudioEvents, xsrfCookie } from '../studioEvents';

/** A WebSocket stand-in: the test opens, feeds and drops it. */
class FakeSocket {
  constructor(readonly url: string) {}

  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  onclose: ((event: unknown) => void) | null = null;
  closed = false;

  close(): void {
    this.closed = true;
  }

  open(): void {
    this.onopen?.({});
  }

  receive(data: unknown): void {
    this.onmessage?.({ data });
  }

  /** The server or the network closed it (an error comes first, then close). */
  drop(): void {
    this.onerror?.({});
    this.onclose?.({ code: 1006 });
  }
}

const STATUS = {
  schema_id: JOB_STATUS_EVENT_SCHEMA,
  version: '2',
  job_name: 'j1',
  job_kind: 'script',
  owner: 'me',
  status: 'Completed'
};

const settings = ServerConnection.makeSettings({
  baseUrl: 'http://localhost:8888/lab-base/',
  wsUrl: 'ws://localhost:8888/lab-base/',
  token: 's3cret/+=',
  appendToken: true
});

describe('parseFrame', () => {
  it('reads a JSON object with a schema id, payload included', () => {
    expect(parseFrame(JSON.stringify(STATUS))).toEqual(STATUS);
    const trial = { schema_id: TRIAL_COMPONENT_EVENT_SCHEMA, trial_component_name: 'c' };
    expect(parseFrame(JSON.stringify(trial))).toEqual(trial);
  });

  it('refuses what is not an event', () => {
    for (const data of [
      '',
      'not json',
      '{"schema_id":',
      'null',
      '3',
      '"text"',
      '[{"schema_id":"x"}]',
      '{}',
      '{"schema_id":""}',
      '{"schema_id":3}',
      '{"schema_id":null}',
      JSON.stringify({ ...STATUS, version: 2 }),
      JSON.stringify({ ...STATUS, version: null })
    ]) {
      expect(parseFrame(data)).toBeNull();
    }
  });

  it('refuses binary frames and other non-text data', () => {
    expect(parseFrame(new ArrayBuffer(4))).toBeNull();
    expect(parseFrame(new Blob(['{"schema_id":"x"}']))).toBeNull();
    expect(parseFrame(undefined)).toBeNull();
    expect(parseFrame({ schema_id: 'x' })).toBeNull();
  });

  it('leaves the payload to the rooms: a frame without a failure reason is a job-status event', () => {
    const event = parseFrame(JSON.stringify(STATUS)) as StudioEvent;
    expect(isJobStatusEvent(event)).toBe(true);
    const malformed = parseFrame(JSON.stringify({ ...STATUS, status: 'Sleeping' })) as StudioEvent;
    expect(malformed).not.toBeNull();
    expect(isJobStatusEvent(malformed)).toBe(false);
  });
});

describe('eventsUrl', () => {
  it('is smstudio/api/events below wsUrl, with the token when the settings append it', () => {
    expect(eventsUrl(settings)).toBe(
      'ws://localhost:8888/lab-base/smstudio/api/events?token=s3cret%2F%2B%3D'
    );
  });

  it('sends no token when the settings do not append it, and _xsrf when there is one', () => {
    const sameOrigin = ServerConnection.makeSettings({
      baseUrl: 'http://localhost:8888/',
      wsUrl: 'ws://localhost:8888/',
      token: 'secret',
      appendToken: false
    });
    expect(eventsUrl(sameOrigin)).toBe('ws://localhost:8888/smstudio/api/events');
    expect(eventsUrl(sameOrigin, '2|ab:cd|ef')).toBe(
      'ws://localhost:8888/smstudio/api/events?_xsrf=2%7Cab%3Acd%7Cef'
    );
    expect(eventsUrl(settings, 'x')).toBe(
      'ws://localhost:8888/lab-base/smstudio/api/events?token=s3cret%2F%2B%3D&_xsrf=x'
    );
    const noToken = ServerConnection.makeSettings({
      baseUrl: 'http://h/',
      wsUrl: 'wss://h/',
      token: '',
      appendToken: true
    });
    expect(eventsUrl(noToken)).toBe('wss://h/smstudio/api/events');
  });

  it('reads the last _xsrf cookie', () => {
    document.cookie = '_xsrf=first; path=/';
    expect(xsrfCookie()).toBe('first');
    document.cookie = '_xsrf=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
    expect(xsrfCookie()).toBeUndefined();
  });
});

describe('StudioEvents', () => {
  let sockets: FakeSocket[];
  let events: StudioEvents;
  const latest = (): FakeSocket => sockets[sockets.length - 1];

  function start(options: Partial<StudioEvents.IOptions> = {}): StudioEvents {
    events = new StudioEvents({
      serverSettings: settings,
      createSocket: url => {
        const socket = new FakeSocket(url);
        sockets.push(socket);
        return socket as unknown as WebSocket;
      },
      xsrf: () => 'xs',
      random: () => 1, // no jitter: the delays are the bare backoff
      ...options
    });
    return events;
  }

  beforeEach(() => {
    jest.useFakeTimers();
    sockets = [];
  });

  afterEach(() => {
    events?.dispose();
    jest.useRealTimers();
  });

  it('opens one socket on the events URL, with the token and _xsrf', () => {
    start();
    expect(sockets).toHaveLength(1);
    expect(latest().url).toBe(
      'ws://localhost:8888/lab-base/smstudio/api/events?token=s3cret%2F%2B%3D&_xsrf=xs'
    );
  });

  it('emits each valid frame on the stream and drops the others', () => {
    start();
    const seen: StudioEvent[] = [];
    events.stream.connect((_, event) => seen.push(event));
    latest().open();
    latest().receive(JSON.stringify(STATUS));
    latest().receive('garbage');
    latest().receive(JSON.stringify([STATUS]));
    latest().receive(JSON.stringify({ job_name: 'no schema' }));
    latest().receive(new ArrayBuffer(2));
    latest().receive(JSON.stringify({ schema_id: TRIAL_COMPONENT_EVENT_SCHEMA, version: '2' }));
    expect(seen).toEqual([STATUS, { schema_id: TRIAL_COMPONENT_EVENT_SCHEMA, version: '2' }]);
  });

  it('tells when it is connected', () => {
    start();
    const changes: boolean[] = [];
    events.connectionChanged.connect((_, connected) => changes.push(connected));
    expect(events.isConnected).toBe(false);
    latest().open();
    expect(events.isConnected).toBe(true);
    latest().drop();
    expect(events.isConnected).toBe(false);
    expect(changes).toEqual([true, false]);
  });

  it('reconnects with exponential backoff up to the longest wait', () => {
    start({ minDelay: 1000, maxDelay: 5000 });
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      latest().drop(); // refused: never opened
      waits.push(events.nextDelay as number);
      jest.advanceTimersByTime(events.nextDelay as number);
    }
    expect(waits).toEqual([1000, 2000, 4000, 5000, 5000]);
    expect(sockets).toHaveLength(6);
  });

  it('waits exactly its delay, never sooner', () => {
    start({ minDelay: 1000 });
    latest().drop();
    jest.advanceTimersByTime(999);
    expect(sockets).toHaveLength(1);
    jest.advanceTimersByTime(1);
    expect(sockets).toHaveLength(2);
    expect(events.nextDelay).toBeNull();
  });

  it('jitters each wait between half and all of the backoff', () => {
    let random = 0;
    start({ minDelay: 1000, random: () => random });
    latest().drop();
    expect(events.nextDelay).toBe(500);
    jest.advanceTimersByTime(500);
    random = 0.5;
    latest().drop();
    expect(events.nextDelay).toBe(1500); // 2000 * 0.75
  });

  it('starts the backoff over after a socket that stayed open', () => {
    start({ minDelay: 1000, stableAfter: 5000 });
    latest().drop();
    jest.advanceTimersByTime(1000);
    latest().drop();
    expect(events.nextDelay).toBe(2000);
    jest.advanceTimersByTime(2000);
    latest().open();
    jest.advanceTimersByTime(60000);
    latest().drop();
    expect(events.nextDelay).toBe(1000);
  });

  it('counts a socket dropped right after opening as a failure', () => {
    start({ minDelay: 1000, stableAfter: 5000 });
    for (const expected of [1000, 2000, 4000]) {
      latest().open();
      jest.advanceTimersByTime(100);
      latest().drop();
      expect(events.nextDelay).toBe(expected);
      jest.advanceTimersByTime(expected);
    }
  });

  it('tries again later when a socket cannot even be created', () => {
    let fail = true;
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    events = new StudioEvents({
      serverSettings: settings,
      createSocket: url => {
        if (fail) {
          throw new Error('SecurityError');
        }
        const socket = new FakeSocket(url);
        sockets.push(socket);
        return socket as unknown as WebSocket;
      },
      minDelay: 1000,
      random: () => 1
    });
    expect(sockets).toHaveLength(0);
    expect(events.nextDelay).toBe(1000);
    fail = false;
    jest.advanceTimersByTime(1000);
    expect(sockets).toHaveLength(1);
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });

  it('stops for good when disposed: socket closed, no reconnection, no more events', () => {
    start();
    const seen: StudioEvent[] = [];
    events.stream.connect((_, event) => seen.push(event));
    const socket = latest();
    socket.open();
    const changes: boolean[] = [];
    events.connectionChanged.connect((_, connected) => changes.push(connected));
    events.dispose();
    expect(events.isDisposed).toBe(true);
    expect(socket.closed).toBe(true);
    expect(events.isConnected).toBe(false);
    expect(changes).toEqual([false]);
    socket.receive(JSON.stringify(STATUS));
    socket.drop();
    jest.advanceTimersByTime(120000);
    expect(sockets).toHaveLength(1);
    expect(seen).toEqual([]);
    events.dispose(); // twice is fine
  });

  it('cancels a waiting reconnection when disposed', () => {
    start();
    latest().drop();
    events.dispose();
    jest.advanceTimersByTime(120000);
    expect(sockets).toHaveLength(1);
  });

  it('feeds the rooms: LiveUpdates hands on the events of its schemas', () => {
    start();
    const onEvent = jest.fn();
    const live = new LiveUpdates({
      name: 'test',
      events: events.stream,
      schemas: [JOB_STATUS_EVENT_SCHEMA],
      onEvent,
      refresh: async () => undefined,
      interval: 60000
    });
    latest().open();
    latest().receive(JSON.stringify(STATUS));
    latest().receive(JSON.stringify({ schema_id: TRIAL_COMPONENT_EVENT_SCHEMA, version: '2' }));
    expect(onEvent).toHaveBeenCalledTimes(1);
    expect(onEvent).toHaveBeenCalledWith(STATUS);

    // After a reconnection the same room keeps receiving.
    latest().drop();
    jest.advanceTimersByTime(events.nextDelay as number);
    latest().open();
    latest().receive(JSON.stringify({ ...STATUS, job_name: 'j2' }));
    expect(onEvent).toHaveBeenCalledTimes(2);
    live.dispose();
    latest().receive(JSON.stringify(STATUS));
    expect(onEvent).toHaveBeenCalledTimes(2);
  });
});
