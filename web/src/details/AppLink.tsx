import type { ReactNode } from 'react';
import { withBase } from '@/api/base';

/**
 * A link inside Lanthorn: a real href under `--base-url` (open in a new tab works), but a
 * plain click goes through `navigate` (which takes the app path) instead of reloading.
 */
export function AppLink({
  href,
  navigate,
  children,
  className,
}: {
  href: string;
  navigate: (to: string) => void;
  children: ReactNode;
  className?: string;
}) {
  return (
    <a
      href={withBase(href)}
      className={className}
      onClick={(event) => {
        if (
          event.button !== 0 ||
          event.metaKey ||
          event.ctrlKey ||
          event.shiftKey ||
          event.altKey
        ) {
          return;
        }
        event.preventDefault();
        navigate(href);
      }}
    >
      {children}
    </a>
  );
}
