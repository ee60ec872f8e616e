import { LoaderCircle } from 'lucide-react';
import type { LucideIcon } from 'lucide-react';
import type { ComponentPropsWithRef, ReactNode } from 'react';
import '@/ui/controls.css';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'ghost';
export type ButtonSize = 'sm' | 'md';

type NativeButton = Omit<ComponentPropsWithRef<'button'>, 'children' | 'aria-label' | 'type'>;

interface Common extends NativeButton {
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** Waiting for what it started: disabled, marked `aria-busy`, a spinner for its icon. */
  loading?: boolean;
  /** `button` unless it submits its form. */
  type?: 'button' | 'submit' | 'reset';
}

export interface ButtonProps extends Common {
  /** The visible text, which is also its accessible name unless `aria-label` says more. */
  children: ReactNode;
  /** An icon before the text, hidden from assistive technology. */
  icon?: LucideIcon;
  'aria-label'?: string;
}

export interface IconButtonProps extends Common {
  icon: LucideIcon;
  /** Its accessible name (and tooltip): an icon alone says nothing to a screen reader. */
  label: string;
  /** Text beside the icon, hidden from assistive technology (a count on the bell). */
  badge?: ReactNode;
  children?: never;
}

/** The classes of a button, for a link that looks like one (`<Link className={…}>`). */
export function buttonClass(variant: ButtonVariant = 'secondary', size: ButtonSize = 'md'): string {
  return classes('btn', variant, size, undefined);
}

function classes(
  base: string,
  variant: ButtonVariant,
  size: ButtonSize,
  extra: string | undefined,
): string {
  return [base, `btn-${variant}`, `btn-${size}`, extra].filter(Boolean).join(' ');
}

function Glyph({ icon: Icon, loading }: { icon: LucideIcon | undefined; loading: boolean }) {
  if (loading) return <LoaderCircle className="btn-icon btn-spinner" aria-hidden="true" />;
  return Icon === undefined ? null : <Icon className="btn-icon" aria-hidden="true" />;
}

/** A button drawn from the tokens: primary, secondary (the default), danger or ghost. */
export function Button({
  variant = 'secondary',
  size = 'md',
  loading = false,
  icon,
  type = 'button',
  className,
  disabled,
  children,
  ...rest
}: ButtonProps) {
  return (
    <button
      {...rest}
      type={type}
      className={classes('btn', variant, size, className)}
      disabled={disabled === true || loading}
      aria-busy={loading || undefined}
    >
      <Glyph icon={icon} loading={loading} />
      {children}
    </button>
  );
}

/** A button that is only an icon; its type makes a `label` (its accessible name) required. */
export function IconButton({
  variant = 'ghost',
  size = 'md',
  loading = false,
  icon,
  label,
  badge,
  type = 'button',
  className,
  disabled,
  title,
  ...rest
}: IconButtonProps) {
  return (
    <button
      {...rest}
      type={type}
      className={classes('btn btn-icon-only', variant, size, className)}
      disabled={disabled === true || loading}
      aria-busy={loading || undefined}
      aria-label={label}
      title={title ?? label}
    >
      <Glyph icon={icon} loading={loading} />
      {badge !== undefined && badge !== null && badge !== false && (
        <span className="btn-badge" aria-hidden="true">
          {badge}
        </span>
      )}
    </button>
  );
}
