import type { Tone } from '@/map/model';
import { worseTone } from '@/ui/status';

/**
 * The map's words for the shared status tones (`ui/status.ts`), in the order the status
 * filter offers them, and the summaries of a group of pods.
 */
export const TONE_WORDS: Record<Tone, string> = {
  good: 'healthy',
  done: 'done',
  pending: 'on its way',
  warn: 'needs a look',
  bad: 'failing',
  info: 'no status',
  neutral: 'unknown',
};

export const TONES = Object.keys(TONE_WORDS) as Tone[];

/** A count of zero for every tone. */
export const noTones = (): Record<Tone, number> => ({
  good: 0,
  done: 0,
  pending: 0,
  warn: 0,
  bad: 0,
  info: 0,
  neutral: 0,
});

/** "3 healthy, 1 failing" */
export function toneSummary(tones: Record<Tone, number>): string {
  return TONES.filter((tone) => tones[tone] > 0)
    .map((tone) => `${tones[tone]} ${TONE_WORDS[tone]}`)
    .join(', ');
}

/** The worst tone of a group with any members; `info` for none. */
export function worstTone(tones: Record<Tone, number>): Tone {
  return TONES.filter((tone) => tones[tone] > 0).reduce<Tone>(worseTone, 'info');
}
