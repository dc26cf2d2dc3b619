/**
 * A variant's autoscaling as Application Auto Scaling names it, in pure functions: the variant's
 * ResourceId, the editor's fields (min/max capacity, target invocations per instance and
 * minute, cooldowns), their checks, and the register-target and put-policy requests they make.
 */
import type {
  PutScalingPolicyRequest,
  RegisterScalableTargetRequest,
  ScalableTarget,
  ScalingPolicy
} from '../core/generated/models';

export const NAMESPACE = 'sagemaker';
export const DIMENSION = 'sagemaker:variant:DesiredInstanceCount';
export const METRIC = 'SageMakerVariantInvocationsPerInstance';
/** Variants scale up to this many instances (the server's bound of a variant). */
export const MAX_CAPACITY = 16;

/** `endpoint/<endpoint>/variant/<variant>`: what a policy scales. */
export function resourceId(endpoint: string, variant: string): string {
  return `endpoint/${endpoint}/variant/${variant}`;
}

/** The policy the editor writes, one per variant (the name the AWS console gives it). */
export function policyName(variant: string): string {
  return `${variant}-invocations-per-instance`;
}

/** A variant's scaling as read: its target and target-tracking policy, when it has them. */
export interface IVariantScaling {
  target: ScalableTarget | null;
  policy: ScalingPolicy | null;
}

/** The editor's fields, as typed. */
export interface IScalingForm {
  min: string;
  max: string;
  target: string;
  scaleOut: string;
  scaleIn: string;
}

export type ScalingField = keyof IScalingForm;

export interface IScalingProblem {
  field: ScalingField | null;
  message: string;
}

/** The fields of a variant's scaling as it is, or AWS's defaults for a variant without. */
export function scalingForm(scaling: IVariantScaling | undefined, count: number): IScalingForm {
  const tracking = scaling?.policy?.TargetTrackingScalingPolicyConfiguration;
  return {
    min: String(scaling?.target?.MinCapacity ?? Math.max(1, count)),
    max: String(scaling?.target?.MaxCapacity ?? Math.min(MAX_CAPACITY, Math.max(2, count * 2))),
    target: String(tracking?.TargetValue ?? 100),
    scaleOut: String(tracking?.ScaleOutCooldown ?? 300),
    scaleIn: String(tracking?.ScaleInCooldown ?? 300)
  };
}

function wholeNumber(text: string, low: number, high: number): number | null {
  const n = Number(text);
  return text.trim() !== '' && Number.isInteger(n) && n >= low && n <= high ? n : null;
}

/** What is wrong with the fields, naming the field (null: nothing); the server checks again. */
export function validateScaling(form: IScalingForm): IScalingProblem | null {
  const min = wholeNumber(form.min, 1, MAX_CAPACITY);
  if (min === null) {
    return {
      field: 'min',
      message: `Min capacity: a whole number from 1 to ${MAX_CAPACITY}.`
    };
  }
  const max = wholeNumber(form.max, 1, MAX_CAPACITY);
  if (max === null) {
    return {
      field: 'max',
      message: `Max capacity: a whole number from 1 to ${MAX_CAPACITY}.`
    };
  }
  if (min > max) {
    return { field: 'max', message: 'Max capacity must be at least the min capacity.' };
  }
  const target = Number(form.target);
  if (form.target.trim() === '' || !Number.isFinite(target) || target <= 0) {
    return {
      field: 'target',
      message: 'Target: invocations per instance and minute, a number above 0.'
    };
  }
  for (const field of ['scaleOut', 'scaleIn'] as const) {
    if (wholeNumber(form[field], 0, 86400) === null) {
      return {
        field,
        message: `${field === 'scaleOut' ? 'Scale-out' : 'Scale-in'} cooldown: whole seconds from 0 to 86400.`
      };
    }
  }
  return null;
}

/** The two requests that give a variant this scaling: register its target, put its policy. */
export function scalingRequests(
  endpoint: string,
  variant: string,
  form: IScalingForm
): { target: RegisterScalableTargetRequest; policy: PutScalingPolicyRequest } {
  const id = resourceId(endpoint, variant);
  return {
    target: {
      ServiceNamespace: NAMESPACE,
      ResourceId: id,
      ScalableDimension: DIMENSION,
      MinCapacity: Number(form.min),
      MaxCapacity: Number(form.max)
    },
    policy: {
      PolicyName: policyName(variant),
      ServiceNamespace: NAMESPACE,
      ResourceId: id,
      ScalableDimension: DIMENSION,
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingScalingPolicyConfiguration: {
        TargetValue: Number(form.target),
        PredefinedMetricSpecification: { PredefinedMetricType: METRIC },
        ScaleOutCooldown: Number(form.scaleOut),
        ScaleInCooldown: Number(form.scaleIn)
      }
    }
  };
}

/** The editor's field a server error names (`TargetTrackingScalingPolicyConfiguration.TargetValue`). */
export function scalingFieldOf(serverField: string | null | undefined): ScalingField | null {
  const last = (serverField ?? '').split('.').pop() ?? '';
  const fields: Record<string, ScalingField> = {
    MinCapacity: 'min',
    MaxCapacity: 'max',
    TargetValue: 'target',
    ScaleOutCooldown: 'scaleOut',
    ScaleInCooldown: 'scaleIn'
  };
  return fields[last] ?? null;
}

/** `1–4 instances, 100 invocations/instance/min, cooldowns 300 s out, 300 s in`. */
export function scalingSummary(scaling: IVariantScaling | undefined): string {
  const target = scaling?.target;
  if (!target) {
    return 'off';
  }
  const range = `${target.MinCapacity}–${target.MaxCapacity} instances`;
  const tracking = scaling?.policy?.TargetTrackingScalingPolicyConfiguration;
  if (!tracking) {
    return `${range}, no policy`;
  }
  return (
    `${range}, target ${tracking.TargetValue} invocations per instance per minute, ` +
    `cooldowns ${tracking.ScaleOutCooldown ?? 300} s out, ${tracking.ScaleInCooldown ?? 300} s in`
  );
}

/** The variant an activity's ResourceId names. */
export function activityVariant(id: string): string {
  const match = /\/variant\/([^/]+)$/.exec(id);
  return match ? match[1] : id;
}
