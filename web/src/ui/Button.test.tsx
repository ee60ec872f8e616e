import { Trash } from 'lucide-react';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Button, IconButton } from '@/ui/Button';
import type { IconButtonProps } from '@/ui/Button';

afterEach(cleanup);

describe('Button', () => {
  it('is a button named by its text, of the type "button" unless it submits', () => {
    render(<Button>Scale</Button>);
    const button = screen.getByRole('button', { name: 'Scale' });
    expect(button.getAttribute('type')).toBe('button');
    expect(button.className).toContain('btn-secondary');
  });

  it('draws its variant and size', () => {
    render(
      <Button variant="danger" size="sm">
        Delete
      </Button>,
    );
    const button = screen.getByRole('button', { name: 'Delete' });
    expect(button.className).toContain('btn-danger');
    expect(button.className).toContain('btn-sm');
  });

  it('takes focus and submits its form when it is a submit button', () => {
    const pressed = vi.fn();
    render(
      <form
        onSubmit={(event) => {
          event.preventDefault();
          pressed();
        }}
      >
        <Button type="submit">Apply</Button>
      </form>,
    );
    const button = screen.getByRole('button', { name: 'Apply' });
    button.focus();
    expect(document.activeElement).toBe(button);
    fireEvent.click(button);
    expect(pressed).toHaveBeenCalledTimes(1);
  });

  it('is disabled and busy while loading, keeping its name', () => {
    const pressed = vi.fn();
    render(
      <Button loading onClick={pressed}>
        Restart
      </Button>,
    );
    const button = screen.getByRole('button', { name: 'Restart' });
    expect(button).toHaveProperty('disabled', true);
    expect(button.getAttribute('aria-busy')).toBe('true');
    expect(button.querySelector('svg.btn-spinner')?.getAttribute('aria-hidden')).toBe('true');
    fireEvent.click(button);
    expect(pressed).not.toHaveBeenCalled();
  });

  it('is not busy when not loading, and disabled only when told', () => {
    render(<Button disabled>Drain</Button>);
    const button = screen.getByRole('button', { name: 'Drain' });
    expect(button).toHaveProperty('disabled', true);
    expect(button.hasAttribute('aria-busy')).toBe(false);
  });

  it('hides its icon from screen readers', () => {
    render(<Button icon={Trash}>Delete</Button>);
    const svg = screen.getByRole('button', { name: 'Delete' }).querySelector('svg');
    expect(svg?.getAttribute('aria-hidden')).toBe('true');
  });
});

describe('IconButton', () => {
  it('is named by its label, which is also its tooltip', () => {
    render(<IconButton icon={Trash} label="Delete web" />);
    const button = screen.getByRole('button', { name: 'Delete web' });
    expect(button.getAttribute('title')).toBe('Delete web');
    expect(button.className).toContain('btn-icon-only');
    expect(button.className).toContain('btn-ghost');
  });

  it('keeps a badge out of its accessible name', () => {
    render(<IconButton icon={Trash} label="Notifications, 3 new" badge={3} />);
    const button = screen.getByRole('button', { name: 'Notifications, 3 new' });
    expect(button.querySelector('.btn-badge')?.getAttribute('aria-hidden')).toBe('true');
  });

  it('cannot be written without a label or with text children', () => {
    // Type checks, run by `npm run typecheck`: these must not compile.
    // @ts-expect-error an icon-only button needs its label
    const unnamed: IconButtonProps = { icon: Trash };
    const withText: IconButtonProps = {
      icon: Trash,
      label: 'Delete',
      // @ts-expect-error its text is its label, not children
      children: 'Delete',
    };
    expect(unnamed.icon).toBe(Trash);
    expect(withText.label).toBe('Delete');
  });
});
