import { describe, expect, it } from 'vitest';
import { addToast, autoHideMs, dismissToast, emptyToasts, MAX_TOASTS } from '@/ui/toastQueue';

describe('toast queue', () => {
  it('adds newest last with fresh ids and dismisses by id', () => {
    let state = addToast(emptyToasts, 'success', 'one');
    state = addToast(state, 'error', 'two');
    expect(state.toasts.map((t) => [t.id, t.message])).toEqual([
      [1, 'one'],
      [2, 'two'],
    ]);
    state = dismissToast(state, 1);
    expect(state.toasts.map((t) => t.message)).toEqual(['two']);
    expect(addToast(state, 'info', 'three').toasts.at(-1)?.id).toBe(3);
  });

  it('keeps at most MAX_TOASTS, dropping the oldest', () => {
    let state = emptyToasts;
    for (let i = 0; i < MAX_TOASTS + 2; i += 1) state = addToast(state, 'success', `t${i}`);
    expect(state.toasts).toHaveLength(MAX_TOASTS);
    expect(state.toasts[0]?.message).toBe('t2');
  });

  it('leaves the state alone when dismissing what is not there', () => {
    const state = addToast(emptyToasts, 'success', 'one');
    expect(dismissToast(state, 99)).toBe(state);
  });

  it('hides successes by themselves, keeps errors until dismissed', () => {
    expect(autoHideMs('success')).toBeGreaterThan(1000);
    expect(autoHideMs('error')).toBeUndefined();
  });
});
