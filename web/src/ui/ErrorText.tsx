import type { ReactNode } from 'react';

/** A failure to tell the user, announced as an alert; nothing while there is none. */
export function ErrorText({ children }: { children: ReactNode }) {
  if (children === null || children === undefined || children === false || children === '') {
    return null;
  }
  return (
    <p role="alert" className="error">
      {children}
    </p>
  );
}
