import { describe, expect, it } from 'vitest';
import { namespacesInView } from '@/nav/viewNamespaces';

describe('namespacesInView', () => {
  it("keeps the user's own namespaces beside the page's, so an unreadable one hides nothing", () => {
    expect(namespacesInView(['kube-system'], ['demo'])).toEqual(['kube-system', 'demo']);
    expect(namespacesInView(['demo'], ['demo', 'shop'])).toEqual(['demo', 'shop']);
    expect(namespacesInView(undefined, ['demo'])).toEqual(['demo']);
    expect(namespacesInView(undefined, [])).toEqual([]);
  });
});
