import { withBase } from '@/api/base';

/** A failed call to Lanthorn's server, with the server's own message. */
export class ApiError extends Error {
  readonly status: number;
  readonly reason: string;

  constructor(status: number, reason: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.reason = reason;
  }
}

interface ErrorBody {
  reason?: unknown;
  message?: unknown;
}

/** Reads Lanthorn's `{status, reason, message}` error body, or makes one up from the status. */
async function errorFrom(response: Response): Promise<ApiError> {
  let body: ErrorBody = {};
  try {
    body = (await response.json()) as ErrorBody;
  } catch {
    // Not JSON: keep the status line.
  }
  const reason = typeof body.reason === 'string' ? body.reason : 'Error';
  const message =
    typeof body.message === 'string'
      ? body.message
      : `the server answered ${response.status} ${response.statusText}`;
  return new ApiError(response.status, reason, message);
}

/** Sends JSON to the server and reads its JSON answer; throws [`ApiError`] on any non-2xx. */
export async function requestJson<T>(
  path: string,
  init: { method?: 'GET' | 'POST' | 'PUT' | 'DELETE'; body?: unknown } = {},
): Promise<T | undefined> {
  const response = await fetch(withBase(path), {
    method: init.method ?? 'GET',
    credentials: 'same-origin',
    headers:
      init.body === undefined
        ? { accept: 'application/json' }
        : { accept: 'application/json', 'content-type': 'application/json' },
    body: init.body === undefined ? null : JSON.stringify(init.body),
  });
  if (!response.ok) {
    throw await errorFrom(response);
  }
  if (response.status === 204) {
    return undefined;
  }
  return (await response.json()) as T;
}
