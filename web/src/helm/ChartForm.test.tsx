import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChartForm, ValuesChange } from '@/helm/ChartForm';

afterEach(cleanup);

const initial = {
  chart: '',
  version: '',
  values: 'message: first\n',
  name: 'web',
  namespace: 'demo',
  createNamespace: false,
};

describe('ChartForm for an upgrade', () => {
  it('asks for a review of the values before it upgrades', () => {
    const onSubmit = vi.fn();
    render(
      <ChartForm
        mode="upgrade"
        busy={false}
        charts={[]}
        stored={{ name: 'demo-app', version: '0.1.0' }}
        initial={initial}
        onSubmit={onSubmit}
        onCancel={() => {}}
      />,
    );
    expect(screen.getByText(/as stored in the release/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Review changes' }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByRole('region', { name: 'Change to the values' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Upgrade' }));
    expect(onSubmit).toHaveBeenCalledWith(initial);
  });
});

describe('ValuesChange', () => {
  it('shows the changed lines, or says nothing changes', () => {
    const { unmount } = render(<ValuesChange before={'a: 1\n'} after={'a: 2\n'} />);
    const region = screen.getByRole('region', { name: 'Change to the values' });
    expect(region.textContent).toContain('a: 1');
    expect(region.textContent).toContain('a: 2');
    unmount();
    render(<ValuesChange before={'a: 1\n'} after={'a: 1\n'} />);
    expect(screen.getByText('The values stay as they are.')).toBeTruthy();
  });
});
