import type { Endpoint, ProductionVariantSummary } from '../../core/generated/models';
import { linkTarget, OPEN_COMMANDS } from '../../core/links';
import type { EndpointsApi } from '../api';
import { trafficSplit } from '../EndpointsList';
import {
  editsFrom,
  invocationInit,
  prettyBody,
  TARGET_VARIANT_HEADER,
  validateEdits,
  weightsRequest
} from '../logic';
import { EndpointsModel } from '../model';

function variant(name: string, weight: number, count: number): ProductionVariantSummary {
  return {
    VariantName: name,
    ModelName: `m-${name}`,
    CurrentWeight: weight,
    DesiredWeight: weight,
    CurrentInstanceCount: count,
    DesiredInstanceCount: count
  };
}

const VARIANTS = [variant('blue', 70, 1), variant('green', 30, 2)];

function endpoint(patch: Partial<Endpoint> = {}): Endpoint {
  return {
    EndpointName: 'ep',
    EndpointArn: 'arn:ep',
    EndpointConfigName: 'cfg',
    EndpointStatus: 'InService',
    FailureReason: null,
    ProductionVariants: VARIANTS,
    CreationTime: '2026-12-01T08:00:00Z',
    LastModifiedTime: '2026-12-01T08:00:00Z',
    Owner: 'me',
    ...patch
  };
}

describe('weights and capacities', () => {
  it('start from the desired values and send only what changed', () => {
    const edits = editsFrom(VARIANTS);
    expect(edits).toEqual({
      blue: { weight: '70', count: '1' },
      green: { weight: '30', count: '2' }
    });
    expect(weightsRequest(VARIANTS, edits)).toEqual([]);
    edits.green = { weight: '50', count: '2' };
    edits.blue = { weight: '70', count: '3' };
    expect(weightsRequest(VARIANTS, edits)).toEqual([
      { VariantName: 'blue', DesiredInstanceCount: 3 },
      { VariantName: 'green', DesiredWeight: 50 }
    ]);
  });

  it('refuse bad weights and counts', () => {
    const edits = editsFrom(VARIANTS);
    expect(validateEdits(VARIANTS, edits)).toBeNull();
    expect(validateEdits(VARIANTS, { ...edits, blue: { weight: '-1', count: '1' } })).toMatch(
      /blue: the weight/
    );
    expect(validateEdits(VARIANTS, { ...edits, blue: { weight: '', count: '1' } })).toMatch(
      /blue: the weight/
    );
    expect(validateEdits(VARIANTS, { ...edits, green: { weight: '1', count: '1.5' } })).toMatch(
      /green: the instance count/
    );
    expect(validateEdits(VARIANTS, { ...edits, green: { weight: '1', count: '0' } })).toMatch(
      /green: the instance count/
    );
    expect(
      validateEdits(VARIANTS, {
        blue: { weight: '0', count: '1' },
        green: { weight: '0', count: '1' }
      })
    ).toMatch(/weight above 0/);
    expect(validateEdits(VARIANTS, { ...edits, blue: { weight: '0.5', count: '1' } })).toBeNull();
  });
});

describe('invocations', () => {
  it('build the request, with the target variant when one is chosen', () => {
    expect(invocationInit('1,2', 'text/csv')).toEqual({
      method: 'POST',
      body: '1,2',
      headers: { 'Content-Type': 'text/csv', Accept: 'application/json' }
    });
    expect(invocationInit('[1]', 'application/json', 'green').headers).toEqual({
      'Content-Type': 'application/json',
      Accept: 'application/json',
      [TARGET_VARIANT_HEADER]: 'green'
    });
  });

  it('indent JSON answers and keep the others', () => {
    expect(prettyBody('[1,2]', 'application/json')).toBe('[\n  1,\n  2\n]');
    expect(prettyBody('not json', 'application/json')).toBe('not json');
    expect(prettyBody('1\n2', 'text/csv')).toBe('1\n2');
  });
});

describe('the room', () => {
  it('links endpoints to their page', () => {
    expect(linkTarget({ kind: 'endpoint', name: 'ep' })).toEqual({
      command: OPEN_COMMANDS.endpoints,
      args: { endpoint_name: 'ep' }
    });
    expect(OPEN_COMMANDS.endpoints).toBe('smstudio:endpoints-open');
  });

  it('shows the traffic split', () => {
    expect(trafficSplit(endpoint())).toBe('blue 70%, green 30%');
  });

  it('applies edits and shows the server refusal', async () => {
    const update = jest
      .fn()
      .mockRejectedValueOnce(new Error('DesiredInstanceCount: at most 4'))
      .mockResolvedValueOnce(
        endpoint({ ProductionVariants: [variant('blue', 70, 1), variant('green', 50, 2)] })
      );
    const api = {
      listEndpoints: jest.fn().mockResolvedValue({ Endpoints: [endpoint()], Total: 1 }),
      describeEndpoint: jest.fn().mockResolvedValue(endpoint()),
      describeEndpointConfig: jest.fn().mockResolvedValue({
        EndpointConfigName: 'cfg',
        EndpointConfigArn: 'arn:cfg',
        ProductionVariants: [],
        CreationTime: '',
        Owner: 'me'
      }),
      describeModel: jest.fn().mockRejectedValue(new Error('gone')),
      updateWeightsAndCapacities: update
    } as unknown as EndpointsApi;
    const model = new EndpointsModel({ api, pollInterval: 100000 });
    model.select('ep');
    await model.refresh();
    expect(model.selected?.EndpointName).toBe('ep');
    model.setEdit('green', 'count', '9');
    expect(model.dirty).toBe(true);
    await model.applyEdits();
    expect(model.editError).toBe('DesiredInstanceCount: at most 4');
    model.setEdit('green', 'count', '2');
    model.setEdit('green', 'weight', '50');
    await model.applyEdits();
    expect(update).toHaveBeenLastCalledWith('ep', [{ VariantName: 'green', DesiredWeight: 50 }]);
    expect(model.editError).toBeNull();
    model.setEdit('blue', 'weight', 'x');
    await model.applyEdits();
    expect(model.editError).toMatch(/blue: the weight/);
    expect(update).toHaveBeenCalledTimes(2);
    model.dispose();
  });
});
