import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SUCCESS_MS } from '@/ui/toastQueue';
import { ToastProvider, useToast } from '@/ui/Toasts';

function Trigger() {
  const toast = useToast();
  return (
    <>
      <button type="button" onClick={() => toast('success', 'Deleted 2 ConfigMaps')}>
        ok
      </button>
      <button type="button" onClick={() => toast('error', 'Drain failed')}>
        bad
      </button>
    </>
  );
}

beforeEach(() => {
  vi.useFakeTimers();
  render(
    <ToastProvider>
      <Trigger />
    </ToastProvider>,
  );
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('ToastProvider', () => {
  it('announces a success politely and hides it after a few seconds', () => {
    fireEvent.click(screen.getByRole('button', { name: 'ok' }));
    expect(screen.getByRole('status').textContent).toBe('Deleted 2 ConfigMaps');
    act(() => {
      vi.advanceTimersByTime(SUCCESS_MS + 10);
    });
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('keeps a toast while pointed at, and hides it after the pointer leaves', () => {
    fireEvent.click(screen.getByRole('button', { name: 'ok' }));
    const item = screen.getByRole('status').closest('li');
    if (item === null) throw new Error('no toast');
    fireEvent.mouseEnter(item);
    act(() => {
      vi.advanceTimersByTime(SUCCESS_MS * 3);
    });
    expect(screen.getByRole('status')).toBeTruthy();
    fireEvent.mouseLeave(item);
    act(() => {
      vi.advanceTimersByTime(SUCCESS_MS + 10);
    });
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('keeps an error as an alert until dismissed', () => {
    fireEvent.click(screen.getByRole('button', { name: 'bad' }));
    act(() => {
      vi.advanceTimersByTime(SUCCESS_MS * 5);
    });
    expect(screen.getByRole('alert').textContent).toBe('Drain failed');
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss notification' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
