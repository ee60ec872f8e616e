import type { ReactNode } from 'react';
import { ActionsRow } from '@/ui/ActionsRow';
import { Button } from '@/ui/Button';
import { Dialog } from '@/ui/Dialog';
import { ErrorText } from '@/ui/ErrorText';

/**
 * A dialog asking for something and doing it: its fields, the error of the last try, and
 * Cancel beside the button that does it. Both buttons wait while `busy`.
 *
 * With `form` (the default) the content is a form and Enter in a field submits it; a
 * confirmation (`form={false}`) does it only when its button is pressed.
 */
export function FormDialog({
  title,
  submitLabel,
  danger = false,
  busy = false,
  form = true,
  error,
  onSubmit,
  onClose,
  children,
}: {
  title: string;
  submitLabel: string;
  /** The button is styled as destructive. */
  danger?: boolean;
  busy?: boolean;
  form?: boolean;
  error: ReactNode;
  onSubmit: () => void;
  onClose: () => void;
  children: ReactNode;
}) {
  const buttons = (
    <ActionsRow>
      <Button variant="ghost" onClick={onClose} disabled={busy}>
        Cancel
      </Button>
      <Button
        type={form ? 'submit' : 'button'}
        variant={danger ? 'danger' : 'primary'}
        loading={busy}
        {...(form ? {} : { onClick: onSubmit })}
      >
        {submitLabel}
      </Button>
    </ActionsRow>
  );
  return (
    <Dialog title={title} onClose={onClose}>
      {form ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            onSubmit();
          }}
        >
          {children}
          <ErrorText>{error}</ErrorText>
          {buttons}
        </form>
      ) : (
        <>
          {children}
          <ErrorText>{error}</ErrorText>
          {buttons}
        </>
      )}
    </Dialog>
  );
}
