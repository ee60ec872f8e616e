import { describe, expect, it } from 'vitest';
import type { ExitStatus } from '@/terminal/channel';
import { afterAttempt, AUTO_SHELLS, shellMissing } from '@/terminal/shellFallback';

const failure = (message: string, exitCode?: number): ExitStatus => ({
  success: false,
  message,
  reason: '',
  exitCode,
});
const notFound = failure(
  'OCI runtime exec failed: exec failed: unable to start container process: exec: "bash": executable file not found in $PATH: unknown',
);

describe('shell fallback', () => {
  it('tries sh when bash is not in the container', () => {
    expect(
      afterAttempt(AUTO_SHELLS, 1, {
        kind: 'status',
        status: notFound,
        sawOutput: false,
        typed: false,
      }),
    ).toEqual({ action: 'try', shell: 'sh' });
  });

  it('says the container has no shell once every one was missing', () => {
    const end = {
      kind: 'status',
      status: failure('no such file or directory'),
      sawOutput: false,
      typed: false,
    } as const;
    expect(afterAttempt(AUTO_SHELLS, 2, end)).toEqual({
      action: 'no-shell',
      message: 'This container has no shell (tried bash, sh).',
    });
    expect(afterAttempt(['zsh'], 1, end)).toEqual({
      action: 'no-shell',
      message: 'This container has no zsh.',
    });
  });

  it('counts exit codes 126 and 127 before any typing as a missing shell', () => {
    const code127 = {
      kind: 'status',
      status: failure('exit', 127),
      sawOutput: true,
      typed: false,
    } as const;
    expect(shellMissing(code127)).toBe(true);
    expect(shellMissing({ ...code127, typed: true })).toBe(false);
    // A socket closed before any output: the shell never started.
    expect(shellMissing({ kind: 'closed', sawOutput: false, typed: false })).toBe(true);
    expect(shellMissing({ kind: 'closed', sawOutput: true, typed: false })).toBe(false);
  });

  it('ends normally after a session that ran, with its exit code', () => {
    expect(
      afterAttempt(AUTO_SHELLS, 1, {
        kind: 'status',
        status: { success: true, message: '', reason: '', exitCode: 0 },
        sawOutput: true,
        typed: true,
      }),
    ).toEqual({ action: 'ended', message: 'The session ended.', failed: false });
    expect(
      afterAttempt(AUTO_SHELLS, 1, {
        kind: 'status',
        status: failure('command terminated with non-zero exit code', 130),
        sawOutput: true,
        typed: true,
      }),
    ).toEqual({ action: 'ended', message: 'The session ended with exit code 130.', failed: false });
  });

  it('does not try another shell when the connection was refused', () => {
    const next = afterAttempt(AUTO_SHELLS, 1, { kind: 'refused' });
    expect(next).toMatchObject({ action: 'ended', failed: true });
  });
});
