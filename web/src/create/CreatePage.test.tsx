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

/** The SelfSubjectRulesReview the page asks first: may the user create anything there? */
function rulesReview(url: string, verbs: string[]) {
  return url === '/clusters/dev/apis/authorization.k8s.io/v1/selfsubjectrulesreviews'
    ? json(201, { status: { resourceRules: [{ verbs, apiGroups: [''], resources: ['*'] }] } })
    : null;
}

const creates = (r: { method: string; url: string }) =>
  r.method === 'POST' && !r.url.includes('selfsubjectrulesreviews');

describe('CreatePage', () => {
  it('creates each document and links to what it created', async () => {
    const seen = stubServer((request) => {
      if (request.url === '/clusters/dev/api/v1') {
        return json(200, {
          resources: [{ name: 'configmaps', kind: 'ConfigMap', namespaced: true }],
        });
      }
      return rulesReview(request.url, ['get', 'create']) ?? json(201, request.body);
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
    expect(seen.filter(creates).map((r) => r.url)).toEqual([
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
      return (
        rulesReview(request.url, ['*']) ??
        json(422, {
          kind: 'Status',
          reason: 'Invalid',
          message: 'ConfigMap "Bad" is invalid: metadata.name: Invalid value',
        })
      );
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
    expect(seen.filter(creates).every((r) => r.url.endsWith('?dryRun=All'))).toBe(true);
  });

  it('says so instead of offering an editor when the user may create nothing there', async () => {
    const seen = stubServer(
      (request) => rulesReview(request.url, ['get', 'list', 'watch']) ?? json(404, {}),
    );
    render(<CreatePage cluster="dev" namespace="demo" navigate={vi.fn()} />);
    expect((await screen.findByRole('alert')).textContent).toBe(
      'You may not create anything in namespace demo: the cluster grants you no create permission there.',
    );
    expect(screen.queryByLabelText('YAML')).toBeNull();
    expect(seen.filter(creates)).toEqual([]);
  });
});
