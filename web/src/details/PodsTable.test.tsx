import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '@/api/kube';
import { PODS_SHOWN, PodsTable } from '@/details/PodsTable';

const pod = (i: number): KubeObject => ({
  metadata: { name: `load-${String(i).padStart(4, '0')}`, namespace: 'bench', uid: `u${i}` },
  status: { phase: 'Running' },
});

afterEach(cleanup);

describe('PodsTable', () => {
  it('draws every pod of a small workload', () => {
    render(<PodsTable cluster="dev" pods={[pod(1), pod(2)]} navigate={() => undefined} />);
    expect(screen.getAllByRole('row')).toHaveLength(3);
    expect(screen.queryByText(/The first/)).toBeNull();
  });

  it('draws the first hundred of 5,000 and links to all of them', () => {
    const pods = Array.from({ length: 5000 }, (_, i) => pod(i));
    render(
      <PodsTable
        cluster="dev"
        pods={pods}
        navigate={() => undefined}
        allHref="/c/dev/r/core/v1/pods?ns=bench&l=app%3Dload"
      />,
    );
    expect(screen.getAllByRole('row')).toHaveLength(PODS_SHOWN + 1);
    expect(screen.getByText(/The first 100 of 5000 pods/)).toBeTruthy();
    expect(
      screen.getByRole('link', { name: 'All 5000 in the Pods list' }).getAttribute('href'),
    ).toBe('/c/dev/r/core/v1/pods?ns=bench&l=app%3Dload');
  });
});
