import type { SignInMethod } from '@/api/clusters';
import { clusterPageUrl, parseRoute, safeReturnPath } from '@/routes';

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
 * loop); otherwise the cluster's overview. Never the sign-in form again.
 */
export function landingAfterSignIn(cluster: string, returnTo: string | null | undefined): string {
  return returnPage(returnTo) ?? clusterPageUrl(cluster);
}

/** `returnTo` when it is a page of this app worth going back to, else undefined. */
function returnPage(returnTo: string | null | undefined): string | undefined {
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
