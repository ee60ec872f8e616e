import { describe, expect, it } from 'vitest';
import { labelSelectorProblem } from '@/list/labelSelector';

describe('labelSelectorProblem', () => {
  it('accepts what the API server accepts', () => {
    for (const ok of [
      '',
      'app=web',
      'app==web,tier!=db',
      'app.kubernetes.io/name=web',
      'env in (dev, prod)',
      'env notin (qa)',
      '!canary',
      'canary',
      'app=',
      'replicas>2',
    ]) {
      expect(labelSelectorProblem(ok), ok).toBeNull();
    }
  });

  it('says in words what is wrong', () => {
    expect(labelSelectorProblem('app=web,')).toMatch(/empty requirement/);
    expect(labelSelectorProblem('env in (a,b')).toMatch(/not closed/);
    expect(labelSelectorProblem('env in a,b')).toMatch(/parentheses/);
    expect(labelSelectorProblem('app=we b')).toMatch(/not a label value/);
    expect(labelSelectorProblem('-app=web')).toMatch(/label key "-app" is not valid/);
    expect(labelSelectorProblem('Bad_Prefix/app=x')).toMatch(/prefix "Bad_Prefix"/);
    expect(labelSelectorProblem('app=web=x')).toMatch(/more than one operator/);
    expect(labelSelectorProblem('n>two')).toMatch(/whole number/);
    expect(labelSelectorProblem('env in ()')).toMatch(/set for env is empty/);
  });
});
