import type { KubeObject } from '@/api/kube';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** A base64 value as text, or a note when it is not UTF-8 text. */
export function decodeSecretValue(value: string): string {
  let bytes: Uint8Array;
  try {
    bytes = Uint8Array.from(atob(value), (char) => char.charCodeAt(0));
  } catch {
    return '(not valid base64)';
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return `(binary, ${bytes.length} bytes)`;
  }
}

function byteCount(value: string): number {
  try {
    return atob(value).length;
  } catch {
    return value.length;
  }
}

/**
 * A Secret as shown: values hidden (their size only) unless revealed, then decoded from base64.
 * kubectl's last-applied annotation holds the values too, so it is hidden the same way.
 */
export function secretForDisplay(secret: KubeObject, revealed: boolean): KubeObject {
  const data = secret['data'];
  const shown: KubeObject = { ...secret };
  if (typeof data === 'object' && data !== null) {
    shown['data'] = Object.fromEntries(
      Object.entries(data as Record<string, unknown>).map(([key, value]) => {
        const text = typeof value === 'string' ? value : '';
        return [key, revealed ? decodeSecretValue(text) : `(hidden, ${byteCount(text)} bytes)`];
      }),
    );
  }
  const annotations = secret.metadata.annotations;
  if (!revealed && annotations?.[LAST_APPLIED] !== undefined) {
    shown.metadata = {
      ...secret.metadata,
      annotations: { ...annotations, [LAST_APPLIED]: '(hidden: it holds the secret values)' },
    };
  }
  return shown;
}
