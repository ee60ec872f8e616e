import { useEffect } from 'react';
import type { Navigate } from '@/nav/navigation';
import { signInUrl } from '@/routes';

/**
 * A page of a cluster the caller has no credential for (`/config` says `none`): every
 * request would be refused, so the app goes to sign-in straight away, coming back here.
 */
export function SignInFirst({
  cluster,
  returnTo,
  navigate,
}: {
  cluster: string;
  returnTo: string;
  navigate: Navigate;
}) {
  useEffect(() => {
    navigate(signInUrl(cluster, returnTo), { replace: true });
  }, [cluster, returnTo, navigate]);
  return <p>Sign in to {cluster} to see this page…</p>;
}
