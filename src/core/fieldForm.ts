/**
 * What the rooms' "New … job" forms share: build the request (a client-side error names its
 * field), send it, and place a server 400 beside the field its `field` path names.
 */
import { useState } from 'react';

import { ApiError } from './api';

/** An input error that belongs to one field (or row) of a form. */
export interface IFieldErrorLike<T extends string> {
  field: T;
  message: string;
}

export interface IFieldFormOptions<V, T extends string, Req, Res> {
  /** The request from the form's values; throws a field error for what is wrong. */
  build: (values: V) => Req;
  isFieldError: (error: unknown) => error is IFieldErrorLike<T>;
  /** The form target of a server error's `field`, or null (shown above the buttons only). */
  targetFor: (values: V, field: string | null | undefined) => T | null;
  submit: (request: Req) => Promise<Res>;
  onSubmitted?: (result: Res) => void;
}

export function useFieldForm<V, T extends string, Req, Res>(
  options: IFieldFormOptions<V, T, Req, Res>
) {
  const [errors, setErrors] = useState<Partial<Record<T, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const send = async (values: V): Promise<boolean> => {
    setErrors({});
    setFormError(null);
    let request: Req;
    try {
      request = options.build(values);
    } catch (error) {
      if (options.isFieldError(error)) {
        setErrors({ [error.field]: error.message } as Partial<Record<T, string>>);
        setFormError(error.message);
        return false;
      }
      throw error;
    }
    setBusy(true);
    try {
      options.onSubmitted?.(await options.submit(request));
      return true;
    } catch (error) {
      const target = error instanceof ApiError ? options.targetFor(values, error.field) : null;
      const text = error instanceof Error ? error.message : String(error);
      if (target) {
        setErrors({ [target]: text } as Partial<Record<T, string>>);
      }
      setFormError(text);
      return false;
    } finally {
      setBusy(false);
    }
  };

  return { errors, setErrors, formError, busy, send };
}
