import { describe, expect, it } from 'vitest';
import { tabFromUrl, withTab } from '@/details/tabs';
import { tabForKey } from '@/ui/tabKeys';

describe('object page tabs', () => {
  it('takes the tab from ?tab=, any case', () => {
    expect(tabFromUrl('?tab=yaml')).toBe('yaml');
    expect(tabFromUrl('?ns=a&tab=Events')).toBe('events');
    expect(tabFromUrl('?tab=related')).toBe('related');
  });

  it('falls back to Overview for nothing or garbage', () => {
    expect(tabFromUrl('')).toBe('overview');
    expect(tabFromUrl('?tab=')).toBe('overview');
    expect(tabFromUrl('?tab=%3Cscript%3E')).toBe('overview');
    expect(tabFromUrl('?tab=constructor')).toBe('overview');
  });

  it('opens YAML for ?edit=1 and keeps old section links working', () => {
    expect(tabFromUrl('?edit=1')).toBe('yaml');
    expect(tabFromUrl('?tab=events&edit=1')).toBe('events');
    expect(tabFromUrl('', '#yaml')).toBe('yaml');
    expect(tabFromUrl('', '#containers')).toBe('overview');
  });

  it('writes the tab into the address, Overview as no parameter', () => {
    expect(withTab('/c/x/r/core/v1/pods/demo/p', '', 'yaml')).toBe(
      '/c/x/r/core/v1/pods/demo/p?tab=yaml',
    );
    expect(withTab('/p', '?tab=yaml&edit=1&x=1', 'overview')).toBe('/p?x=1');
  });

  it('moves with arrows (wrapping), Home and End', () => {
    const tabs = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    expect(tabForKey(tabs, 'a', 'ArrowRight')).toBe('b');
    expect(tabForKey(tabs, 'c', 'ArrowRight')).toBe('a');
    expect(tabForKey(tabs, 'a', 'ArrowLeft')).toBe('c');
    expect(tabForKey(tabs, 'b', 'Home')).toBe('a');
    expect(tabForKey(tabs, 'a', 'End')).toBe('c');
    expect(tabForKey(tabs, 'a', 'Enter')).toBeUndefined();
    expect(tabForKey(tabs, 'zz', 'ArrowRight')).toBeUndefined();
  });
});
