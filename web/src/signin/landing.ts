import type { SignInMethod } from '@/api/clusters';
import { parseRoute, safeReturnPath } from '@/routes';

/**
 * The name the header's account button shows: a ServiceAccount's own name (`demo-viewer` for
 * `system:serviceaccount:demo:demo-viewer`), anyone else's whole username. The panel and
 * the button's accessible name give the whole username.
 */
export function shortName(username: string): string {
  const match = /^system:serviceaccount:[^:]+:([^:]+)$/.exec(username);
  return match?.[1] ?? username;
}

/** How a sign-in was made, for people. */
export function methodLabel(method: SignInMethod): string {
  return method === 'oidc' ? 'through your identity provider' : 'with a ServiceAccount token';
}

/**
 * Where a sign-in should leave the user: the page they were going to, when it is a page of
 * this app on this origin and not a sign-in page (a return to the form just filled in would
 * loop); otherwise undefined, and the user stays on the sign-in page, which once signed in
 * shows who they are and the cluster overview instead of the form.
 */
export function landingAfterSignIn(returnTo: string | null | undefined): string | undefined {
  const path = safeReturnPath(returnTo);
  if (path === undefined) return undefined;
  const withoutHash = path.split('#')[0] ?? '';
  const query = withoutHash.indexOf('?');
  const pathname = query < 0 ? withoutHash : withoutHash.slice(0, query);
  const search = query < 0 ? '' : withoutHash.slice(query);
  const route = parseRoute(pathname, search);
  if (route.page === 'sign-in' || route.page === 'not-found') return undefined;
  return path;
}

/** The address the identity provider sends the browser back to after an OIDC sign-in. */
export function oidcReturnTo(returnTo: string | undefined, signInPage: string): string {
  return landingAfterSignIn(returnTo) ?? signInPage;
}
