import { ServerConnection } from '@jupyterlab/services';

import { ApiError, requestAPI, StudioApi, withQuery } from '../api';

/** The ApiError a promise rejects with. */
async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    return error as ApiError;
  }
  throw new Error('expected a rejection');
}

/** A minimal stand-in for a fetch Response. */
function fakeResponse(status: number, body: string, statusText = ''): Response {
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText,
    text: async () => body
  } as unknown as Response;
}

describe('api client', () => {
  const settings = ServerConnection.makeSettings({ baseUrl: 'http://localhost:8888/lab-base/' });
  let makeRequest: jest.SpyInstance;

  beforeEach(() => {
    makeRequest = jest.spyOn(ServerConnection, 'makeRequest');
  });

  afterEach(() => {
    makeRequest.mockRestore();
  });

  it('requests under smstudio/api and decodes JSON', async () => {
    makeRequest.mockResolvedValue(fakeResponse(200, JSON.stringify({ jobs: [], total: 0 })));
    const api = new StudioApi(settings);
    await expect(api.listJobs({ status: 'InProgress', limit: 5 })).resolves.toEqual({
      jobs: [],
      total: 0
    });
    expect(makeRequest).toHaveBeenCalledWith(
      'http://localhost:8888/lab-base/smstudio/api/jobs?status=InProgress&limit=5',
      {},
      settings
    );
  });

  it('posts bodies as JSON and encodes path segments', async () => {
    makeRequest.mockResolvedValue(fakeResponse(201, '{"job_name":"a b"}'));
    const api = new StudioApi(settings);
    await api.createJob({ script: 'ok.py' });
    expect(makeRequest.mock.calls[0][1]).toEqual({
      method: 'POST',
      body: JSON.stringify({ script: 'ok.py' })
    });
    makeRequest.mockResolvedValue(fakeResponse(200, '{"job_name":"a b"}'));
    await api.stopJob('a b');
    expect(makeRequest.mock.calls[1][0]).toBe(
      'http://localhost:8888/lab-base/smstudio/api/jobs/a%20b/stop'
    );
    await api.getLogs('j1', 42);
    expect(makeRequest.mock.calls[2][0]).toMatch(/jobs\/j1\/logs\?offset=42$/);
  });

  it("throws ApiError with the server's message and field", async () => {
    makeRequest.mockResolvedValue(
      fakeResponse(
        400,
        JSON.stringify({
          message: 'script: file not found: missing.py',
          reason: 'ValidationError',
          field: 'script'
        }),
        'Bad Request'
      )
    );
    const error = await rejection(requestAPI('jobs', { method: 'POST' }, settings));
    expect(error).toBeInstanceOf(ApiError);
    expect(error.message).toBe('script: file not found: missing.py');
    expect(error.status).toBe(400);
    expect(error.reason).toBe('ValidationError');
    expect(error.field).toBe('script');
  });

  it('falls back to the HTTP status when the body is not an ErrorResponse', async () => {
    makeRequest.mockResolvedValue(fakeResponse(404, '<html>Not Found</html>', 'Not Found'));
    const error = await rejection(requestAPI('whoami', {}, settings));
    expect(error).toBeInstanceOf(ApiError);
    expect(error.message).toBe('404 Not Found');
    expect(error.status).toBe(404);
    expect(error.field).toBeNull();
  });

  it('turns network failures into ApiError with status 0', async () => {
    makeRequest.mockRejectedValue(new TypeError('Failed to fetch'));
    const error = await rejection(requestAPI('whoami', {}, settings));
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(0);
    expect(error.message).toMatch(/Failed to fetch/);
  });

  it('rejects invalid JSON answers', async () => {
    makeRequest.mockResolvedValue(fakeResponse(200, 'not json'));
    await expect(requestAPI('whoami', {}, settings)).rejects.toThrow('invalid JSON');
  });

  it('builds query strings without empty values', () => {
    expect(withQuery('jobs', { status: '', limit: 10, kind: undefined })).toBe('jobs?limit=10');
    expect(withQuery('storage', { url: 'file://a b' })).toBe('storage?url=file%3A%2F%2Fa%20b');
  });
});
