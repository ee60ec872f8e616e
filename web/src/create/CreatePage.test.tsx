import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CreatePage } from '@/create/CreatePage';
import { json, stubServer } from '@/testing/testServer';
import type { EditorOptions } from '@/yaml/codemirror';

vi.mock('@/yaml/codemirror', () => ({
  mountYamlEditor: (parent: HTMLElement, options: EditorOptions) => {
    const area = document.createElement('textarea');
    area.setAttribute('aria-label', options.label);
    area.value = options.initialValue;
    area.addEventListener('change', () => {
      options.onChange(area.value);
    });
    parent.appendChild(area);
    return { destroy: () => area.remove(), focus: () => area.focus() };
  },
}));

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('CreatePage', () => {
  it('creates each document and links to what it created', async () => {
    const seen = stubServer((request) => {
      if (request.url === '/clusters/dev/api/v1') {
        return json(200, {
          resources: [{ name: 'configmaps', kind: 'ConfigMap', namespaced: true }],
        });
      }
      return json(201, request.body);
    });
    const navigate = vi.fn();
    render(<CreatePage cluster="dev" namespace="demo" navigate={navigate} />);
    const area = await screen.findByLabelText('YAML');
    fireEvent.change(area, {
      target: {
        value:
          'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n',
      },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Create' }));
    expect((await screen.findByRole('status')).textContent).toBe('Created all 2 objects.');
    const items = within(screen.getByRole('list')).getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([
      'created ConfigMap demo/a',
      'created ConfigMap demo/b',
    ]);
    fireEvent.click(screen.getByRole('link', { name: 'ConfigMap demo/b' }));
    expect(navigate).toHaveBeenCalledWith('/c/dev/r/core/v1/configmaps/demo/b');
    expect(seen.filter((r) => r.method === 'POST').map((r) => r.url)).toEqual([
      '/clusters/dev/api/v1/namespaces/demo/configmaps?dryRun=All',
      '/clusters/dev/api/v1/namespaces/demo/configmaps?dryRun=All',
      '/clusters/dev/api/v1/namespaces/demo/configmaps',
      '/clusters/dev/api/v1/namespaces/demo/configmaps',
    ]);
  });

  it('reports a refused dry run and creates nothing', async () => {
    const seen = stubServer((request) => {
      if (request.url === '/clusters/dev/api/v1') {
        return json(200, {
          resources: [{ name: 'configmaps', kind: 'ConfigMap', namespaced: true }],
        });
      }
      return json(422, {
        kind: 'Status',
        reason: 'Invalid',
        message: 'ConfigMap "Bad" is invalid: metadata.name: Invalid value',
      });
    });
    render(<CreatePage cluster="dev" namespace={undefined} navigate={vi.fn()} />);
    fireEvent.change(await screen.findByLabelText('YAML'), {
      target: { value: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: Bad}\n' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Create' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Nothing was created: the cluster refused document 1 in a dry run.',
    );
    expect(screen.getByRole('listitem').textContent).toBe(
      'ConfigMap default/Bad: refused in the dry run: ConfigMap "Bad" is invalid: metadata.name: Invalid value',
    );
    expect(
      seen.filter((r) => r.method === 'POST').every((r) => r.url.endsWith('?dryRun=All')),
    ).toBe(true);
  });
});
