import { useState } from 'react';
import type { FormEvent } from 'react';
import { errorMessage } from '@/api/http';
import { useAppMutation } from '@/api/query';
import { ErrorText } from '@/ui/ErrorText';
import { oidcSignInUrl, signInWithToken, signOut } from '@/api/clusters';
import type { Cluster } from '@/api/clusters';
import { Link } from '@/nav/navigation';
import { Overview } from '@/overview/Overview';
import { clusterPageUrl } from '@/routes';
import { Button } from '@/ui/Button';
import { TextArea } from '@/ui/Input';
import { methodLabel } from '@/signin/landing';

interface Props {
  cluster: Cluster;
  /**
   * Where a sign-in leaves the user (a same-origin path, never a sign-in page): after a
   * token sign-in the app moves there, after an OIDC sign-in the provider sends the browser
   * back there.
   */
  next: string;
  /**
   * The user was sent here to sign in (a session ended, a page needed one): the form shows
   * even while an earlier answer still says who was signed in.
   */
  sentToSignIn?: boolean;
  /** Moves to `next` inside the app. */
  navigate?: (to: string) => void;
  /**
   * Called after signing in or out, so the cluster list is read again; a sign-in moves on
   * once it has been (the next page must know the new credential).
   */
  onChanged: () => Promise<void> | void;
  /** Sends the browser elsewhere (the provider's sign-out page). */
  navigateAway: (url: string) => void;
}

/** Sign-in to one cluster: paste a ServiceAccount token, or go to the OIDC provider. */
export function SignInPage({
  cluster,
  next,
  sentToSignIn = false,
  navigate,
  onChanged,
  navigateAway,
}: Props) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const signingIn = useAppMutation({
    mutationFn: (pasted: string) => signInWithToken(cluster.name, pasted),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    signingIn.mutate(token.trim(), {
      onSuccess: () => {
        setToken('');
        void Promise.resolve(onChanged()).finally(() => {
          navigate?.(next);
        });
      },
      onError: (caught) => {
        setError(errorMessage(caught, 'the server could not be reached'));
      },
    });
  };

  const leave = async () => {
    setError(null);
    try {
      const endSession = await signOut();
      // signOut() has already forgotten the session's answers; this page shows the form.
      if (endSession !== null) navigateAway(endSession);
    } catch (caught) {
      setError(errorMessage(caught, 'the server could not be reached'));
    }
  };

  const signedIn = cluster.signedInAs;
  // Signed in, the page leads with who you are; the form stays below, for someone else.
  const another = signedIn !== null && !sentToSignIn;
  return (
    <section aria-label={`Sign in to ${cluster.name}`}>
      <h1>{cluster.name}</h1>
      {signedIn !== null && (
        <div className="who">
          <p>
            Signed in as <strong>{signedIn.username}</strong>
            {signedIn.groups.length > 0 && <> (groups: {signedIn.groups.join(', ')})</>}
            <span className="muted"> — {methodLabel(signedIn.method)}</span>
          </p>
          <p>
            <Link href={clusterPageUrl(cluster.name)}>Browse {cluster.name}</Link>
          </p>
          <div className="who-actions">
            <Button onClick={() => void leave()}>Sign out</Button>
          </div>
          <Overview cluster={cluster.name} />
        </div>
      )}
      {another && <h2 className="sign-in-another">Sign in as someone else</h2>}
      {cluster.signInMethods.includes('oidc') && (
        <p>
          <a className="button" href={oidcSignInUrl(cluster.name, next)}>
            Sign in with your identity provider
          </a>
        </p>
      )}
      <form onSubmit={submit}>
        <label htmlFor="token">ServiceAccount token</label>
        <TextArea
          id="token"
          value={token}
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => {
            setToken(event.target.value);
          }}
        />
        <Button
          type="submit"
          variant="primary"
          disabled={signingIn.isPending || token.trim() === ''}
        >
          Sign in with token
        </Button>
      </form>
      <ErrorText>{error}</ErrorText>
    </section>
  );
}
