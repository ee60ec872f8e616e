import { useEffect, useState } from 'react';
import { canI } from '@/api/kube';
import type { AccessQuestion } from '@/api/kube';

/**
 * Whether the signed-in user may do something, per a SelfSubjectAccessReview. `false` until
 * the cluster has answered yes; `null` asks nothing.
 */
export function useCan(cluster: string, question: AccessQuestion | null): boolean {
  const key = question === null ? null : JSON.stringify([cluster, question]);
  const [answer, setAnswer] = useState<{ key: string; allowed: boolean } | null>(null);
  useEffect(() => {
    if (key === null) {
      return;
    }
    let live = true;
    const [askedCluster, asked] = JSON.parse(key) as [string, AccessQuestion];
    void canI(askedCluster, asked).then((allowed) => {
      if (live) {
        setAnswer({ key, allowed });
      }
    });
    return () => {
      live = false;
    };
  }, [key]);
  return answer !== null && answer.key === key && answer.allowed;
}
