import { describe, expect, it } from 'vitest';
import { landingAfterSignIn, methodLabel, oidcReturnTo, shortName } from '@/signin/landing';

describe('landingAfterSignIn', () => {
  it('goes back to the page the user was going to, query and all', () => {
    expect(landingAfterSignIn('/c/dev/r/apps/v1/deployments/demo/web')).toBe(
      '/c/dev/r/apps/v1/deployments/demo/web',
    );
    expect(landingAfterSignIn('/c/dev/r/core/v1/pods?ns=demo&q=web')).toBe(
      '/c/dev/r/core/v1/pods?ns=demo&q=web',
    );
    expect(landingAfterSignIn('/c/dev')).toBe('/c/dev');
  });

  it('stays when there is nowhere to go back to', () => {
    expect(landingAfterSignIn(undefined)).toBeUndefined();
    expect(landingAfterSignIn(null)).toBeUndefined();
    expect(landingAfterSignIn('')).toBeUndefined();
  });

  it('never goes back to a sign-in page, another site or no page', () => {
    expect(landingAfterSignIn('/c/dev/sign-in')).toBeUndefined();
    expect(landingAfterSignIn('/c/dev/sign-in?return=%2Fc%2Fdev')).toBeUndefined();
    expect(landingAfterSignIn('//evil.example/')).toBeUndefined();
    expect(landingAfterSignIn('/\\evil.example')).toBeUndefined();
    expect(landingAfterSignIn('https://evil.example/')).toBeUndefined();
    expect(landingAfterSignIn('/c/dev/nothing-here')).toBeUndefined();
  });
});

describe('oidcReturnTo', () => {
  it('is the page the user was going to, else the sign-in page', () => {
    expect(oidcReturnTo('/c/dev/r/core/v1/pods', '/c/dev/sign-in')).toBe('/c/dev/r/core/v1/pods');
    expect(oidcReturnTo(undefined, '/c/dev/sign-in')).toBe('/c/dev/sign-in');
    expect(oidcReturnTo('/c/dev/sign-in', '/c/dev/sign-in')).toBe('/c/dev/sign-in');
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
