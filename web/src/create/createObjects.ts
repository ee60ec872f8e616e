import { ApiError } from '@/api/http';
import { collectionPath, kubeRequest } from '@/api/kube';
import type { KubeObject, KubeRequest, ResourceKind } from '@/api/kube';
import { resolveKind } from '@/nav/apiVersions';
import { describeProblem, splitDocuments } from '@/yaml/convert';

/** What happened to one document of a create. */
export type OutcomeStatus =
  /** Could not be read or resolved: nothing was sent. */
  | 'invalid'
  /** Another document could not be read or resolved, so this one was not sent. */
  | 'not-sent'
  /** The cluster refused it in the dry run. */
  | 'rejected'
  /** Passed the dry run but was not created because another document was refused. */
  | 'passed'
  | 'created'
  | 'failed'
  /** Not created because an earlier document failed. */
  | 'not-attempted';

export interface DocumentOutcome {
  index: number;
  line: number;
  /** "ConfigMap demo/settings", or "document 2" when the document could not be read. */
  label: string;
  status: OutcomeStatus;
  message?: string;
  /** Where the object is (or would be), once its kind is known. */
  target?: { kind: ResourceKind; namespace: string | undefined; name: string };
}

export type CreatePhase = 'empty' | 'invalid' | 'rejected' | 'created' | 'partial';

export interface CreateReport {
  phase: CreatePhase;
  outcomes: DocumentOutcome[];
}

export type Requester = <T>(cluster: string, path: string, request?: KubeRequest) => Promise<T>;
export type Resolver = (cluster: string, apiVersion: string, kind: string) => Promise<ResourceKind>;

interface Planned {
  index: number;
  line: number;
  label: string;
  kind: ResourceKind;
  object: KubeObject;
  namespace: string | undefined;
}

function labelOf(kind: string, namespace: string | undefined, name: string): string {
  return namespace === undefined ? `${kind} ${name}` : `${kind} ${namespace}/${name}`;
}

function messageOf(caught: unknown): string {
  if (caught instanceof Error) {
    return caught.message;
  }
  return 'the request failed';
}

/** Whether a dry-run failure only says that a namespace created earlier in the batch is missing. */
function waitsForNamespace(caught: unknown, earlier: Planned[]): boolean {
  if (!(caught instanceof ApiError) || caught.status !== 404) {
    return false;
  }
  return earlier.some(
    (planned) =>
      planned.kind.group === '' &&
      planned.kind.resource === 'namespaces' &&
      caught.message.includes(`namespaces "${planned.object.metadata.name}" not found`),
  );
}

/** Reads the documents and resolves each to a resource, defaulting namespaces. */
async function plan(
  cluster: string,
  text: string,
  defaultNamespace: string,
  resolve: Resolver,
): Promise<{ planned: Planned[]; invalid: DocumentOutcome[]; count: number }> {
  const documents = splitDocuments(text);
  const planned: Planned[] = [];
  const invalid: DocumentOutcome[] = [];
  for (const document of documents) {
    const { index, line } = document;
    const fallbackLabel = `document ${index}`;
    if (!document.parsed.ok) {
      const problem = document.parsed.problem;
      const where = problem.line === undefined ? { ...problem, line } : problem;
      invalid.push({
        index,
        line,
        label: fallbackLabel,
        status: 'invalid',
        message: describeProblem(where),
      });
      continue;
    }
    const object = document.parsed.value;
    const apiVersion = object.apiVersion ?? '';
    const kindName = object.kind ?? '';
    const name = object.metadata.name ?? '';
    const generateName = (object.metadata as { generateName?: unknown }).generateName;
    if (name === '' && (typeof generateName !== 'string' || generateName === '')) {
      invalid.push({
        index,
        line,
        label: `${kindName} (${fallbackLabel})`,
        status: 'invalid',
        message: 'metadata.name is missing',
      });
      continue;
    }
    let kind: ResourceKind;
    try {
      kind = await resolve(cluster, apiVersion, kindName);
    } catch (caught) {
      invalid.push({
        index,
        line,
        label: `${kindName} ${name || fallbackLabel}`,
        status: 'invalid',
        message: messageOf(caught),
      });
      continue;
    }
    let namespace: string | undefined;
    if (kind.namespaced) {
      namespace = object.metadata.namespace ?? defaultNamespace;
      object.metadata = { ...object.metadata, namespace };
    }
    const shownName = name === '' ? `${String(generateName)}…` : name;
    planned.push({
      index,
      line,
      label: labelOf(kind.kind, namespace, shownName),
      kind,
      object,
      namespace,
    });
  }
  return { planned, invalid, count: documents.length };
}

