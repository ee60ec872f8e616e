import {
  CheckCheck,
  CircleCheck,
  CircleQuestionMark,
  CircleX,
  Clock,
  Info,
  TriangleExclamationPoint,
} from 'lucide-react';
import type { LucideIcon } from 'lucide-react';
import { statusTone } from '@/ui/status';
import type { StatusTone } from '@/ui/status';
import '@/ui/controls.css';

const ICONS: Record<StatusTone, LucideIcon> = {
  good: CircleCheck,
  done: CheckCheck,
  pending: Clock,
  warn: TriangleExclamationPoint,
  bad: CircleX,
  info: Info,
  neutral: CircleQuestionMark,
};

/**
 * A status as an icon, a colour and its text — never the colour alone. The tone comes from
 * the text (`statusTone`) unless the caller knows better (a pod Running with containers
 * not ready is `warn`).
 */
export function StatusBadge({
  text,
  tone,
  className,
}: {
  text: string;
  tone?: StatusTone | undefined;
  className?: string | undefined;
}) {
  const shown = tone ?? statusTone(text);
  const Icon = ICONS[shown];
  return (
    <span
      className={
        className === undefined ? `badge tone-${shown}` : `badge tone-${shown} ${className}`
      }
      data-tone={shown}
    >
      <Icon className="badge-icon" size={14} strokeWidth={2.25} aria-hidden="true" />
      <span className="badge-text">{text}</span>
    </span>
  );
}
