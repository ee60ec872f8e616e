/** Test helpers: a stand-in for the cluster at the fetch boundary. Used by tests only. */
import { vi } from 'vitest';

/** What a stubbed request looked like. */
export interface SeenRequest {
  url: string;
  method: string;
  body: unknown;
  contentType: string | undefined;
}

export const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** Replaces fetch with `answer`, recording every request (bodies parsed as JSON). */
export function stubServer(answer: (request: SeenRequest) => Response): SeenRequest[] {
  const seen: SeenRequest[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((url: string, init: RequestInit = {}) => {
      const headers = (init.headers ?? {}) as Record<string, string>;
      const request: SeenRequest = {
        url,
        method: init.method ?? 'GET',
        body: typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
        contentType: headers['content-type'],
      };
      seen.push(request);
      return Promise.resolve(answer(request));
    }),
  );
  return seen;
}

interface AccessReviewBody {
  spec: { resourceAttributes: Record<string, string> };
}

/** The resource attributes of a SelfSubjectAccessReview request, or null for other requests. */
export function accessAsked(request: SeenRequest): Record<string, string> | null {
  return request.url.endsWith('/selfsubjectaccessreviews') && request.method === 'POST'
    ? (request.body as AccessReviewBody).spec.resourceAttributes
    : null;
}
