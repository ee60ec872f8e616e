/**
 * The toasts on screen, as plain data: added newest last, at most `MAX_TOASTS` kept (the
 * oldest dropped), dismissed by id. A success hides itself after `SUCCESS_MS` unless paused
 * (the pointer or focus is on it); an error stays until dismissed.
 */

export type ToastTone = 'success' | 'error' | 'info';

export interface Toast {
  id: number;
  tone: ToastTone;
  message: string;
}

export interface ToastState {
  toasts: Toast[];
  nextId: number;
}

export const MAX_TOASTS = 4;

/** How long a success (or info) toast stays on screen, unpaused. */
export const SUCCESS_MS = 6000;

export const emptyToasts: ToastState = { toasts: [], nextId: 1 };

export function addToast(state: ToastState, tone: ToastTone, message: string): ToastState {
  const toast: Toast = { id: state.nextId, tone, message };
  const toasts = [...state.toasts, toast];
  return {
    toasts: toasts.slice(Math.max(0, toasts.length - MAX_TOASTS)),
    nextId: state.nextId + 1,
  };
}

export function dismissToast(state: ToastState, id: number): ToastState {
  const toasts = state.toasts.filter((toast) => toast.id !== id);
  return toasts.length === state.toasts.length ? state : { ...state, toasts };
}

/** How long a toast stays by itself, or `undefined` when it waits to be dismissed. */
export function autoHideMs(tone: ToastTone): number | undefined {
  return tone === 'error' ? undefined : SUCCESS_MS;
}
