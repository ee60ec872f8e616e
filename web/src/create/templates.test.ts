import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  fromOpenApi,
  hasBuiltInTemplate,
  parseTemplateParam,
  templateParam,
  templateYaml,
} from '@/create/templates';

const deployment = { group: 'apps', version: 'v1', kind: 'Deployment', namespaced: true };
const widget = { group: 'demo.lanthorn.dev', version: 'v1', kind: 'Widget', namespaced: true };

describe('template kinds in URLs', () => {
  it('round-trips, core group and cluster scope included', () => {
    for (const kind of [
      deployment,
      { group: '', version: 'v1', kind: 'ConfigMap', namespaced: true },
      { group: '', version: 'v1', kind: 'Namespace', namespaced: false },
    ]) {
      expect(parseTemplateParam(templateParam(kind))).toEqual(kind);
    }
    expect(parseTemplateParam('../x')).toBeUndefined();
    expect(parseTemplateParam(null)).toBeUndefined();
  });
});

describe('templateYaml', () => {
  it('writes a built-in kind with its namespace and a name', () => {
    const object = parse(templateYaml(deployment, 'demo', undefined)) as {
      apiVersion: string;
      kind: string;
      metadata: { name: string; namespace: string };
      spec: { selector: { matchLabels: Record<string, string> }; template: unknown };
    };
    expect(object.apiVersion).toBe('apps/v1');
    expect(object.metadata).toEqual({ name: 'example', namespace: 'demo' });
    expect(object.spec.selector.matchLabels).toEqual({ app: 'example' });
    expect(hasBuiltInTemplate(deployment)).toBe(true);
    // Shared objects are written out, not as YAML aliases people would have to read.
    expect(templateYaml(deployment, 'demo', undefined)).not.toMatch(/[&*]a\d/);
  });

  it('leaves the namespace out of a cluster-scoped kind', () => {
    const object = parse(
      templateYaml({ group: '', version: 'v1', kind: 'Namespace', namespaced: false }, 'demo', {}),
    ) as { metadata: Record<string, string> };
    expect(object.metadata).toEqual({ name: 'example' });
  });
});

describe('fromOpenApi', () => {
  const document = {
    components: {
      schemas: {
        'dev.lanthorn.demo.v1.Widget': {
          'x-kubernetes-group-version-kind': [
            { group: 'demo.lanthorn.dev', version: 'v1', kind: 'Widget' },
          ],
          required: ['spec'],
          properties: { spec: { $ref: '#/components/schemas/WidgetSpec' } },
        },
        WidgetSpec: {
          type: 'object',
          required: ['size', 'color', 'replicas', 'parts', 'enabled'],
          properties: {
            size: { type: 'string', enum: ['small', 'large'] },
            color: { type: 'string' },
            replicas: { type: 'integer', minimum: 1 },
            parts: { type: 'array' },
            enabled: { type: 'boolean' },
            optional: { type: 'string' },
          },
        },
      },
    },
  };

  it('fills every required field of the kind, following references', () => {
    expect(fromOpenApi(document, widget)).toEqual({
      spec: { size: 'small', color: '', replicas: 1, parts: [], enabled: false },
    });
  });

  it('says nothing for a kind the document does not describe', () => {
    expect(fromOpenApi(document, { ...widget, kind: 'Gadget' })).toBeUndefined();
  });
});
