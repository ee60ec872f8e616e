import { withBase } from '@/api/base';

/**
 * The one way the app talks HTTP to Lanthorn: [`request`] sends every call (Lanthorn's own
 * routes and, through `@/api/kube`, the cluster proxy) and [`parseError`] turns every non-2xx
 * answer into an [`ApiError`].
 */

/** A failed call: the HTTP status (0 when nothing answered), the reason and the message. */
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

/** The error a request that got no answer at all becomes. */
export const UNREACHABLE_MESSAGE = 'Lanthorn could not be reached';

/**
 * The error body either side sends: Lanthorn's own `{status, reason, message}` or a
 * Kubernetes `Status` (`{kind: "Status", code, reason, message}`).
 */
interface ErrorBody {
  reason?: unknown;
  message?: unknown;
}

/** Who answered, for the words used when the answer carries no message of its own. */
export type Answerer = 'server' | 'cluster';

/**
 * The [`ApiError`] for a non-2xx answer: reason and message from the body when it has them
 * (Lanthorn's error body or a Kubernetes Status), else the status line.
 */
export function parseError(
  status: number,
  statusText: string,
  body: unknown,
  answerer: Answerer = 'server',
): ApiError {
  const fields: ErrorBody =
    typeof body === 'object' && body !== null ? (body as ErrorBody) : ({} as ErrorBody);
  const reason =
    typeof fields.reason === 'string' && fields.reason !== '' ? fields.reason : 'Error';
  const message =
    typeof fields.message === 'string' && fields.message !== ''
      ? fields.message
      : `the ${answerer} answered ${status} ${statusText}`.trim();
  return new ApiError(status, reason, message);
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  method?: Method;
  /** Sent as JSON unless it is a string (then sent as is, e.g. YAML). */
  body?: unknown;
  contentType?: string;
  accept?: string;
  signal?: AbortSignal | undefined;
  /** Whose words to use for an answer without a message; `server` unless said. */
  answerer?: Answerer;
}

/**
 * Sends a request to an app path of Lanthorn (`/config`, `/clusters/dev/api/v1/pods`…,
 * under `--base-url`) and returns its JSON answer (undefined for an empty one). Any non-2xx
 * answer throws [`parseError`]'s `ApiError`; no answer at all throws one with status 0. An
 * aborted request throws the browser's `AbortError` as is.
 */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: options.accept ?? 'application/json' };
  let body: string | null = null;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['content-type'] = options.contentType ?? 'application/json';
  }
  let response: Response;
  try {
    response = await fetch(withBase(path), {
      method: options.method ?? 'GET',
      credentials: 'same-origin',
      headers,
      body,
      signal: options.signal ?? null,
    });
  } catch (caught) {
    if (caught instanceof DOMException && caught.name === 'AbortError') {
      throw caught;
    }
    throw new ApiError(0, 'Unreachable', UNREACHABLE_MESSAGE);
  }
  const text = await response.text();
  let parsed: unknown = undefined;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    // Not JSON: an error keeps its status line; a success reads as no answer.
  }
  if (!response.ok) {
    throw parseError(response.status, response.statusText, parsed, options.answerer);
  }
  return parsed as T;
}

/** What to show for a failure: the error's own message, or `fallback` when nothing answered. */
export function errorMessage(caught: unknown, fallback: string): string {
  if (caught instanceof ApiError) return caught.status === 0 ? fallback : caught.message;
  return fallback;
}

/** The HTTP status of a failure; 0 when it is not an answer. */
export function errorStatus(caught: unknown): number {
  return caught instanceof ApiError ? caught.status : 0;
}
