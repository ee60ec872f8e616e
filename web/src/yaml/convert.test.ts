import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@/api/kube';
import {
  anyToYaml,
  describeProblem,
  objectToYaml,
  setResourceVersion,
  splitDocuments,
  yamlToObject,
} from '@/yaml/convert';

const live: KubeObject = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: {
    name: 'settings',
    namespace: 'demo',
    resourceVersion: '42',
    managedFields: [{ manager: 'kubectl', operation: 'Update' }],
  } as KubeObject['metadata'],
  data: { mode: 'yes', when: '2024-01-01', octal: '0755', text: 'one\ntwo\n' },
};

describe('objectToYaml', () => {
  it('drops managedFields, and resourceVersion when asked', () => {
    const text = objectToYaml(live);
    expect(text).not.toContain('managedFields');
    expect(text).toContain('resourceVersion: "42"');
    expect(objectToYaml(live, { resourceVersion: true })).not.toContain('resourceVersion');
    // The original is left alone.
    expect(live.metadata).toHaveProperty('managedFields');
  });

  it('round-trips through yamlToObject, strings that look like other things included', () => {
    const parsed = yamlToObject(objectToYaml(live));
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(parsed.value).toEqual({
        ...live,
        metadata: { name: 'settings', namespace: 'demo', resourceVersion: '42' },
      });
    }
  });
});

describe('yamlToObject', () => {
  it('reads YAML as kubectl does: octal modes, yes as true, dates as strings', () => {
    const parsed = yamlToObject(
      'apiVersion: v1\nkind: Thing\nmetadata:\n  name: x\nspec:\n  mode: 0755\n  on: yes\n  day: 2024-01-01\n',
    );
    expect(parsed).toEqual({
      ok: true,
      value: {
        apiVersion: 'v1',
        kind: 'Thing',
        metadata: { name: 'x' },
        spec: { mode: 493, true: true, day: '2024-01-01' },
      },
    });
  });

  it("reports the parser's message with its line", () => {
    const parsed = yamlToObject('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [x\n');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.problem.line).toBeGreaterThanOrEqual(4);
      expect(describeProblem(parsed.problem)).toMatch(/^Line \d+, column \d+: /);
    }
  });

  it('wants one object with apiVersion and kind', () => {
    expect(yamlToObject('')).toMatchObject({ ok: false });
    expect(yamlToObject('- a\n')).toMatchObject({ ok: false });
    expect(yamlToObject('kind: X\n')).toMatchObject({
      ok: false,
      problem: { message: 'apiVersion is missing' },
    });
    expect(yamlToObject('apiVersion: v1\nkind: A\n---\napiVersion: v1\nkind: B\n')).toMatchObject({
      ok: false,
    });
  });
});

describe('splitDocuments', () => {
  it('splits on ---, skips empty documents, numbers them and finds their lines', () => {
    const text = [
      '---',
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: {name: a}',
      '---',
      '# only a comment',
      '---',
      'apiVersion: v1',
      'kind: Secret',
      'metadata:',
      '  name: b',
      '',
    ].join('\n');
    const documents = splitDocuments(text);
    expect(documents.map((d) => [d.index, d.line, d.parsed.ok && d.parsed.value.kind])).toEqual([
      [1, 2, 'ConfigMap'],
      [2, 8, 'Secret'],
    ]);
  });

  it('keeps going past a broken document and expands Lists', () => {
    const documents = splitDocuments(
      'apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: A, metadata: {name: a}}\n- {apiVersion: v1, kind: B, metadata: {name: b}}\n---\nkey: [unclosed\n',
    );
    expect(documents).toHaveLength(3);
    expect(documents.slice(0, 2).map((d) => d.parsed.ok && d.parsed.value.kind)).toEqual([
      'A',
      'B',
    ]);
    expect(documents[2]?.parsed.ok).toBe(false);
  });
});

describe('setResourceVersion', () => {
  it('changes only the resourceVersion, keeping comments', () => {
    const text =
      '# mine\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  resourceVersion: "1"\ndata:\n  k: v # note\n';
    expect(setResourceVersion(text, '99')).toBe(text.replace('"1"', '"99"'));
  });
});

describe('anyToYaml', () => {
  it('quotes strings kubectl would read as something else', () => {
    expect(anyToYaml({ a: 'yes', b: 'on', c: '0755', d: '1.0' })).toBe(
      'a: "yes"\nb: "on"\nc: "0755"\nd: "1.0"\n',
    );
  });
});
