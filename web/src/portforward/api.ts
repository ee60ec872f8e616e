import { requestJson } from '@/api/http';

/** One forward from a local port to a pod (or a Service, through one of its pods). */
export interface PortForward {
  id: string;
  namespace: string;
  pod: string;
  service?: string;
  port: number;
  localPort: number;
  /** `127.0.0.1:PORT`, where it listens. */
  address: string;
  startedAt: string;
}

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

/** Tells the pages showing forwards that the list changed. */
export const FORWARDS_CHANGED = 'lanthorn:portforwards-changed';

function changed(): void {
  window.dispatchEvent(new Event(FORWARDS_CHANGED));
}

export async function listForwards(cluster: string): Promise<PortForwards> {
  const answer = await requestJson<PortForwards>(base(cluster));
  return answer ?? { available: false, forwards: [] };
}

export async function startForward(cluster: string, request: ForwardRequest): Promise<PortForward> {
  const forward = await requestJson<PortForward>(base(cluster), { method: 'POST', body: request });
  if (forward === undefined) throw new Error('Lanthorn did not say which port it listens on');
  changed();
  return forward;
}

export async function stopForward(cluster: string, id: string): Promise<void> {
  await requestJson<unknown>(`${base(cluster)}/${encodeURIComponent(id)}`, { method: 'DELETE' });
  changed();
}

/** The link to a forward's local address. */
export function forwardHref(forward: PortForward): string {
  return `http://${forward.address}/`;
}
