import { ChevronDown } from 'lucide-react';
import type { ComponentPropsWithRef } from 'react';
import '@/ui/controls.css';

/**
 * A native select drawn from the tokens, with a chevron of ours. Native, so the keyboard and
 * screen readers work as everywhere else; its label is the caller's.
 */
export function Select({ className, ...rest }: ComponentPropsWithRef<'select'>) {
  return (
    <span className={className === undefined ? 'select' : `select ${className}`}>
      <select {...rest} className="field field-select" />
      <ChevronDown className="select-chevron" size={16} aria-hidden="true" />
    </span>
  );
}
