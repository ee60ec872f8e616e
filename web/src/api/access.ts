import { useQueries } from '@tanstack/react-query';
import { kubeRequest } from '@/api/kube';
import type { AccessQuestion } from '@/api/kube';
import { clusterFactKey, queryClient, useAppQuery } from '@/api/query';

/**
 * What the signed-in user may do, asked with SelfSubjectAccessReview. Answers are kept
 * 30 s per cluster and question; a review that fails counts as "no".
 */

interface AccessReview {
  status?: { allowed?: boolean };
}

const ACCESS_STALE_MS = 30_000;

function review(cluster: string, question: AccessQuestion, signal?: AbortSignal): Promise<boolean> {
  const resourceAttributes: Record<string, string> = {
    verb: question.verb,
    group: question.group,
    resource: question.resource,
  };
  for (const field of ['namespace', 'name', 'subresource'] as const) {
    const value = question[field];
    if (value !== undefined && value !== '') {
      resourceAttributes[field] = value;
    }
  }
  return kubeRequest<AccessReview>(
    cluster,
    '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
    {
      method: 'POST',
      // Cancelled with its query (a sign-out forgets every answer): the browser drops it.
      signal,
      body: {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectAccessReview',
        spec: { resourceAttributes },
      },
    },
  ).then(
    (answer) => answer.status?.allowed === true,
    () => false,
  );
}

function accessQuery(cluster: string, question: AccessQuestion) {
  return {
    // The question as written (not as a key-sorted object): the same question asked the same
    // way shares one answer, as it always has.
    queryKey: clusterFactKey(cluster, 'access', JSON.stringify(question)),
    queryFn: ({ signal }: { signal: AbortSignal }) => review(cluster, question, signal),
    staleTime: ACCESS_STALE_MS,
  };
}

/** Whether the signed-in user may do something (asked once per 30 s per question). */
export function canI(cluster: string, question: AccessQuestion): Promise<boolean> {
  return queryClient.fetchQuery(accessQuery(cluster, question));
}

/** The cluster's answer to an access question: null while it is being asked (or not asked). */
export function useAccessAnswer(cluster: string, question: AccessQuestion | null): boolean | null {
  const query = useAppQuery({
    ...accessQuery(cluster, question ?? { verb: '', group: '', resource: '' }),
    enabled: question !== null,
  });
  return question === null ? null : (query.data ?? null);
}

/**
 * The cluster's answers to several questions, asked at once (each kept as `useCan` keeps
 * it): null for each still being asked.
 */
export function useAccessAnswers(
  cluster: string,
  questions: readonly AccessQuestion[],
): (boolean | null)[] {
  const answers = useQueries(
    { queries: questions.map((question) => accessQuery(cluster, question)) },
    queryClient,
  );
  return answers.map((answer) => answer.data ?? null);
}

/**
 * Whether the signed-in user may do something, per a SelfSubjectAccessReview. `false` until
 * the cluster has answered yes; `null` asks nothing.
 */
export function useCan(cluster: string, question: AccessQuestion | null): boolean {
  return useAccessAnswer(cluster, question) === true;
}

interface RulesReview {
  status?: { resourceRules?: { verbs?: string[] }[] };
}

/**
 * Whether the signed-in user may create anything at all in `namespace` (a
 * SelfSubjectRulesReview, which every user may ask): null while it is being asked. A review
 * that fails counts as yes, so the cluster's own answer to the create decides.
 */
export function useMayCreateSomething(cluster: string, namespace: string): boolean | null {
  const query = useAppQuery({
    queryKey: clusterFactKey(cluster, 'may-create-in', namespace),
    queryFn: () =>
      kubeRequest<RulesReview>(cluster, '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews', {
        method: 'POST',
        body: {
          apiVersion: 'authorization.k8s.io/v1',
          kind: 'SelfSubjectRulesReview',
          spec: { namespace },
        },
      }).then(
        (answer) =>
          (answer.status?.resourceRules ?? []).some((rule) =>
            (rule.verbs ?? []).some((verb) => verb === 'create' || verb === '*'),
          ),
        () => true,
      ),
    staleTime: ACCESS_STALE_MS,
  });
  return query.data ?? null;
}
