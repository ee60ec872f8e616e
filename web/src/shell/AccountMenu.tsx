import { ChevronDown, CircleUserRound, LogOut } from 'lucide-react';
import { useState } from 'react';
import type { Cluster, Me } from '@/api/clusters';
import { signOut } from '@/api/clusters';
import { errorMessage } from '@/api/http';
import { useClusterGet } from '@/api/query';
import { Link, useNavigate } from '@/nav/navigation';
import { signInUrl } from '@/routes';
import { methodLabel, shortName } from '@/signin/landing';
import { ErrorText } from '@/ui/ErrorText';
import { Button } from '@/ui/Button';
import { useDisclosure } from '@/ui/popup';

interface Props {
  cluster: Cluster;
}

/**
 * The header's account button: the signed-in user's name, opening who they are (username,
 * groups as the cluster resolves them, how they signed in) and **Sign out**. Its accessible
 * name starts with "Account", so it is found as the account control by name too.
 */
export function AccountMenu({ cluster }: Props) {
  const signedIn = cluster.signedInAs;
  const { open, setOpen, panelId, root, button, onKeyDown } = useDisclosure();
  const [error, setError] = useState<string | null>(null);
  const navigate = useNavigate();
  // Asked when opened: the groups the cluster resolves (system:authenticated and the like).
  const me = useClusterGet<Me>(cluster.name, open && signedIn !== null ? '/me' : null);

  if (signedIn === null) {
    return (
      <Link className="header-account" href={signInUrl(cluster.name)}>
        Sign in
      </Link>
    );
  }

  const username = me.data?.username ?? signedIn.username;
  const groups = me.data?.groups ?? signedIn.groups;

  const leave = async () => {
    setError(null);
    try {
      const endSession = await signOut();
      if (endSession !== null) {
        window.location.assign(endSession);
        return;
      }
      setOpen(false);
      navigate(signInUrl(cluster.name));
    } catch (caught) {
      setError(errorMessage(caught, 'the server could not be reached'));
    }
  };

  return (
    <div className="header-account account-menu" ref={root} onKeyDown={onKeyDown}>
      <Button
        ref={button}
        variant="ghost"
        icon={CircleUserRound}
        className="account-button"
        aria-label={`Account: ${signedIn.username}`}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => {
          setOpen(!open);
        }}
      >
        <span className="account-name">{shortName(signedIn.username)}</span>
        <ChevronDown className="btn-icon" aria-hidden="true" />
      </Button>
      {open && (
        <div id={panelId} className="account-panel" role="group" aria-label="Account">
          <p className="account-who">
            <span className="muted">Signed in to {cluster.name} as</span>
            <br />
            <strong>{username}</strong>
          </p>
          <p className="muted account-method">{methodLabel(signedIn.method)}</p>
          {groups.length > 0 && (
            <>
              <h2 className="account-heading">Groups</h2>
              <ul className="account-groups" aria-label="Groups">
                {groups.map((group) => (
                  <li key={group}>{group}</li>
                ))}
              </ul>
            </>
          )}
          <div className="account-actions">
            <Link
              href={signInUrl(cluster.name)}
              onClick={() => {
                setOpen(false);
              }}
            >
              Account page
            </Link>
            <Button icon={LogOut} onClick={() => void leave()}>
              Sign out
            </Button>
          </div>
          <ErrorText>{error}</ErrorText>
        </div>
      )}
    </div>
  );
}
