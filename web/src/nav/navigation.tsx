import { createContext, useContext } from 'react';
import type { AnchorHTMLAttributes, MouseEvent, ReactNode } from 'react';
import { withBase } from '@/api/base';

/**
 * Moves to another page of the app, given as an app path (`/c/dev/…`, without `--base-url`):
 * `replace` rewrites the current history entry.
 */
export type Navigate = (to: string, options?: { replace?: boolean }) => void;

const NavigationContext = createContext<Navigate>((to) => {
  window.location.assign(withBase(to));
});

export function NavigationProvider({
  navigate,
  children,
}: {
  navigate: Navigate;
  children: ReactNode;
}) {
  return <NavigationContext.Provider value={navigate}>{children}</NavigationContext.Provider>;
}

export function useNavigate(): Navigate {
  return useContext(NavigationContext);
}

/** A click the browser should handle itself: new tab, new window, download, middle button. */
export function isPlainClick(
  event: Pick<MouseEvent, 'button' | 'metaKey' | 'ctrlKey' | 'shiftKey' | 'altKey'>,
): boolean {
  return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { href: string };

/**
 * A real link to an app path (shareable, opens in a new tab; the href carries `--base-url`)
 * that navigates in place on a plain click.
 */
export function Link({ href, onClick, children, ...rest }: LinkProps) {
  const navigate = useNavigate();
  return (
    <a
      {...rest}
      href={withBase(href)}
      onClick={(event) => {
        onClick?.(event);
        if (event.defaultPrevented || !isPlainClick(event) || rest.target !== undefined) return;
        event.preventDefault();
        navigate(href);
      }}
    >
      {children}
    </a>
  );
}
