import { describe, expect, it } from 'vitest';
import { landingAfterSignIn, methodLabel, shortName } from '@/signin/landing';

describe('landingAfterSignIn', () => {
  it('goes back to the page the user was going to, query and all', () => {
    expect(landingAfterSignIn('dev', '/c/dev/r/apps/v1/deployments/demo/web')).toBe(
      '/c/dev/r/apps/v1/deployments/demo/web',
    );
    expect(landingAfterSignIn('dev', '/c/dev/r/core/v1/pods?ns=demo&q=web')).toBe(
      '/c/dev/r/core/v1/pods?ns=demo&q=web',
    );
    expect(landingAfterSignIn('dev', '/c/dev')).toBe('/c/dev');
  });

  it('goes to the overview when there is nowhere to go back to', () => {
    expect(landingAfterSignIn('dev', undefined)).toBe('/c/dev');
    expect(landingAfterSignIn('dev', null)).toBe('/c/dev');
    expect(landingAfterSignIn('dev', '')).toBe('/c/dev');
  });

  it('never goes back to a sign-in page, another site or no page', () => {
    expect(landingAfterSignIn('dev', '/c/dev/sign-in')).toBe('/c/dev');
    expect(landingAfterSignIn('dev', '/c/dev/sign-in?return=%2Fc%2Fdev')).toBe('/c/dev');
    expect(landingAfterSignIn('dev', '//evil.example/')).toBe('/c/dev');
    expect(landingAfterSignIn('dev', '/\\evil.example')).toBe('/c/dev');
    expect(landingAfterSignIn('dev', 'https://evil.example/')).toBe('/c/dev');
    expect(landingAfterSignIn('dev', '/c/dev/nothing-here')).toBe('/c/dev');
  });
});

describe('methodLabel', () => {
  it('says how the user signed in', () => {
    expect(methodLabel('token')).toBe('with a ServiceAccount token');
    expect(methodLabel('oidc')).toBe('through your identity provider');
  });
});

describe('shortName', () => {
  it("is a ServiceAccount's own name, anyone else's whole username", () => {
    expect(shortName('system:serviceaccount:demo:demo-viewer')).toBe('demo-viewer');
    expect(shortName('admin@example.com')).toBe('admin@example.com');
    expect(shortName('system:admin')).toBe('system:admin');
  });
});
