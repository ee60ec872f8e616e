import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { StatusBadge } from '@/ui/StatusBadge';

afterEach(cleanup);

describe('StatusBadge', () => {
  it("shows the text with an icon hidden from screen readers, in the text's tone", () => {
    render(<StatusBadge text="CrashLoopBackOff" />);
    const badge = screen.getByText('CrashLoopBackOff').parentElement;
    expect(badge?.dataset['tone']).toBe('bad');
    expect(badge?.className).toContain('tone-bad');
    const icon = badge?.querySelector('svg');
    expect(icon?.getAttribute('aria-hidden')).toBe('true');
    // The accessible text is the status alone, not the icon.
    expect(badge?.textContent).toBe('CrashLoopBackOff');
  });

  it('draws different tones with different icons', () => {
    render(
      <>
        <StatusBadge text="Running" />
        <StatusBadge text="Failed" />
      </>,
    );
    const running = screen.getByText('Running').parentElement;
    const failed = screen.getByText('Failed').parentElement;
    expect(running?.dataset['tone']).toBe('good');
    expect(failed?.dataset['tone']).toBe('bad');
    expect(running?.querySelector('svg')?.innerHTML).not.toBe(
      failed?.querySelector('svg')?.innerHTML,
    );
  });

  it('takes a tone the caller knows better than the text', () => {
    render(<StatusBadge text="Running, 1/2 ready" tone="warn" className="extra" />);
    const badge = screen.getByText('Running, 1/2 ready').parentElement;
    expect(badge?.dataset['tone']).toBe('warn');
    expect(badge?.className).toContain('extra');
  });
});
