/**
 * The Kubernetes streaming protocol of exec and attach over a WebSocket
 * (`v4.channel.k8s.io` / `v5.channel.k8s.io`): every binary frame starts with a channel
 * byte. 0 stdin, 1 stdout, 2 stderr, 3 the final status (JSON), 4 terminal size (JSON),
 * and with v5 only, 255 closes a channel (`[255, 0]` closes stdin).
 */

export const SUBPROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];

export const STDIN = 0;
export const STDOUT = 1;
export const STDERR = 2;
export const STATUS = 3;
export const RESIZE = 4;
export const CLOSE = 255;

const encoder = new TextEncoder();

function frame(channel: number, payload: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(payload.length + 1);
  out[0] = channel;
  out.set(payload, 1);
  return out;
}

/** Keys typed (or pasted) into the terminal, for the process's stdin. */
export function encodeStdin(data: string | Uint8Array): Uint8Array<ArrayBuffer> {
  return frame(STDIN, typeof data === 'string' ? encoder.encode(data) : data);
}

/** The terminal's new size, for the process's tty. */
export function encodeResize(columns: number, rows: number): Uint8Array<ArrayBuffer> {
  return frame(RESIZE, encoder.encode(JSON.stringify({ Width: columns, Height: rows })));
}

/** Closes stdin (v5 only). */
export function encodeCloseStdin(): Uint8Array<ArrayBuffer> {
  return new Uint8Array([CLOSE, STDIN]);
}

/** One frame from the cluster: its channel and its bytes. */
export interface Frame {
  channel: number;
  data: Uint8Array;
}

/** Splits a binary frame; null for an empty one. */
export function decodeFrame(message: ArrayBuffer | Uint8Array): Frame | null {
  const bytes = message instanceof Uint8Array ? message : new Uint8Array(message);
  if (bytes.length === 0) return null;
  return { channel: bytes[0] ?? 0, data: bytes.subarray(1) };
}

/** The process's end as channel 3 tells it (a `metav1.Status`). */
export interface ExitStatus {
  success: boolean;
  message: string;
  reason: string;
  /** From `details.causes[{reason: "ExitCode"}]`, when the process ran and exited. */
  exitCode: number | undefined;
}

interface StatusBody {
  status?: unknown;
  message?: unknown;
  reason?: unknown;
  details?: { causes?: { reason?: unknown; message?: unknown }[] };
}

/** Reads channel 3's status; a body that is not JSON counts as a failure with that text. */
export function parseStatus(data: Uint8Array): ExitStatus {
  const text = new TextDecoder().decode(data);
  let body: StatusBody;
  try {
    body = JSON.parse(text) as StatusBody;
  } catch {
    return { success: false, message: text, reason: '', exitCode: undefined };
  }
  const cause = body.details?.causes?.find((c) => c.reason === 'ExitCode');
  const code = typeof cause?.message === 'string' ? Number(cause.message) : Number.NaN;
  return {
    success: body.status === 'Success',
    message: typeof body.message === 'string' ? body.message : '',
    reason: typeof body.reason === 'string' ? body.reason : '',
    exitCode: Number.isInteger(code) ? code : body.status === 'Success' ? 0 : undefined,
  };
}
