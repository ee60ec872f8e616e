import type { KubeObject } from '@/api/kube';
import { isOwnedBy } from '@/api/related';

/**
 * Rollout history and rollback, as `kubectl rollout history` / `kubectl rollout undo` do
 * them: a Deployment's revisions are its ReplicaSets (annotation
 * `deployment.kubernetes.io/revision`); a DaemonSet's or StatefulSet's are its
 * ControllerRevisions (`.revision`, with `.data` the patch that restores the template).
 */

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const CHANGE_CAUSE_ANNOTATION = 'kubernetes.io/change-cause';
export const POD_TEMPLATE_HASH = 'pod-template-hash';

/** Deployment annotations a rollback keeps from the Deployment rather than the ReplicaSet. */
const ANNOTATIONS_TO_SKIP = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION_ANNOTATION,
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

/** One revision of a workload, newest first in lists. */
export interface Revision {
  revision: number;
  /** The ReplicaSet or ControllerRevision that holds it. */
  object: KubeObject;
  changeCause: string | undefined;
  images: string[];
  current: boolean;
}

interface PodTemplate {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: { containers?: { image?: string }[] };
  [field: string]: unknown;
}

function templateOf(object: KubeObject): PodTemplate | undefined {
  return (object['spec'] as { template?: PodTemplate } | undefined)?.template;
}

function imagesOf(template: PodTemplate | undefined): string[] {
  return (template?.spec?.containers ?? [])
    .map((c) => c.image)
    .filter((i): i is string => typeof i === 'string');
}

function revisionNumber(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  return Number(text);
}

/** JSON with object keys sorted, to compare two objects by value. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Whether two pod templates are the same but for `pod-template-hash`. */
export function sameTemplate(a: PodTemplate | undefined, b: PodTemplate | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  return canonical(withoutHash(a)) === canonical(withoutHash(b));
}

/**
 * A Deployment's revisions: the ReplicaSets it owns that carry a revision number. The
 * current one has the Deployment's template (right after a rollback, before the controller
 * has renumbered it), else the Deployment's revision annotation.
 */
export function deploymentRevisions(deployment: KubeObject, replicaSets: KubeObject[]): Revision[] {
  const owned = replicaSets.filter((set) => isOwnedBy(set, deployment.metadata.uid ?? ''));
  const matching = owned.find((set) => sameTemplate(templateOf(set), templateOf(deployment)));
  const current =
    matching !== undefined
      ? revisionNumber(matching.metadata.annotations?.[REVISION_ANNOTATION])
      : revisionNumber(deployment.metadata.annotations?.[REVISION_ANNOTATION]);
  return owned
    .flatMap((set) => {
      const revision = revisionNumber(set.metadata.annotations?.[REVISION_ANNOTATION]);
      if (revision === undefined) return [];
      return [
        {
          revision,
          object: set,
          changeCause: set.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION],
          images: imagesOf(templateOf(set)),
          current: revision === current,
        },
      ];
    })
    .sort((a, b) => b.revision - a.revision);
}

/** The pod template with its labels less `pod-template-hash` (and no empty labels map). */
function withoutHash(template: PodTemplate): PodTemplate {
  const copy = structuredClone(template);
  const labels = copy.metadata?.labels;
  if (copy.metadata !== undefined && labels !== undefined) {
    copy.metadata.labels = Object.fromEntries(
      Object.entries(labels).filter(([key]) => key !== POD_TEMPLATE_HASH),
    );
  }
  return copy;
}

/** A JSON Patch operation. */
export interface PatchOperation {
  op: 'replace' | 'add' | 'remove' | 'test';
  path: string;
  value?: unknown;
}

/**
 * The JSON Patch that rolls a Deployment back to a ReplicaSet's template, as
 * `kubectl rollout undo` sends it: the template without `pod-template-hash`, and the
 * ReplicaSet's annotations (those of the Deployment's own bookkeeping kept).
 */
export function deploymentRollbackPatch(
  deployment: KubeObject,
  replicaSet: KubeObject,
): PatchOperation[] {
  const template = templateOf(replicaSet);
  if (template === undefined) {
    throw new Error(`ReplicaSet ${replicaSet.metadata.name} has no pod template`);
  }
  const annotations: Record<string, string> = {};
  for (const [key, value] of Object.entries(deployment.metadata.annotations ?? {})) {
    if (ANNOTATIONS_TO_SKIP.has(key)) annotations[key] = value;
  }
  for (const [key, value] of Object.entries(replicaSet.metadata.annotations ?? {})) {
    if (!ANNOTATIONS_TO_SKIP.has(key)) annotations[key] = value;
  }
  return [
    { op: 'replace', path: '/spec/template', value: withoutHash(template) },
    { op: 'replace', path: '/metadata/annotations', value: annotations },
  ];
}

interface ControllerRevisionFields {
  revision?: number;
  data?: unknown;
}

/** The pod template a ControllerRevision's data restores, if it holds one. */
function revisionTemplate(revision: KubeObject): PodTemplate | undefined {
  const data = (revision as KubeObject & ControllerRevisionFields).data as
    { spec?: { template?: PodTemplate } } | undefined;
  return data?.spec?.template;
}

/**
 * A DaemonSet's or StatefulSet's revisions: the ControllerRevisions it owns. The current one
 * is the StatefulSet's `status.updateRevision`, else the highest.
 */
export function controllerRevisions(workload: KubeObject, revisions: KubeObject[]): Revision[] {
  const owned = revisions
    .filter((r) => isOwnedBy(r, workload.metadata.uid ?? ''))
    .filter((r) => typeof (r as KubeObject & ControllerRevisionFields).revision === 'number')
    .sort(
      (a, b) =>
        ((b as KubeObject & ControllerRevisionFields).revision ?? 0) -
        ((a as KubeObject & ControllerRevisionFields).revision ?? 0),
    );
  const updateRevision = (workload['status'] as { updateRevision?: string } | undefined)
    ?.updateRevision;
  const currentName =
    updateRevision !== undefined && owned.some((r) => r.metadata.name === updateRevision)
      ? updateRevision
      : owned[0]?.metadata.name;
  return owned.map((object) => ({
    revision: (object as KubeObject & ControllerRevisionFields).revision ?? 0,
    object,
    changeCause: object.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION],
    images: imagesOf(revisionTemplate(object)),
    current: object.metadata.name === currentName,
  }));
}

/**
 * The strategic-merge patch that rolls a DaemonSet or StatefulSet back: the revision's
 * `.data` as is, which is what `kubectl rollout undo` sends.
 */
export function controllerRevisionPatch(revision: KubeObject): unknown {
  const data = (revision as KubeObject & ControllerRevisionFields).data;
  if (typeof data !== 'object' || data === null) {
    throw new Error(`ControllerRevision ${revision.metadata.name} holds no data`);
  }
  return data;
}
