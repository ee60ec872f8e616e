import { useEffect, useState } from 'react';
import { canI } from '@/api/kube';
import type { AccessQuestion } from '@/api/kube';

/** The cluster's answer to an access question: null while it is being asked. */
export function useAccessAnswer(cluster: string, question: AccessQuestion): boolean | null {
  const key = JSON.stringify([cluster, question]);
  const [answer, setAnswer] = useState<{ key: string; allowed: boolean } | null>(null);
  useEffect(() => {
    let live = true;
    const [asked, what] = JSON.parse(key) as [string, AccessQuestion];
    void canI(asked, what).then((allowed) => {
      if (live) setAnswer({ key, allowed });
    });
    return () => {
      live = false;
    };
  }, [key]);
  return answer !== null && answer.key === key ? answer.allowed : null;
}
