import type { ReactNode } from 'react';

/**
 * A link inside Lanthorn: a real href (open in a new tab works), but a plain click goes
 * through `navigate` instead of reloading the page.
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
      href={href}
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
