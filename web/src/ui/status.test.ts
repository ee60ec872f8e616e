import { describe, expect, it } from 'vitest';
import { statusTone, worseTone } from '@/ui/status';

describe('statusTone', () => {
  it.each([
    ['Running', 'good'],
    ['Pending', 'pending'],
    ['Failed', 'bad'],
    ['Succeeded', 'done'],
    ['Unknown', 'neutral'],
  ])('gives the pod phase %s the tone %s', (text, tone) => {
    expect(statusTone(text)).toBe(tone);
  });

  it.each([
    ['CrashLoopBackOff', 'bad'],
    ['ImagePullBackOff', 'bad'],
    ['ErrImagePull', 'bad'],
    ['Error', 'bad'],
    ['OOMKilled', 'bad'],
    ['Completed', 'done'],
    ['ContainerCreating', 'pending'],
    ['Terminating', 'pending'],
  ])('gives the container reason %s the tone %s', (text, tone) => {
    expect(statusTone(text)).toBe(tone);
  });

  it('tells Ready from NotReady, however it is spelt', () => {
    expect(statusTone('Ready')).toBe('good');
    expect(statusTone('NotReady')).toBe('bad');
    expect(statusTone('Not ready')).toBe('bad');
    expect(statusTone('True')).toBe('good');
    expect(statusTone('False')).toBe('bad');
  });

  it('marks a cordoned node, taking the worst of the states kubectl joins', () => {
    expect(statusTone('Ready,SchedulingDisabled')).toBe('warn');
    expect(statusTone('NotReady,SchedulingDisabled')).toBe('bad');
    expect(statusTone('Ready, cordoned')).toBe('warn');
  });

  it('gives Warning events a warning and Normal ones a quiet tone', () => {
    expect(statusTone('Warning')).toBe('warn');
    expect(statusTone('Normal')).toBe('info');
  });

  it('reads init containers and exit signals as kubectl writes them', () => {
    expect(statusTone('Init:0/2')).toBe('pending');
    expect(statusTone('Init:CrashLoopBackOff')).toBe('bad');
    expect(statusTone('Init:Error')).toBe('bad');
    expect(statusTone('Signal:9')).toBe('bad');
    expect(statusTone('ExitCode:1')).toBe('bad');
  });

  it('is neutral for a word it does not know, or none', () => {
    expect(statusTone('Frobnicating')).toBe('neutral');
    expect(statusTone('')).toBe('neutral');
  });

  it('is case- and space-insensitive', () => {
    expect(statusTone(' running ')).toBe('good');
    expect(statusTone('crashloopbackoff')).toBe('bad');
  });
});

describe('worseTone', () => {
  it('keeps the worse of two tones', () => {
    expect(worseTone('good', 'bad')).toBe('bad');
    expect(worseTone('warn', 'pending')).toBe('warn');
    expect(worseTone('info', 'good')).toBe('good');
  });
});
