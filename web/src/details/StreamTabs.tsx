import { lazy, Suspense } from 'react';
import type { KubeObject } from '@/api/kube';
import { useAccessAnswer } from '@/api/access';
import { logResource, podQuestion } from '@/actions/podAccess';
import type { ObjectRef } from '@/actions/requests';
import type { TabAccess } from '@/details/tabs';
import type { Navigate } from '@/nav/navigation';
import { defaultTailLines, logsUrl, terminalUrl } from '@/routes';
import type { LogQuery, LogResource, TerminalQuery } from '@/routes';

// Loaded when a Logs or Terminal tab is first opened (the terminal's xterm.js later still).
const LogsTab = lazy(() => import('@/logs/LogsTab').then((m) => ({ default: m.LogsTab })));
const TerminalTab = lazy(() =>
  import('@/terminal/TerminalTab').then((m) => ({ default: m.TerminalTab })),
);

export interface StreamAccess {
  /** The kind's logs resource; undefined when it has no Logs tab. */
  resource: LogResource | undefined;
  tabs: TabAccess;
  exec: boolean | null;
  attach: boolean | null;
}

/**
 * What the cluster lets the user stream from this object: its pods' logs (`get pods/log`;
 * for a workload, of any pod in its namespace), and for a pod a shell (`create pods/exec`)
 * or an attach (`create pods/attach`). Only asked for kinds with pods.
 */
export function useStreamAccess(target: ObjectRef): StreamAccess {
  const resource = logResource(target.kind);
  const isPod = resource === 'pods';
  const pod = isPod ? target.name : undefined;
  const logs = useAccessAnswer(
    target.cluster,
    resource === undefined ? null : podQuestion(target, 'get', 'log', pod),
  );
  const exec = useAccessAnswer(
    target.cluster,
    isPod ? podQuestion(target, 'create', 'exec', pod) : null,
  );
  const attach = useAccessAnswer(
    target.cluster,
    isPod ? podQuestion(target, 'create', 'attach', pod) : null,
  );
  const terminal =
    exec === true || attach === true ? true : exec === null || attach === null ? null : false;
  return {
    resource,
    tabs: {
      ...(resource === undefined ? {} : { logs }),
      ...(isPod ? { terminal } : {}),
    },
    exec,
    attach,
  };
}

/** A Logs tab's settings when the address gives none. */
function defaultLogQuery(): LogQuery {
  return { follow: true, previous: false, timestamps: false, tail: defaultTailLines() };
}

/** The Logs tab's panel; its settings live in the address. */
export function LogsPanel({
  target,
  resource,
  object,
  query,
  navigate,
}: {
  target: ObjectRef;
  resource: LogResource;
  object: KubeObject;
  query: LogQuery | undefined;
  navigate: Navigate;
}) {
  const current = query ?? defaultLogQuery();
  return (
    <Suspense fallback={<p>Loading…</p>}>
      <LogsTab
        cluster={target.cluster}
        resource={resource}
        object={object}
        query={current}
        onQuery={(patch, replace = false) => {
          const next = { ...current, ...patch };
          navigate(logsUrl(target.cluster, target.namespace ?? '', resource, target.name, next), {
            replace,
          });
        }}
      />
    </Suspense>
  );
}

/** The Terminal tab's panel; its container and mode live in the address. */
export function TerminalPanel({
  target,
  object,
  query,
  access,
  navigate,
}: {
  target: ObjectRef;
  object: KubeObject;
  query: TerminalQuery | undefined;
  access: StreamAccess;
  navigate: Navigate;
}) {
  return (
    <Suspense fallback={<p>Loading…</p>}>
      <TerminalTab
        cluster={target.cluster}
        pod={object}
        query={query ?? { attach: false }}
        mayExec={access.exec}
        mayAttach={access.attach}
        onQuery={(next) => {
          navigate(terminalUrl(target.cluster, target.namespace ?? '', target.name, next), {
            replace: true,
          });
        }}
      />
    </Suspense>
  );
}
