import type { Problem } from './types';

/** Where the API's problem types live: `https://baochay.vn/problems/<slug>`. */
export const PROBLEM_BASE = 'https://baochay.vn/problems/';

/**
 * The problem types the console words in its own language (i18n `problem.<slug>`). Any other
 * type is shown as the server wrote it (its `detail`, in English).
 */
export const TRANSLATED_PROBLEMS = [
  'unauthenticated',
  'too-many-attempts',
  'forbidden',
  'out-of-jurisdiction',
  'already-acknowledged',
  'illegal-transition',
  'stale-version',
  'unit-unavailable',
  'rate-limited',
  'service-unavailable',
  'not-found',
] as const;
export type TranslatedProblem = (typeof TRANSLATED_PROBLEMS)[number];

/** The slug of a problem's `type` (`…/problems/stale-version` → `stale-version`), or null. */
export function problemSlug(problem: Problem | null | undefined): string | null {
  const type = problem?.type;
  if (typeof type !== 'string' || type === '') return null;
  const slug = type.startsWith(PROBLEM_BASE) ? type.slice(PROBLEM_BASE.length) : type;
  return /^[a-z0-9-]+$/.test(slug) ? slug : null;
}

/** The problem's type when the console has its own words for it. */
export function translatedProblem(problem: Problem | null | undefined): TranslatedProblem | null {
  const slug = problemSlug(problem);
  return (TRANSLATED_PROBLEMS as readonly string[]).includes(slug ?? '') ? (slug as TranslatedProblem) : null;
}
