import { describe, expect, it } from 'vitest';
import { namespaceParam, namespacesParam, withDefaultNamespaces } from '@/nav/namespaceDefaults';
import { parseRoute } from '@/routes';

const pods = { group: '', version: 'v1', resource: 'pods' };
const at = (path: string, search = '') => parseRoute(path, search);

describe('default namespaces', () => {
  it('open a list whose address names no namespace on the defaults', () => {
    expect(withDefaultNamespaces(at('/c/dev/r/core/v1/pods', '?q=web'), ['demo', 'shop'])).toEqual({
      page: 'list',
      cluster: 'dev',
      kind: pods,
      query: { q: 'web', ns: ['demo', 'shop'] },
    });
  });

  it("leave an address's own namespaces, and all of them for *", () => {
    const own = at('/c/dev/r/core/v1/pods', '?ns=kube-system');
    expect(withDefaultNamespaces(own, ['demo'])).toEqual(own);
    expect(withDefaultNamespaces(at('/c/dev/r/core/v1/pods', '?ns=*&q=x'), ['demo'])).toEqual({
      page: 'list',
      cluster: 'dev',
      kind: pods,
      query: { q: 'x' },
    });
  });

  it('change nothing without defaults', () => {
    const route = at('/c/dev/r/core/v1/pods');
    expect(withDefaultNamespaces(route, [])).toBe(route);
    const overview = at('/c/dev');
    expect(withDefaultNamespaces(overview, [])).toBe(overview);
  });

  it('start the overview and the events in the first default', () => {
    expect(withDefaultNamespaces(at('/c/dev'), ['shop', 'demo'])).toEqual({
      page: 'cluster',
      cluster: 'dev',
      namespace: 'shop',
    });
    expect(withDefaultNamespaces(at('/c/dev/events'), ['shop'])).toEqual({
      page: 'events',
      cluster: 'dev',
      namespace: 'shop',
    });
    expect(withDefaultNamespaces(at('/c/dev', '?ns=*'), ['shop'])).toEqual({
      page: 'cluster',
      cluster: 'dev',
    });
    expect(withDefaultNamespaces(at('/c/dev', '?ns=demo'), ['shop'])).toMatchObject({
      namespace: 'demo',
    });
  });

  it('leave other pages alone', () => {
    const details = at('/c/dev/r/core/v1/pods/demo/web');
    expect(withDefaultNamespaces(details, ['shop'])).toBe(details);
  });

  it('write "all namespaces" as * only when defaults would otherwise come back', () => {
    expect(namespacesParam([], ['demo'])).toEqual(['*']);
    expect(namespacesParam([], [])).toEqual([]);
    expect(namespacesParam(['a'], ['demo'])).toEqual(['a']);
    expect(namespaceParam(undefined, ['demo'])).toBe('*');
    expect(namespaceParam(undefined, [])).toBeUndefined();
    expect(namespaceParam('a', ['demo'])).toBe('a');
  });
});
