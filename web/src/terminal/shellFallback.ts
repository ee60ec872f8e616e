import type { ExitStatus } from '@/terminal/channel';

/** The shells tried, in order, when the user leaves the choice to Lanthorn. */
export const AUTO_SHELLS = ['bash', 'sh'];

/** How one attempt to run a shell ended. */
export type AttemptEnd =
  /** The socket never opened (refused upgrade, or Lanthorn unreachable). */
  | { kind: 'refused' }
  /** The cluster sent a final status on channel 3. */
  | { kind: 'status'; status: ExitStatus; sawOutput: boolean; typed: boolean }
  /** The socket closed without a status. */
  | { kind: 'closed'; sawOutput: boolean; typed: boolean };

export type NextStep =
  | { action: 'try'; shell: string }
  | { action: 'no-shell'; message: string }
  | { action: 'ended'; message: string; failed: boolean };

const NOT_FOUND =
  /executable file not found|no such file or directory|not found in \$PATH|command not found|exec format error/i;

/** Whether an attempt failed because the shell does not exist in the container. */
export function shellMissing(end: AttemptEnd): boolean {
  switch (end.kind) {
    case 'refused':
      return false;
    case 'status':
      if (end.status.success || end.typed) return false;
      return (
        NOT_FOUND.test(end.status.message) ||
        end.status.exitCode === 126 ||
        end.status.exitCode === 127
      );
    case 'closed':
      return !end.sawOutput && !end.typed;
  }
}

/** What to say when a session ended (or never started). */
export function endMessage(end: AttemptEnd): { message: string; failed: boolean } {
  switch (end.kind) {
    case 'refused':
      return {
        message:
          'The terminal could not be opened: the cluster refused it, or Lanthorn could not be reached.',
        failed: true,
      };
    case 'status':
      if (end.status.success) return { message: 'The session ended.', failed: false };
      if (end.status.exitCode !== undefined) {
        return {
          message: `The session ended with exit code ${end.status.exitCode}.`,
          failed: false,
        };
      }
      return { message: end.status.message || 'The session failed.', failed: true };
    case 'closed':
      return { message: 'The connection closed.', failed: false };
  }
}

/**
 * What to do after the attempt with `shells[tried - 1]` ended: try the next shell when this
 * one is missing, else say why it ended — and that the container has no shell once every
 * one was missing.
 */
export function afterAttempt(shells: readonly string[], tried: number, end: AttemptEnd): NextStep {
  if (shellMissing(end)) {
    const next = shells[tried];
    if (next !== undefined) return { action: 'try', shell: next };
    return {
      action: 'no-shell',
      message:
        shells.length === 1
          ? `This container has no ${shells[0] ?? 'shell'}.`
          : `This container has no shell (tried ${shells.join(', ')}).`,
    };
  }
  return { action: 'ended', ...endMessage(end) };
}
