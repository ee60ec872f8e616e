import { describe, expect, it } from 'vitest';
import { computedValues, manifestObjects, statusTone } from '@/helm/release';

describe('release pages', () => {
  it('overlays user values on the chart defaults, deeply, with null removing a key', () => {
    const defaults = { replicas: 2, image: { repo: 'nginx', tag: '1.27' }, extra: 'x' };
    const supplied = { image: { tag: '1.28' }, extra: null, message: 'hi' };
    expect(computedValues(defaults, supplied)).toEqual({
      replicas: 2,
      image: { repo: 'nginx', tag: '1.28' },
      message: 'hi',
    });
    expect(computedValues(null, undefined)).toEqual({});
  });

  it('lists the objects of a manifest, defaulting their namespace to the release', () => {
    const manifest = `---
# Source: app/templates/cm.yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
  namespace: other
---
# only a comment
`;
    expect(manifestObjects(manifest, 'demo')).toEqual([
      { apiVersion: 'v1', kind: 'ConfigMap', name: 'app-config', namespace: 'demo' },
      { apiVersion: 'apps/v1', kind: 'Deployment', name: 'app', namespace: 'other' },
    ]);
  });

  it('gives each status a tone', () => {
    expect(statusTone('deployed')).toBe('ok');
    expect(statusTone('failed')).toBe('bad');
    expect(statusTone('pending-upgrade')).toBe('busy');
    expect(statusTone('superseded')).toBe('old');
  });
});