function outcome(
  planned: Planned,
  status: OutcomeStatus,
  extra: { message?: string; name?: string } = {},
): DocumentOutcome {
  const result: DocumentOutcome = {
    index: planned.index,
    line: planned.line,
    label:
      extra.name === undefined
        ? planned.label
        : labelOf(planned.kind.kind, planned.namespace, extra.name),
    status,
    target: {
      kind: planned.kind,
      namespace: planned.namespace,
      name: extra.name ?? planned.object.metadata.name,
    },
  };
  if (extra.message !== undefined) {
    result.message = extra.message;
  }
  return result;
}

/**
 * Creates the objects of a (multi-document) YAML text: every document is first read and
 * resolved, then dry-run; only when all pass are they created, in order, stopping at the first
 * failure. The report says, per document, what happened.
 */
export async function createFromYaml(
  cluster: string,
  text: string,
  defaultNamespace: string,
  request: Requester = kubeRequest,
  resolve: Resolver = resolveKind,
): Promise<CreateReport> {
  const { planned, invalid, count } = await plan(cluster, text, defaultNamespace, resolve);
  if (count === 0) {
    return { phase: 'empty', outcomes: [] };
  }
  const byIndex = (a: DocumentOutcome, b: DocumentOutcome) => a.index - b.index;
  if (invalid.length > 0) {
    return {
      phase: 'invalid',
      outcomes: [...invalid, ...planned.map((p) => outcome(p, 'not-sent'))].sort(byIndex),
    };
  }

  const post = (planned: Planned, dryRun: boolean) =>
    request<KubeObject>(
      cluster,
      `${collectionPath(planned.kind, planned.namespace)}${dryRun ? '?dryRun=All' : ''}`,
      { method: 'POST', body: planned.object },
    );

  const checks: DocumentOutcome[] = [];
  let refused = false;
  for (const [i, item] of planned.entries()) {
    try {
      await post(item, true);
      checks.push(outcome(item, 'passed'));
    } catch (caught) {
      if (waitsForNamespace(caught, planned.slice(0, i))) {
        checks.push(outcome(item, 'passed'));
      } else {
        refused = true;
        checks.push(outcome(item, 'rejected', { message: messageOf(caught) }));
      }
    }
  }
  if (refused) {
    return { phase: 'rejected', outcomes: checks };
  }

  const results: DocumentOutcome[] = [];
  let failed = false;
  for (const item of planned) {
    if (failed) {
      results.push(outcome(item, 'not-attempted'));
      continue;
    }
    try {
      const created = await post(item, false);
      results.push(outcome(item, 'created', { name: created.metadata.name }));
    } catch (caught) {
      failed = true;
      results.push(outcome(item, 'failed', { message: messageOf(caught) }));
    }
  }
  return { phase: failed ? 'partial' : 'created', outcomes: results };
}

/** One sentence saying how a create went as a whole. */
export function summarize(report: CreateReport): string {
  const created = report.outcomes.filter((o) => o.status === 'created');
  const numbers = (status: OutcomeStatus) => {
    const indexes = report.outcomes.filter((o) => o.status === status).map((o) => o.index);
    return `${indexes.length === 1 ? 'document' : 'documents'} ${indexes.join(', ')}`;
  };
  switch (report.phase) {
    case 'empty':
      return 'There is nothing to create: the text has no YAML documents.';
    case 'invalid':
      return `Nothing was sent: ${numbers('invalid')} could not be read or resolved to a kind.`;
    case 'rejected':
      return `Nothing was created: the cluster refused ${numbers('rejected')} in a dry run.`;
    case 'created':
      return created.length === 1
        ? `Created ${created[0]?.label ?? ''}.`
        : `Created all ${created.length} objects.`;
    case 'partial': {
      const failure = report.outcomes.find((o) => o.status === 'failed');
      const done = created.length === 0 ? 'nothing' : created.map((o) => o.label).join(', ');
      return `Only part was created: ${done} (${created.length} of ${report.outcomes.length}); document ${failure?.index ?? '?'} (${failure?.label ?? ''}) failed and nothing after it was sent.`;
    }
  }
}
