import { ApiError, request } from '@/api/http';
import { lanthornKey } from '@/api/query';

/**
 * One forward from a local port to a pod (or a Service, through one of its pods), as the
 * server defines it. Its `address` is where it listens: Lanthorn sends a URL
 * (`http://127.0.0.1:PORT`); a bare `HOST:PORT` is accepted too. Show it with
 * `forwardLabel`, link it with `forwardHref`.
 */
export type { PortForward } from '@/api/generated/PortForward';
import type { PortForward } from '@/api/generated/PortForward';

export interface PortForwards {
  /** False when Lanthorn runs in a cluster (a port there is of no use to a browser). */
  available: boolean;
  forwards: PortForward[];
}

/** What to forward to: a pod or a Service, one port, optionally a chosen local port. */
export type ForwardRequest = { namespace: string; port: number; localPort?: number } & (
  { pod: string } | { service: string }
);

const base = (cluster: string) => `/clusters/${encodeURIComponent(cluster)}/portforward`;

export async function listForwards(cluster: string): Promise<PortForwards> {
  try {
    const answer = await request<PortForwards | undefined>(base(cluster));
    return answer ?? { available: false, forwards: [] };
  } catch (caught) {
    // In-cluster: port-forwarding is not offered at all.
    if (caught instanceof ApiError && caught.status === 403) {
      return { available: false, forwards: [] };
    }
    throw caught;
  }
}

/** The user's forwards on a cluster, as a query (read again when one starts or stops). */
export function forwardsQuery(cluster: string) {
  return { queryKey: lanthornKey(base(cluster)), queryFn: () => listForwards(cluster) };
}

export async function startForward(cluster: string, wanted: ForwardRequest): Promise<PortForward> {
  const forward = await request<PortForward | undefined>(base(cluster), {
    method: 'POST',
    body: wanted,
  });
  if (forward === undefined) throw new Error('Lanthorn did not say which port it listens on');
  return forward;
}

export async function stopForward(cluster: string, id: string): Promise<void> {
  await request<unknown>(`${base(cluster)}/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

/** The forward's local address as a URL, or null when `address` names none. */
function forwardUrl(forward: PortForward): URL | null {
  const address = forward.address.trim();
  // A scheme already present (the server sends `http://127.0.0.1:PORT`) is kept, not doubled.
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(address);
  try {
    const url = new URL(hasScheme ? address : `http://${address}`);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (url.hostname === '' || url.username !== '' || url.password !== '') return null;
    return url;
  } catch {
    return null;
  }
}

/** The link to a forward's local address: `http://127.0.0.1:PORT/`. */
export function forwardHref(forward: PortForward): string {
  const url = forwardUrl(forward);
  if (url === null) return `http://127.0.0.1:${forward.localPort}/`;
  return `${url.protocol}//${url.host}/`;
}

/** The forward's local address as people read it: `127.0.0.1:PORT`. */
export function forwardLabel(forward: PortForward): string {
  const url = forwardUrl(forward);
  if (url === null) return `127.0.0.1:${forward.localPort}`;
  // `host` drops the scheme's default port; a forward always names its port.
  const port = url.port === '' ? (url.protocol === 'https:' ? '443' : '80') : url.port;
  return `${url.hostname}:${port}`;
}
