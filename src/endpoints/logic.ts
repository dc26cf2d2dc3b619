/**
 * The Endpoints room's pure logic: the weight/instance-count edits of an endpoint's production
 * variants (checked, then sent through `weights-and-capacities`) and the test panel's request
 * to the invocations route.
 */
import type { DesiredWeightAndCapacity, ProductionVariantSummary } from '../core/generated/models';

/** The text in a variant's weight and instance-count fields. */
export interface IVariantEdit {
  weight: string;
  count: string;
}

/** The fields as the variants are now (their desired weight and count). */
export function editsFrom(
  variants: ReadonlyArray<ProductionVariantSummary>
): Record<string, IVariantEdit> {
  const edits: Record<string, IVariantEdit> = {};
  for (const v of variants) {
    edits[v.VariantName] = {
      weight: String(v.DesiredWeight),
      count: String(v.DesiredInstanceCount)
    };
  }
  return edits;
}

/** What is wrong with the edits (null: nothing); the server checks again and has the last word. */
export function validateEdits(
  variants: ReadonlyArray<ProductionVariantSummary>,
  edits: Record<string, IVariantEdit>
): string | null {
  let total = 0;
  for (const v of variants) {
    const edit = edits[v.VariantName];
    if (!edit) {
      continue;
    }
    const weight = Number(edit.weight);
    if (edit.weight.trim() === '' || !Number.isFinite(weight) || weight < 0) {
      return `${v.VariantName}: the weight must be a number of 0 or more.`;
    }
    const count = Number(edit.count);
    if (edit.count.trim() === '' || !Number.isInteger(count) || count < 1) {
      return `${v.VariantName}: the instance count must be a whole number of 1 or more.`;
    }
    total += weight;
  }
  if (variants.length > 0 && total <= 0) {
    return 'At least one variant needs a weight above 0.';
  }
  return null;
}

/** The changed variants, as `DesiredWeightsAndCapacities` (empty: nothing changed). */
export function weightsRequest(
  variants: ReadonlyArray<ProductionVariantSummary>,
  edits: Record<string, IVariantEdit>
): DesiredWeightAndCapacity[] {
  const changes: DesiredWeightAndCapacity[] = [];
  for (const v of variants) {
    const edit = edits[v.VariantName];
    if (!edit) {
      continue;
    }
    const weight = Number(edit.weight);
    const count = Number(edit.count);
    const change: DesiredWeightAndCapacity = { VariantName: v.VariantName };
    if (weight !== v.DesiredWeight) {
      change.DesiredWeight = weight;
    }
    if (count !== v.DesiredInstanceCount) {
      change.DesiredInstanceCount = count;
    }
    if (change.DesiredWeight !== undefined || change.DesiredInstanceCount !== undefined) {
      changes.push(change);
    }
  }
  return changes;
}

/** Content types the test panel sends. */
export const CONTENT_TYPES = ['application/json', 'text/csv'] as const;
export type ContentType = (typeof CONTENT_TYPES)[number];

/** The request header naming the variant to invoke, and the answer's header naming the one that answered. */
export const TARGET_VARIANT_HEADER = 'X-Amzn-SageMaker-Target-Variant';
export const INVOKED_VARIANT_HEADER = 'X-Amzn-Invoked-Production-Variant';

/** The test panel's request to `endpoints/{name}/invocations`. */
export function invocationInit(
  body: string,
  contentType: ContentType,
  targetVariant = ''
): RequestInit & { headers: Record<string, string> } {
  const headers: Record<string, string> = {
    'Content-Type': contentType,
    Accept: 'application/json'
  };
  if (targetVariant) {
    headers[TARGET_VARIANT_HEADER] = targetVariant;
  }
  return { method: 'POST', body, headers };
}

/** What the test panel shows of an invocation's answer. */
export interface IInvocationResult {
  status: number;
  variant: string | null;
  contentType: string | null;
  body: string;
}

/** A JSON body indented for reading; any other body as it came. */
export function prettyBody(body: string, contentType: string | null): string {
  if (contentType?.includes('json')) {
    try {
      return JSON.stringify(JSON.parse(body), null, 2);
    } catch {
      return body;
    }
  }
  return body;
}
