import { describe, expect, it } from 'vitest';
import { noTones, toneSummary, worstTone } from '@/map/tones';

describe('group tones', () => {
  it('summarises the tones present, in order', () => {
    expect(toneSummary({ ...noTones(), bad: 1, good: 3 })).toBe('3 healthy, 1 failing');
    expect(toneSummary(noTones())).toBe('');
  });

  it('takes the worst tone of the members', () => {
    expect(worstTone({ ...noTones(), good: 4, pending: 1 })).toBe('pending');
    expect(worstTone({ ...noTones(), good: 4, pending: 1, bad: 1 })).toBe('bad');
    expect(worstTone({ ...noTones(), done: 2 })).toBe('done');
    expect(worstTone(noTones())).toBe('info');
  });
});
