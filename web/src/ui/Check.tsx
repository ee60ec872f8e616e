import type { ComponentPropsWithRef, ReactNode } from 'react';
import '@/ui/controls.css';

type Native = Omit<ComponentPropsWithRef<'input'>, 'type' | 'children'>;

interface CheckProps extends Native {
  /** Visible text, wrapped with the box in one `<label>`; without it give `aria-label`. */
  children?: ReactNode;
  /** The class of the wrapping label, when there is one. */
  labelClassName?: string;
}

function Choice({
  type,
  children,
  className,
  labelClassName,
  ...rest
}: CheckProps & { type: 'checkbox' | 'radio' }) {
  const box = (
    <input
      {...rest}
      type={type}
      className={className === undefined ? 'check' : `check ${className}`}
    />
  );
  if (children === undefined) return box;
  return (
    <label
      className={labelClassName === undefined ? 'check-label' : `check-label ${labelClassName}`}
    >
      {box}
      <span>{children}</span>
    </label>
  );
}

/** A checkbox drawn from the tokens, with its label text when given. */
export function Checkbox(props: CheckProps) {
  return <Choice {...props} type="checkbox" />;
}

/** A radio button drawn from the tokens, with its label text when given. */
export function Radio(props: CheckProps) {
  return <Choice {...props} type="radio" />;
}
