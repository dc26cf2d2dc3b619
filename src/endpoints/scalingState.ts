/**
 * The open endpoint's autoscaling: each variant's target and policy, the scaling activities,
 * and the editor of one variant's policy (its fields, its problem, saving). Read with the
 * endpoint on each poll; owned by the room's model, which re-renders when it changes.
 */
import { ApiError } from '../core/api';
import { message } from '../core/errors';
import type { Endpoint, ScalingActivity } from '../core/generated/models';
import type { EndpointsApi } from './api';
import {
  IScalingForm,
  IScalingProblem,
  IVariantScaling,
  policyName,
  resourceId,
  scalingFieldOf,
  scalingForm,
  scalingRequests,
  validateScaling
} from './scaling';

export class EndpointScaling {
  constructor(
    private readonly _api: EndpointsApi,
    private readonly _emit: () => void
  ) {}

  /** False where the server has no autoscaling (the page leaves the section out). */
  get available(): boolean {
    return this._available;
  }
  get loaded(): boolean {
    return this._loaded;
  }
  get error(): string | null {
    return this._error;
  }
  variant(name: string): IVariantScaling | undefined {
    return this._variants[name];
  }
  /** The endpoint's activities, newest first. */
  get activities(): ReadonlyArray<ScalingActivity> {
    return this._activities;
  }
  /** The variant whose policy is being edited, or null. */
  get editing(): string | null {
    return this._editing;
  }
  get form(): IScalingForm | null {
    return this._form;
  }
  get problem(): IScalingProblem | null {
    return this._problem;
  }
  get saving(): boolean {
    return this._saving;
  }

  /** Forget the last endpoint's scaling (another endpoint's page opens). */
  clear(): void {
    this._generation++;
    this._variants = {};
    this._activities = [];
    this._loaded = false;
    this._error = null;
    this.cancel();
  }

  /** Read each variant's target, policy and activities. */
  async load(endpoint: Endpoint): Promise<void> {
    if (!this._available) {
      return;
    }
    const generation = this._generation;
    const ids = endpoint.ProductionVariants.map(v => ({
      variant: v.VariantName,
      id: resourceId(endpoint.EndpointName, v.VariantName)
    }));
    try {
      const targets = await this._api.scalableTargets(ids.map(i => i.id));
      const perVariant = await Promise.all(
        ids.map(async ({ variant, id }) => {
          const [policies, activities] = await Promise.all([
            this._api.scalingPolicies(id),
            this._api.scalingActivities(id)
          ]);
          return { variant, id, policies, activities };
        })
      );
      if (generation !== this._generation) {
        return; // another endpoint's page opened meanwhile
      }
      const variants: Record<string, IVariantScaling> = {};
      for (const { variant, id, policies } of perVariant) {
        variants[variant] = {
          target: targets.ScalableTargets.find(t => t.ResourceId === id) ?? null,
          policy: policies.ScalingPolicies[0] ?? null
        };
      }
      this._variants = variants;
      this._activities = ([] as ScalingActivity[])
        .concat(...perVariant.map(p => p.activities.ScalingActivities))
        .sort((a, b) => b.StartTime.localeCompare(a.StartTime));
      this._loaded = true;
      this._error = null;
    } catch (reason) {
      if (reason instanceof ApiError && reason.status === 404) {
        // a server without the autoscaling routes
        this._available = false;
      } else {
        this._error = message(reason);
      }
    }
  }

  /** Open the editor of a variant's policy, with its values (or defaults). */
  edit(variant: string, instanceCount: number): void {
    this._editing = variant;
    this._form = scalingForm(this._variants[variant], instanceCount);
    this._problem = null;
    this._emit();
  }

  setField(field: keyof IScalingForm, value: string): void {
    if (this._form) {
      this._form = { ...this._form, [field]: value };
      this._problem = null;
      this._emit();
    }
  }

  cancel(): void {
    this._editing = null;
    this._form = null;
    this._problem = null;
    this._saving = false;
    this._emit();
  }

  /** Register the variant's target and put its policy; the problem is shown on its field. */
  async save(endpoint: Endpoint): Promise<void> {
    const variant = this._editing;
    const form = this._form;
    if (!variant || !form || this._saving) {
      return;
    }
    const problem = validateScaling(form);
    if (problem) {
      this._problem = problem;
      this._emit();
      return;
    }
    const requests = scalingRequests(endpoint.EndpointName, variant, form);
    this._saving = true;
    this._emit();
    try {
      await this._api.registerScalableTarget(requests.target);
      await this._api.putScalingPolicy(requests.policy);
      this._editing = null;
      this._form = null;
      this._problem = null;
    } catch (reason) {
      const field = (reason as { field?: string | null }).field;
      this._problem = { field: scalingFieldOf(field), message: message(reason) };
    }
    this._saving = false;
    await this.load(endpoint);
    this._emit();
  }

  /** Stop scaling a variant: delete its policy, then deregister its target (as AWS requires). */
  async remove(endpoint: Endpoint, variant: string): Promise<void> {
    const id = resourceId(endpoint.EndpointName, variant);
    const scaling = this._variants[variant];
    try {
      if (scaling?.policy) {
        await this._api.deleteScalingPolicy(scaling.policy.PolicyName ?? policyName(variant), id);
      }
      if (scaling?.target) {
        await this._api.deregisterScalableTarget(id);
      }
      this._error = null;
    } catch (reason) {
      this._error = message(reason);
    }
    await this.load(endpoint);
    this._emit();
  }

  private _generation = 0;
  private _available = true;
  private _loaded = false;
  private _error: string | null = null;
  private _variants: Record<string, IVariantScaling> = {};
  private _activities: ScalingActivity[] = [];
  private _editing: string | null = null;
  private _form: IScalingForm | null = null;
  private _problem: IScalingProblem | null = null;
  private _saving = false;
}
