import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '@/App';

describe('App', () => {
  it('shows the product name in the header', () => {
    render(<App />);
    expect(screen.getByText('Lanthorn').closest('header')).not.toBeNull();
  });
});
