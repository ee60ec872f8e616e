import { afterEach, describe, expect, it } from 'vitest';
import { basePath, withBase, withoutBase } from '@/api/base';

function setBase(href: string | null) {
  document.querySelectorAll('base').forEach((b) => {
    b.remove();
  });
  if (href !== null) {
    const base = document.createElement('base');
    base.setAttribute('href', href);
    document.head.append(base);
  }
}

describe('the base path', () => {
  afterEach(() => {
    setBase(null);
  });

  it('is empty at the root, with or without a base element', () => {
    setBase(null);
    expect(basePath()).toBe('');
    setBase('/');
    expect(withBase('/config')).toBe('/config');
    expect(withoutBase('/c/dev')).toBe('/c/dev');
  });

  it('prefixes requests and strips itself from locations under a prefix', () => {
    setBase('/lanthorn/');
    expect(basePath()).toBe('/lanthorn');
    expect(withBase('/clusters/dev/api')).toBe('/lanthorn/clusters/dev/api');
    expect(withoutBase('/lanthorn/c/dev/sign-in')).toBe('/c/dev/sign-in');
    expect(withoutBase('/lanthorn')).toBe('/');
    expect(withoutBase('/lanthornish/c')).toBe('/lanthornish/c');
  });
});
