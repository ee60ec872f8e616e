import { describe, expect, it } from 'vitest';
import {
  decodeFrame,
  encodeCloseStdin,
  encodeResize,
  encodeStdin,
  parseStatus,
  STDERR,
  STDOUT,
} from '@/terminal/channel';

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (data: Uint8Array) => new TextDecoder().decode(data);

describe('the channel protocol', () => {
  it('prefixes stdin with channel 0, as UTF-8', () => {
    expect([...encodeStdin('ls\r')]).toEqual([0, 0x6c, 0x73, 0x0d]);
    expect([...encodeStdin('é')]).toEqual([0, 0xc3, 0xa9]);
    expect([...encodeStdin(new Uint8Array([3]))]).toEqual([0, 3]);
  });

  it('sends a resize on channel 4 as {"Width","Height"}', () => {
    const frame = encodeResize(120, 40);
    expect(frame[0]).toBe(4);
    expect(JSON.parse(text(frame.subarray(1)))).toEqual({ Width: 120, Height: 40 });
  });

  it('closes stdin with [255, 0] (v5)', () => {
    expect([...encodeCloseStdin()]).toEqual([255, 0]);
  });

  it('splits output frames into channel and bytes', () => {
    const out = decodeFrame(new Uint8Array([STDOUT, ...bytes('hello')]).buffer);
    expect(out?.channel).toBe(STDOUT);
    expect(text(out?.data ?? new Uint8Array())).toBe('hello');
    expect(decodeFrame(new Uint8Array([STDERR]))?.data.length).toBe(0);
    expect(decodeFrame(new ArrayBuffer(0))).toBeNull();
  });

  it("reads the final status: success, an exit code, or the runtime's error", () => {
    expect(parseStatus(bytes('{"metadata":{},"status":"Success"}'))).toEqual({
      success: true,
      message: '',
      reason: '',
      exitCode: 0,
    });
    const exited = parseStatus(
      bytes(
        JSON.stringify({
          status: 'Failure',
          message: 'command terminated with non-zero exit code: exit status 3',
          reason: 'NonZeroExitCode',
          details: { causes: [{ reason: 'ExitCode', message: '3' }] },
        }),
      ),
    );
    expect(exited).toMatchObject({ success: false, reason: 'NonZeroExitCode', exitCode: 3 });
    const missing = parseStatus(
      bytes(
        JSON.stringify({
          status: 'Failure',
          message:
            'OCI runtime exec failed: exec: "bash": executable file not found in $PATH: unknown',
          reason: 'InternalError',
        }),
      ),
    );
    expect(missing).toMatchObject({ success: false, exitCode: undefined });
    expect(parseStatus(bytes('not json'))).toMatchObject({ success: false, message: 'not json' });
  });
});
