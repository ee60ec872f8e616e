import type { ComponentPropsWithRef } from 'react';
import '@/ui/controls.css';

type InputProps = Omit<ComponentPropsWithRef<'input'>, 'type'> & {
  /** A text-like type; checkboxes and radios are `Checkbox` and `Radio`. */
  type?: 'text' | 'search' | 'number' | 'password' | 'url' | 'email';
};

const join = (base: string, extra: string | undefined) =>
  extra === undefined ? base : `${base} ${extra}`;

/** A text field drawn from the tokens. Its label is the caller's (`<label>` or `aria-label`). */
export function Input({ className, type = 'text', ...rest }: InputProps) {
  return <input {...rest} type={type} className={join('field', className)} />;
}

/** A multi-line text field drawn from the tokens. */
export function TextArea({ className, ...rest }: ComponentPropsWithRef<'textarea'>) {
  return <textarea {...rest} className={join('field field-area', className)} />;
}
