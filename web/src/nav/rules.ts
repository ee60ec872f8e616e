import { kubeRequest } from '@/api/kube';

/** One rule of a SelfSubjectRulesReview's `status.resourceRules`. */
export interface ResourceRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
}

export interface RulesReview {
  rules: ResourceRule[];
  /** The authorizer could not list every rule: a missing rule is not a "no". */
  incomplete: boolean;
}

interface RulesReviewBody {
  status?: { resourceRules?: ResourceRule[]; incomplete?: boolean };
}

const matches = (values: string[] | undefined, wanted: string) =>
  (values ?? []).some((value) => value === '*' || value === wanted);

/**
 * Whether the rules allow `verb` on every object of `group`/`resource` (rules naming
 * particular objects do not: they cannot grant a list).
 */
export function rulesAllow(
  rules: readonly ResourceRule[],
  verb: string,
  group: string,
  resource: string,
): boolean {
  return rules.some(
    (rule) =>
      (rule.resourceNames === undefined || rule.resourceNames.length === 0) &&
      matches(rule.verbs, verb) &&
      matches(rule.apiGroups, group) &&
      matches(rule.resources, resource),
  );
}

/** Asks the cluster what the signed-in user may do in `namespace`. */
export async function reviewRules(cluster: string, namespace: string): Promise<RulesReview> {
  const review = await kubeRequest<RulesReviewBody>(
    cluster,
    '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews',
    {
      method: 'POST',
      body: {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectRulesReview',
        spec: { namespace },
      },
    },
  );
  return {
    rules: review.status?.resourceRules ?? [],
    incomplete: review.status?.incomplete === true,
  };
}
