import { describe, expect, it } from 'vitest';
import { planScope } from '@/events/scoped';

/** An access answerer allowing cluster-wide (`undefined`) or the namespaces given. */
const allowing =
  (...allowed: (string | undefined)[]) =>
  (namespace: string | undefined) =>
    Promise.resolve(allowed.includes(namespace));

describe('reading across the namespaces a user works in', () => {
  it('reads cluster-wide when nothing is chosen and the cluster allows it', async () => {
    expect(await planScope({ chosen: [], fallback: ['demo'] }, allowing(undefined))).toEqual({
      clusterWide: true,
      readable: [],
      refused: [],
    });
  });

  it("falls back to the user's own namespaces when cluster-wide is refused", async () => {
    expect(
      await planScope({ chosen: [], fallback: ['demo', 'staging'] }, allowing('demo')),
    ).toEqual({ clusterWide: false, readable: ['demo'], refused: ['staging'] });
  });

  it('reads only the chosen namespaces, even for a user who may read everything', async () => {
    const asked: (string | undefined)[] = [];
    const plan = await planScope({ chosen: ['staging'], fallback: ['demo'] }, (namespace) => {
      asked.push(namespace);
      return Promise.resolve(true);
    });
    expect(plan).toEqual({ clusterWide: false, readable: ['staging'], refused: [] });
    expect(asked).toEqual(['staging']);
  });

  it('reads nothing when nothing is allowed or known', async () => {
    expect(await planScope({ chosen: [], fallback: [] }, allowing())).toEqual({
      clusterWide: false,
      readable: [],
      refused: [],
    });
  });
});
