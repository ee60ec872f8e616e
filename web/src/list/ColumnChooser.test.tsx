import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ResourceKind } from '@/api/kube';
import { listTestbed } from '@/list/listTestbed';
import { fakeCluster, review } from '@/testing/fakeCluster';

const events: ResourceKind = {
  group: '',
  version: 'v1',
  resource: 'events',
  kind: 'Event',
  namespaced: true,
  verbs: ['get', 'list', 'watch'],
  shortNames: ['ev'],
};

// Events' own table: the name last at priority 1.
const table = {
  kind: 'Table',
  metadata: { resourceVersion: '100' },
  columnDefinitions: [
    { name: 'Type', type: 'string', priority: 0 },
    { name: 'Reason', type: 'string', priority: 0 },
    { name: 'Message', type: 'string', priority: 0 },
    { name: 'Count', type: 'string', priority: 1 },
    { name: 'Name', type: 'string', format: 'name', priority: 1 },
  ],
  rows: [
    {
      cells: ['Normal', 'Pulled', 'a long message '.repeat(20), '4', 'web.1'],
      object: { metadata: { name: 'web.1', namespace: 'demo', uid: 'u1' } },
    },
  ],
};

const testbed = listTestbed();
const show = () => testbed.show(events, { ns: ['demo'] });

const headers = () => screen.getAllByRole('columnheader').map((h) => h.textContent);

beforeEach(() => {
  fakeCluster(({ path }) => {
    if (path.includes('/namespaces/demo/events?')) return [200, table];
    if (path.endsWith('/selfsubjectaccessreviews')) return review(false);
    return undefined;
  });
});

describe('the column chooser', () => {
  it('hides and shows columns, remembered for the kind, and resets them', async () => {
    show();
    await screen.findByRole('link', { name: 'web.1' });
    expect(headers()).toEqual(['Name', 'Type', 'Reason', 'Message']);

    fireEvent.click(screen.getByRole('button', { name: 'Columns' }));
    const panel = screen.getByRole('group', { name: 'Columns' });
    const name = within(panel).getByRole('checkbox', { name: /Name/ });
    expect((name as HTMLInputElement).checked).toBe(true);
    expect((name as HTMLInputElement).disabled).toBe(true);
    fireEvent.click(within(panel).getByRole('checkbox', { name: 'Reason' }));
    fireEvent.click(within(panel).getByRole('checkbox', { name: 'Count' }));
    expect(headers()).toEqual(['Name', 'Type', 'Message', 'Count']);
    expect(JSON.parse(window.localStorage.getItem('lanthorn.columns.core/events') ?? '')).toEqual({
      shown: ['Count'],
      hidden: ['Reason'],
      wrap: false,
    });

    // Escape closes it, focus back on its button.
    fireEvent.keyDown(panel, { key: 'Escape' });
    expect(screen.queryByRole('group', { name: 'Columns' })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Columns' }));

    // Shown again the same way.
    cleanup();
    show();
    await screen.findByRole('link', { name: 'web.1' });
    expect(headers()).toEqual(['Name', 'Type', 'Message', 'Count']);
    fireEvent.click(screen.getByRole('button', { name: 'Columns' }));
    fireEvent.click(screen.getByRole('button', { name: 'Reset columns' }));
    expect(headers()).toEqual(['Name', 'Type', 'Reason', 'Message']);
    expect(window.localStorage.getItem('lanthorn.columns.core/events')).toBeNull();
  });

  it('wraps the message, and every cell with "Wrap text"', async () => {
    show();
    await screen.findByRole('link', { name: 'web.1' });
    const cells = () => within(screen.getAllByRole('row')[1] as HTMLElement).getAllByRole('cell');
    expect(cells().map((c) => c.className)).toEqual(['', '', '', 'wrap']);
    // A cut-short cell has its whole text as its tooltip; a wrapped one needs none.
    expect(cells()[2]?.getAttribute('title')).toBe('Pulled');
    expect(cells()[3]?.hasAttribute('title')).toBe(false);

    const toggle = screen.getByRole('button', { name: 'Wrap text' });
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    expect(cells().every((c) => c.className === 'wrap')).toBe(true);
    expect(window.localStorage.getItem('lanthorn.columns.core/events')).toContain('"wrap":true');
  });
});
