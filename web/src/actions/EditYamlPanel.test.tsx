import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { KubeObject, ResourceKind } from '@/api/kube';
import { EditYamlPanel } from '@/actions/EditYamlPanel';
import { json, stubServer } from '@/testing/testServer';
import type { SeenRequest } from '@/testing/testServer';
import type { EditorOptions } from '@/yaml/codemirror';

// CodeMirror does not type in jsdom: stand in a plain text area for it.
vi.mock('@/yaml/codemirror', () => ({
  mountYamlEditor: (parent: HTMLElement, options: EditorOptions) => {
    const area = document.createElement('textarea');
    area.setAttribute('aria-label', options.label);
    area.value = options.initialValue;
    const changed = () => {
      options.onChange(area.value);
    };
    area.addEventListener('input', changed);
    area.addEventListener('change', changed);
    parent.appendChild(area);
    return { destroy: () => area.remove(), focus: () => area.focus() };
  },
}));

const configMaps: ResourceKind = {
  group: '',
  version: 'v1',
  resource: 'configmaps',
  kind: 'ConfigMap',
  namespaced: true,
  verbs: [],
  shortNames: [],
};

const live: KubeObject = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: {
    name: 'settings',
    namespace: 'demo',
    resourceVersion: '10',
    managedFields: [{ manager: 'kubectl' }],
  } as KubeObject['metadata'],
  data: { color: 'blue', size: 'large' },
};

const path = '/clusters/dev/api/v1/namespaces/demo/configmaps/settings';

/** The object as someone else left it: `data` changed when `really`, else status only. */
const changed = (really: boolean): KubeObject => ({
  ...live,
  metadata: { ...live.metadata, resourceVersion: '11' },
  ...(really ? { data: { color: 'red', size: 'large' } } : { status: { seen: 'now' } }),
});

function renderPanel(answer: (request: SeenRequest) => Response, changedUnderneath = true) {
  const seen = stubServer(answer);
  const onApplied = vi.fn();
  const onReload = vi.fn(() => Promise.resolve(changed(changedUnderneath)));
  render(
    <EditYamlPanel
      target={{ cluster: 'dev', kind: configMaps, namespace: 'demo', name: 'settings' }}
      live={live}
      onApplied={onApplied}
      onCancel={vi.fn()}
      onReload={onReload}
    />,
  );
  return { seen, onApplied, onReload };
}

async function editor(): Promise<HTMLTextAreaElement> {
  return (await screen.findByLabelText('YAML')) as HTMLTextAreaElement;
}

function type(area: HTMLTextAreaElement, text: string) {
  fireEvent.change(area, { target: { value: text } });
}

beforeEach(() => {
  window.history.pushState(null, '', '/');
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('EditYamlPanel', () => {
  it('loads the editor lazily with the YAML minus managedFields', async () => {
    renderPanel(() => json(200, {}));
    expect(screen.getByText('Loading editor…')).toBeTruthy();
    const area = await editor();
    expect(area.value).toContain('resourceVersion: "10"');
    expect(area.value).toContain('color: blue');
    expect(area.value).not.toContain('managedFields');
    expect(screen.queryByText('Loading editor…')).toBeNull();
  });

  it('dry-runs, shows the diff, then applies', async () => {
    const { seen, onApplied } = renderPanel((request) => {
      const body = request.body as KubeObject;
      return json(200, { ...body, metadata: { ...body.metadata, resourceVersion: '12' } });
    });
    const area = await editor();
    type(area, area.value.replace('color: blue', 'color: green'));
    fireEvent.click(screen.getByRole('button', { name: 'Review changes' }));

    const diff = await screen.findByRole('region', { name: 'Diff' });
    const dryRun = seen[0];
    expect(dryRun?.method).toBe('PUT');
    expect(dryRun?.url).toBe(`${path}?dryRun=All`);
    expect(dryRun?.body).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'settings', namespace: 'demo', resourceVersion: '10' },
      data: { color: 'green', size: 'large' },
    });
    const added = diff.querySelectorAll('.diff-add');
    const removed = diff.querySelectorAll('.diff-del');
    expect([...added].map((line) => line.textContent)).toEqual(['+  color: green']);
    expect([...removed].map((line) => line.textContent)).toEqual(['-  color: blue']);
    // resourceVersion differs between live and dry-run result but is not a change to review.
    expect(diff.textContent).not.toContain('resourceVersion');

    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    await waitFor(() => {
      expect(onApplied).toHaveBeenCalledWith('Saved your changes to ConfigMap settings.');
    });
    expect(seen[1]?.url).toBe(path);
    expect(seen[1]?.method).toBe('PUT');
  });

  it("keeps the text and shows the parser's line on a YAML error", async () => {
    const { seen } = renderPanel(() => json(200, {}));
    const area = await editor();
    const broken = `${area.value}extra: [unclosed\n`;
    type(area, broken);
    fireEvent.click(screen.getByRole('button', { name: 'Review changes' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /^The YAML could not be read\. Line \d+, column \d+: /,
    );
    expect(area.value).toBe(broken);
    expect(seen).toEqual([]);
  });

  it('on a conflict keeps the edits and reloads the latest version under them', async () => {
    const { seen, onReload } = renderPanel((request) =>
      request.url.endsWith('?dryRun=All')
        ? json(200, request.body)
        : json(409, {
            kind: 'Status',
            reason: 'Conflict',
            message:
              'the object has been modified; please apply your changes to the latest version',
          }),
    );
    const area = await editor();
    type(area, area.value.replace('size: large', 'size: small'));
    fireEvent.click(screen.getByRole('button', { name: 'Review changes' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Apply' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The object changed since you opened it');
    fireEvent.click(within(alert).getByRole('button', { name: 'Reload' }));
    await waitFor(() => {
      expect(onReload).toHaveBeenCalled();
    });
    const again = await waitFor(async () => {
      const current = await editor();
      expect(current.value).toContain('resourceVersion: "11"');
      return current;
    });
    expect(again.value).toContain('size: small');
    expect(screen.getByRole('status').textContent).toContain('Your edits are kept');
    expect(seen.filter((r) => r.method === 'PUT')).toHaveLength(2);
  });

  it('retries on top of the latest version when only status changed underneath', async () => {
    const { seen, onReload } = renderPanel((request) => {
      const body = request.body as KubeObject;
      return body.metadata.resourceVersion === '10'
        ? json(409, { kind: 'Status', reason: 'Conflict', message: 'modified' })
        : json(200, body);
    }, false);
    const area = await editor();
    type(area, area.value.replace('size: large', 'size: small'));
    fireEvent.click(screen.getByRole('button', { name: 'Review changes' }));
    const diff = await screen.findByRole('region', { name: 'Diff' });
    expect(onReload).toHaveBeenCalledTimes(1);
    expect(seen.map((r) => (r.body as KubeObject).metadata.resourceVersion)).toEqual(['10', '11']);
    expect([...diff.querySelectorAll('.diff-add')].map((line) => line.textContent)).toEqual([
      '+  size: small',
    ]);
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
