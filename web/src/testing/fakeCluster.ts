import { vi } from 'vitest';
import { queryClient } from '@/api/query';

/**
 * For tests: a stand-in for Lanthorn at the fetch boundary. `answer` sees each request as
 * method, path (with query), parsed JSON body and Accept header, and returns a status and a
 * body, or undefined for 404.
 */

export interface SeenRequest {
  method: string;
  path: string;
  body: unknown;
  accept: string;
}

export type Answer = [number, unknown] | undefined;

export const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

export function fakeCluster(answer: (request: SeenRequest) => Answer): SeenRequest[] {
  const seen: SeenRequest[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((url: string, init?: RequestInit) => {
      const headers = (init?.headers ?? {}) as Record<string, string>;
      const request: SeenRequest = {
        method: init?.method ?? 'GET',
        path: url,
        body: typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
        accept: headers['accept'] ?? '',
      };
      seen.push(request);
      const found = answer(request);
      return Promise.resolve(
        found === undefined
          ? json(404, { kind: 'Status', code: 404, reason: 'NotFound', message: `no ${url}` })
          : json(found[0], found[1]),
      );
    }),
  );
  return seen;
}

/** Clears every per-user cache between tests. */
export function forgetEverything(): void {
  queryClient.clear();
  window.localStorage.clear();
}

/** A SelfSubjectAccessReview answer. */
export const review = (allowed: boolean): Answer => [200, { status: { allowed } }];

/** A `Forbidden` Status. */
export const forbidden = (message: string): Answer => [
  403,
  { kind: 'Status', code: 403, reason: 'Forbidden', message },
];

interface AccessBody {
  spec?: { resourceAttributes?: Record<string, string>; namespace?: string };
}

/** The resource attributes a SelfSubjectAccessReview asks about. */
export function accessQuestion(request: SeenRequest): Record<string, string> {
  return (request.body as AccessBody).spec?.resourceAttributes ?? {};
}

/** The namespace a SelfSubjectRulesReview asks about. */
export function rulesNamespace(request: SeenRequest): string | undefined {
  return (request.body as AccessBody).spec?.namespace;
}
