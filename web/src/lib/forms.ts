import { useCallback, useMemo, useState } from 'react';
import type { CombinedError } from 'urql';
import type { TFunction } from 'i18next';

/** A mutation payload's `errors { field code message }` entry. */
export interface ServerError {
  field?: string | null;
  code: string;
  message: string;
}

/** One problem of a form: its text, the input it belongs to (for the summary's link), and the API's own words. */
export interface Problem {
  message: string;
  /** The id of the input it belongs to; none for a problem of the whole form. */
  target?: string;
  /** The API's message (English), shown beside ours as detail. */
  detail?: string;
}

/** `needs[0].minLevel` or `input.needs.0.minLevel` -> `needs.0.minLevel`. */
export function normalisePath(field: string): string {
  return field
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/^input\./, '')
    .replace(/^\./, '');
}

/**
 * The input id a server field path belongs to: the longest prefix of the path that `fields` names
 * (`needs.0.minLevel` falls back to `needs.0`, then `needs`).
 */
export function targetOf(field: string | null | undefined, fields: Record<string, string>): string | undefined {
  if (!field) return undefined;
  const parts = normalisePath(field).split('.');
  for (let n = parts.length; n > 0; n--) {
    const key = parts.slice(0, n).join('.');
    if (fields[key]) return fields[key];
  }
  return undefined;
}

type Explain = (error: ServerError) => string | undefined;

/** The problems of a mutation's payload errors, in our words, each at its input where `fields` names it. */
export function problemsFrom(
  errors: readonly ServerError[],
  fields: Record<string, string>,
  t: TFunction,
  explain?: Explain,
): Problem[] {
  return errors.map((error) => {
    const own = explain?.(error);
    return {
      message: own ?? codeMessage(error.code, t),
      target: targetOf(error.field, fields),
      detail: own ? undefined : error.message,
    };
  });
}

export function codeMessage(code: string, t: TFunction): string {
  switch (code) {
    case 'INVALID_INPUT':
      return t('errors.codes.INVALID_INPUT');
    case 'CONFLICT':
      return t('errors.codes.CONFLICT');
    case 'NOT_FOUND':
      return t('errors.codes.NOT_FOUND');
    case 'NOT_PERMITTED':
      return t('errors.codes.NOT_PERMITTED');
    case 'INVALID_CREDENTIALS':
      return t('errors.codes.INVALID_CREDENTIALS');
    case 'RATE_LIMITED':
      return t('errors.codes.RATE_LIMITED');
    case 'UNAUTHENTICATED':
      return t('errors.codes.UNAUTHENTICATED');
    default:
      return t('errors.codes.OTHER');
  }
}

/** A transport or GraphQL error (no payload): the server could not be reached or refused the request. */
export function requestProblem(error: CombinedError | undefined, t: TFunction): Problem {
  if (!error) return { message: t('errors.request') };
  if (error.networkError) return { message: t('errors.network') };
  return { message: t('errors.request'), detail: error.graphQLErrors.map((e) => e.message).join(' ') || undefined };
}

/**
 * The problems of a mutation's answer: the request's own failure when there is no payload, else the payload's
 * errors in our words (none when it succeeded).
 */
export function payloadProblems(
  payload: { errors: readonly ServerError[] } | null | undefined,
  error: CombinedError | undefined,
  fields: Record<string, string>,
  t: TFunction,
  explain?: Explain,
): Problem[] {
  if (!payload) return [requestProblem(error, t)];
  return problemsFrom(payload.errors, fields, t, explain);
}

/** The problems of a form, and the one shown at each input. */
export function useProblems() {
  const [problems, setProblemsState] = useState<Problem[]>([]);
  // Each submit that fails gets a new round, so the summary takes the focus again.
  const [round, setRound] = useState(0);
  const setProblems = useCallback((next: Problem[]) => {
    setProblemsState(next);
    if (next.length > 0) setRound((r) => r + 1);
  }, []);
  const clear = useCallback(() => setProblemsState([]), []);
  const byTarget = useMemo(() => {
    const map = new Map<string, Problem>();
    for (const p of problems) if (p.target && !map.has(p.target)) map.set(p.target, p);
    return map;
  }, [problems]);
  const errorFor = useCallback((id: string) => byTarget.get(id), [byTarget]);
  return { problems, round, setProblems, clear, errorFor };
}

export type Problems = ReturnType<typeof useProblems>;

/** A whole number from a text input, or null for an empty one; undefined when it is not a whole number. */
export function parseWhole(value: string): number | null | undefined {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  if (!/^-?\d+$/.test(trimmed)) return undefined;
  return Number(trimmed);
}

export const EMAIL_PATTERN = /^[^@\s]{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;

/** Triggers a download of `data` as a JSON file. */
export function downloadJson(data: unknown, filename: string): void {
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
  downloadBlob(blob, filename);
}

export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}
