/**
 * REST calls of the Debugger room (a training job's rules and tensors), through the core API client.
 * A tensor's name travels in the query: PyTorch's gradient names hold a slash.
 */
import { route, StudioApi } from '../core/api';
import type {
  DebuggerLosses,
  DebuggerTensors,
  GradientHeatmap,
  RuleEvaluations,
  TensorHistogram,
  TensorStatistics
} from '../core/generated/models';

export interface ITensorFilter {
  collection?: string;
  regex?: string;
}

export class DebuggerApi extends StudioApi {
  rules(job: string): Promise<RuleEvaluations> {
    return this._get(route`debugger/training-jobs/${job}/rules`);
  }

  tensors(job: string, filter: ITensorFilter = {}): Promise<DebuggerTensors> {
    return this._get(route`debugger/training-jobs/${job}/tensors`, { ...filter });
  }

  statistics(job: string, tensorName: string): Promise<TensorStatistics> {
    return this._get(route`debugger/training-jobs/${job}/tensor-statistics`, {
      tensor_name: tensorName
    });
  }

  /** The histogram at a global step; the latest saved one without `step`. */
  histogram(job: string, tensorName: string, step?: number | null): Promise<TensorHistogram> {
    return this._get(route`debugger/training-jobs/${job}/tensor-histogram`, {
      tensor_name: tensorName,
      step
    });
  }

  losses(job: string): Promise<DebuggerLosses> {
    return this._get(route`debugger/training-jobs/${job}/losses`);
  }

  gradients(job: string, reduction = 'l2'): Promise<GradientHeatmap> {
    return this._get(route`debugger/training-jobs/${job}/gradients`, { reduction });
  }
}
