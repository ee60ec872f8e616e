/**
 * What Create starts from when it is opened from a kind's list: a minimal object of that
 * kind that passes the API server's validation once it has a name. Common built-in kinds
 * have a written template; any other kind (custom resources included) gets one built from
 * the OpenAPI v3 schema the cluster publishes, with every required field present.
 */
import { stringify } from 'yaml';

/** The kind to start from: `group/version/Kind`, with the group empty for the core API. */
export interface TemplateKind {
  group: string;
  version: string;
  kind: string;
  namespaced: boolean;
}

/** `group/version/Kind` in a URL (`/v1/ConfigMap` for the core group). */
export function templateParam(kind: TemplateKind): string {
  return `${kind.group}/${kind.version}/${kind.kind}${kind.namespaced ? '' : '!'}`;
}

/** The inverse of [`templateParam`], or undefined for anything else. */
export function parseTemplateParam(value: string | null): TemplateKind | undefined {
  const match = /^([a-z0-9.-]*)\/([a-z0-9]+)\/([A-Za-z0-9]+)(!?)$/.exec(value ?? '');
  if (match === null) return undefined;
  const [, group = '', version = '', kind = '', cluster = ''] = match;
  return { group, version, kind, namespaced: cluster === '' };
}

const labels = { app: 'example' };
const container = { name: 'main', image: 'nginx:1.27' };
const podTemplate = { metadata: { labels }, spec: { containers: [container] } };

/** Spec-level bodies of the built-in kinds people create most. */
const BUILT_IN: Record<string, Record<string, unknown>> = {
  'v1/ConfigMap': { data: { key: 'value' } },
  'v1/Secret': { type: 'Opaque', stringData: { key: 'value' } },
  'v1/Pod': { spec: { containers: [container] } },
  'v1/Service': {
    spec: { selector: labels, ports: [{ port: 80, targetPort: 80 }] },
  },
  'v1/ServiceAccount': {},
  'v1/Namespace': {},
  'v1/PersistentVolumeClaim': {
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
  },
  'apps/v1/Deployment': {
    spec: { replicas: 1, selector: { matchLabels: labels }, template: podTemplate },
  },
  'apps/v1/StatefulSet': {
    spec: { replicas: 1, selector: { matchLabels: labels }, template: podTemplate },
  },
  'apps/v1/DaemonSet': { spec: { selector: { matchLabels: labels }, template: podTemplate } },
  'batch/v1/Job': {
    spec: { template: { spec: { containers: [container], restartPolicy: 'Never' } } },
  },
  'batch/v1/CronJob': {
    spec: {
      schedule: '*/30 * * * *',
      jobTemplate: {
        spec: { template: { spec: { containers: [container], restartPolicy: 'Never' } } },
      },
    },
  },
  'networking.k8s.io/v1/Ingress': {
    spec: {
      rules: [
        {
          http: {
            paths: [
              {
                path: '/',
                pathType: 'Prefix',
                backend: { service: { name: 'example', port: { number: 80 } } },
              },
            ],
          },
        },
      ],
    },
  },
  'rbac.authorization.k8s.io/v1/Role': {
    rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list'] }],
  },
};

type Schema = Record<string, unknown>;

/** A schema with `$ref` and single-entry `allOf` followed, within `components.schemas`. */
function resolve(schema: Schema | undefined, components: Record<string, Schema>): Schema {
  let current = schema ?? {};
  for (let i = 0; i < 10; i += 1) {
    const ref = current['$ref'];
    const allOf = current['allOf'];
    if (typeof ref === 'string') {
      current = components[ref.replace('#/components/schemas/', '')] ?? {};
    } else if (Array.isArray(allOf) && allOf.length === 1) {
      current = allOf[0] as Schema;
    } else {
      break;
    }
  }
  return current;
}

/** The smallest value of `schema` with every required field, `depth` levels at most. */
function minimal(schema: Schema, components: Record<string, Schema>, depth: number): unknown {
  const resolved = resolve(schema, components);
  const values = resolved['enum'];
  if (Array.isArray(values) && values.length > 0) return values[0];
  if (resolved['default'] !== undefined) return resolved['default'];
  switch (resolved['type']) {
    case 'string':
      return '';
    case 'integer':
    case 'number':
      return typeof resolved['minimum'] === 'number' ? resolved['minimum'] : 0;
    case 'boolean':
      return false;
    case 'array':
      return [];
    default: {
      const out: Record<string, unknown> = {};
      if (depth <= 0) return out;
      const properties = (resolved['properties'] ?? {}) as Record<string, Schema>;
      const required = Array.isArray(resolved['required'])
        ? (resolved['required'] as string[])
        : [];
      for (const name of required) {
        if (name === 'apiVersion' || name === 'kind' || name === 'metadata') continue;
        out[name] = minimal(properties[name] ?? {}, components, depth - 1);
      }
      return out;
    }
  }
}

/**
 * From an OpenAPI v3 document of one group/version (`/openapi/v3/apis/GROUP/VERSION`): the
 * required fields of `kind`, or undefined when the document does not describe it.
 */
export function fromOpenApi(
  document: unknown,
  kind: TemplateKind,
): Record<string, unknown> | undefined {
  const components = ((document as { components?: { schemas?: Record<string, Schema> } })
    ?.components?.schemas ?? {}) as Record<string, Schema>;
  for (const schema of Object.values(components)) {
    const gvks = schema['x-kubernetes-group-version-kind'];
    const matches =
      Array.isArray(gvks) &&
      gvks.some((g: { group?: string; version?: string; kind?: string }) => {
        return (g.group ?? '') === kind.group && g.version === kind.version && g.kind === kind.kind;
      });
    if (matches) {
      const body = minimal(schema, components, 6);
      return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    }
  }
  return undefined;
}

/** The template's YAML: the kind's body with `apiVersion`, `kind` and `metadata` first. */
export function templateYaml(
  kind: TemplateKind,
  namespace: string | undefined,
  body: Record<string, unknown> | undefined,
): string {
  const apiVersion = kind.group === '' ? kind.version : `${kind.group}/${kind.version}`;
  const known = BUILT_IN[`${apiVersion}/${kind.kind}`];
  const metadata: Record<string, unknown> = { name: 'example' };
  if (kind.namespaced && namespace !== undefined) metadata['namespace'] = namespace;
  // The templates share objects (labels, containers); written out in full, not as aliases.
  return stringify(
    { apiVersion, kind: kind.kind, metadata, ...(known ?? body ?? {}) },
    { aliasDuplicateObjects: false },
  );
}

/** Whether the written templates cover `kind` (no schema needed). */
export function hasBuiltInTemplate(kind: TemplateKind): boolean {
  const apiVersion = kind.group === '' ? kind.version : `${kind.group}/${kind.version}`;
  return BUILT_IN[`${apiVersion}/${kind.kind}`] !== undefined;
}
