import { parseAllDocuments } from 'yaml';

/** What the release pages compute from Helm's release JSON. */

type Values = Record<string, unknown>;

function isMap(value: unknown): value is Values {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The values a release was rendered with: the chart's defaults overlaid by the user's. */
export function computedValues(defaults: unknown, supplied: unknown): Values {
  const base = isMap(defaults) ? defaults : {};
  const over = isMap(supplied) ? supplied : {};
  const keys = new Set([...Object.keys(base), ...Object.keys(over)]);
  const entries: [string, unknown][] = [];
  for (const key of keys) {
    const current = base[key];
    const value = over[key];
    if (!(key in over)) {
      entries.push([key, current]);
    } else if (value === null) {
      // A null in user values removes the default, as Helm does.
    } else if (isMap(current) && isMap(value)) {
      entries.push([key, computedValues(current, value)]);
    } else {
      entries.push([key, value]);
    }
  }
  return Object.fromEntries(entries);
}

/** One object of a release's manifest. */
export interface ManifestObject {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
}

/** The objects a rendered manifest holds (documents without kind or name are skipped). */
export function manifestObjects(manifest: string, releaseNamespace: string): ManifestObject[] {
  const objects: ManifestObject[] = [];
  for (const document of parseAllDocuments(manifest)) {
    if (document.errors.length > 0) {
      continue;
    }
    const value: unknown = document.toJS();
    if (!isMap(value)) {
      continue;
    }
    const meta = isMap(value['metadata']) ? value['metadata'] : {};
    const { apiVersion, kind } = value;
    const name = meta['name'];
    if (typeof apiVersion !== 'string' || typeof kind !== 'string' || typeof name !== 'string') {
      continue;
    }
    const namespace = typeof meta['namespace'] === 'string' ? meta['namespace'] : releaseNamespace;
    objects.push({ apiVersion, kind, name, namespace });
  }
  return objects;
}

/** Statuses shown as a problem. */
export function statusTone(status: string): 'ok' | 'busy' | 'bad' | 'old' {
  if (status === 'deployed') return 'ok';
  if (status === 'failed') return 'bad';
  if (status.startsWith('pending') || status === 'uninstalling') return 'busy';
  return 'old';
}
