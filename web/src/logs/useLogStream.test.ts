import { describe, expect, it } from 'vitest';
import { resumeNote } from '@/logs/useLogStream';

describe('resumeNote', () => {
  it('says nothing when the server ended a read at its time limit', () => {
    expect(resumeNote('timeLimit')).toBeNull();
  });

  it('names why lines were read again otherwise', () => {
    expect(resumeNote('fellBehind')).toMatch(/faster than it could be shown/);
    expect(resumeNote('reconnected')).toMatch(/connection to Lanthorn was lost/);
    expect(resumeNote()).toMatch(/connection to Lanthorn was lost/);
  });
});
