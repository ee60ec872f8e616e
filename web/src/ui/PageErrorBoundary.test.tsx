import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PageErrorBoundary } from '@/ui/PageErrorBoundary';

let broken = true;
function Fragile() {
  if (broken) throw new Error('spec.containers is not iterable');
  return <p>drawn</p>;
}

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('PageErrorBoundary', () => {
  it('names the failure, keeps the rest, and recovers on another page or on Try again', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    broken = true;
    const page = (at: string) => (
      <>
        <header>still here</header>
        <PageErrorBoundary page={at}>
          <Fragile />
        </PageErrorBoundary>
      </>
    );
    const { rerender } = render(page('/c/dev/a'));
    expect(screen.getByRole('alert').textContent).toContain('spec.containers is not iterable');
    expect(screen.getByText('still here')).toBeTruthy();

    broken = false;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(screen.getByText('drawn')).toBeTruthy();

    broken = true;
    rerender(page('/c/dev/b'));
    expect(screen.getByRole('alert')).toBeTruthy();
    // The failure stays while the page stays; another page starts afresh.
    broken = false;
    rerender(page('/c/dev/b'));
    expect(screen.getByRole('alert')).toBeTruthy();
    rerender(page('/c/dev/c'));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByText('drawn')).toBeTruthy();
  });
});
