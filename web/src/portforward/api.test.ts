import { describe, expect, it } from 'vitest';
import { forwardHref, forwardLabel } from '@/portforward/api';
import type { PortForward } from '@/portforward/api';

function forward(address: string, localPort = 41234): PortForward {
  return {
    id: 'abc',
    namespace: 'demo',
    pod: 'web-0',
    port: 80,
    localPort,
    address,
    startedAt: '2025-01-01T00:00:00Z',
  };
}

describe('port-forward links', () => {
  it('links the URL the server sends without doubling its scheme', () => {
    // What Lanthorn's POST /clusters/{c}/portforward answers today.
    expect(forwardHref(forward('http://127.0.0.1:41234'))).toBe('http://127.0.0.1:41234/');
    expect(forwardLabel(forward('http://127.0.0.1:41234'))).toBe('127.0.0.1:41234');
    expect(forwardHref(forward('http://127.0.0.1:41234/'))).toBe('http://127.0.0.1:41234/');
    expect(forwardHref(forward('HTTP://127.0.0.1:41234'))).toBe('http://127.0.0.1:41234/');
  });

  it('links a bare HOST:PORT', () => {
    expect(forwardHref(forward('127.0.0.1:41234'))).toBe('http://127.0.0.1:41234/');
    expect(forwardLabel(forward('127.0.0.1:41234'))).toBe('127.0.0.1:41234');
    expect(forwardHref(forward('[::1]:41234'))).toBe('http://[::1]:41234/');
    expect(forwardLabel(forward('http://[::1]:41234'))).toBe('[::1]:41234');
  });

  it('keeps a port that is the scheme default', () => {
    expect(forwardHref(forward('http://127.0.0.1:80', 80))).toBe('http://127.0.0.1/');
    expect(forwardLabel(forward('http://127.0.0.1:80', 80))).toBe('127.0.0.1:80');
  });

  it('never links anything but an http(s) origin', () => {
    for (const bad of ['javascript:alert(1)', 'file:///etc/passwd', '', 'http://', 'x y']) {
      expect(forwardHref(forward(bad))).toBe('http://127.0.0.1:41234/');
      expect(forwardLabel(forward(bad))).toBe('127.0.0.1:41234');
    }
    expect(forwardHref(forward('http://user:pw@127.0.0.1:41234'))).toBe('http://127.0.0.1:41234/');
    // A path or query in the address is not part of the link.
    expect(forwardHref(forward('http://127.0.0.1:41234/x?y'))).toBe('http://127.0.0.1:41234/');
  });
});
