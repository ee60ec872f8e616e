import { useEffect, useId, useMemo, useState } from 'react';
import type { JSX } from 'react';
import { ApiError } from '@/api/http';
import type { KubeObject, ResourceKind } from '@/api/kube';
import { EditYamlPanel } from '@/actions/EditYamlPanel';
import { ObjectActions } from '@/actions/ObjectActions';
import type { ObjectRef } from '@/actions/requests';
import { AppLink } from '@/details/AppLink';
import { EventsSection } from '@/details/EventsSection';
import { hasKindActions, KindActions } from '@/details/KindActions';
import { KindSections } from '@/details/KindSections';
import { listHref, signInHref } from '@/details/links';
import { MetadataSection } from '@/details/MetadataSection';
import { OwnerLinks } from '@/details/OwnerLinks';
import { RelatedSection } from '@/details/RelatedSection';
import { secretForDisplay } from '@/details/secret';
import { StatusSection } from '@/details/StatusSection';
import { objectStatus } from '@/details/objectStatus';
import { LogsPanel, TerminalPanel, useStreamAccess } from '@/details/StreamTabs';
import { objectTabs, shownTab, tabFromUrl, withTab } from '@/details/tabs';
import type { TabAccess, TabId } from '@/details/tabs';
import { useLiveObject, useObject } from '@/details/useObject';
import { YamlSection } from '@/details/YamlSection';
import '@/details/details.css';
import '@/details/detailsTabs.css';
import { detailsUrl } from '@/routes';
import type { LogQuery, TerminalQuery } from '@/routes';
import { ErrorText } from '@/ui/ErrorText';
import { TabList, TabPanel } from '@/ui/Tabs';
import type { Navigate } from '@/nav/navigation';
import { LiveIndicator, useWatchMux } from '@/watch/WatchContext';

function currentPath(): string {
  return window.location.pathname + window.location.search;
}

function isSecret(kind: ResourceKind): boolean {
  return kind.group === '' && kind.resource === 'secrets';
}

/** Why the tab an address asked for is not shown (the cluster refused it), or null. */
function refusedTabText(asked: TabId, access: TabAccess, kind: string): string | null {
  if (asked === 'logs' && access.logs === false)
    return `You may not read the logs of this ${kind}.`;
  if (asked === 'terminal' && access.terminal === false)
    return `You may not exec into or attach to this ${kind}.`;
  return null;
}

/** Why an object could not be shown, in words, with a way back to its list. */
function LoadFailure({
  error,
  target,
  navigate,
}: {
  error: unknown;
  target: ObjectRef;
  navigate: (to: string) => void;
}) {
  const { kind, namespace, name } = target;
  const back = (
    <AppLink href={listHref(target.cluster, kind, namespace)} navigate={navigate}>
      Back to {kind.kind} list
    </AppLink>
  );
  if (error instanceof ApiError && error.status === 404) {
    const where = namespace === undefined ? 'the cluster' : namespace;
    return (
      <>
        <ErrorText>
          {kind.kind} {name} was not found in {where}
        </ErrorText>
        <p>{back}</p>
      </>
    );
  }
  if (error instanceof ApiError && error.status === 403) {
    return (
      <>
        <ErrorText>
          You may not read {kind.kind} {name}
        </ErrorText>
        <p className="muted">{error.message}</p>
        <p>{back}</p>
      </>
    );
  }
  return (
    <>
      <ErrorText>
        {error instanceof Error ? error.message : 'The object could not be read.'}
      </ErrorText>
      <p>{back}</p>
    </>
  );
}

/** One object: its metadata, status, related objects, events and YAML, and what you may do to it. */
export function DetailsPage(props: {
  cluster: string;
  kind: ResourceKind;
  namespace: string | undefined;
  name: string;
  /** Open with the YAML editor (`?edit=1`, the list's row menu "Edit"). */
  edit?: boolean;
  /** The tab the address asks for (`?tab=yaml`). */
  tab?: string;
  /** The Logs tab's settings from the address. */
  logs?: LogQuery | undefined;
  /** The Terminal tab's settings from the address. */
  terminal?: TerminalQuery | undefined;
  navigate: Navigate;
}): JSX.Element {
  const { cluster, kind, name, navigate } = props;
  const namespace = kind.namespaced ? props.namespace : undefined;
  const target = useMemo<ObjectRef>(
    () => ({ cluster, kind, namespace, name }),
    [cluster, kind, namespace, name],
  );
  const { loaded, reload } = useObject(target);
  const mux = useWatchMux();
  const [editing, setEditing] = useState(props.edit === true);
  const [notice, setNotice] = useState<string | null>(null);
  const [revealed, setRevealed] = useState(false);
  const [reloadError, setReloadError] = useState<string | null>(null);
  const tabsId = useId();
  // The tab is the address's (`?tab=`), so a link or a reload keeps it; `?edit=1` is YAML.
  const [hash] = useState(() => window.location.hash);
  const urlTab = tabFromUrl(
    props.tab !== undefined
      ? `?tab=${encodeURIComponent(props.tab)}`
      : props.edit === true
        ? '?edit=1'
        : '',
    hash,
  );
  const [asked, setTab] = useState<TabId>(urlTab);
  // Back, forward or a link to another tab of this page: the address wins.
  const [seenUrlTab, setSeenUrlTab] = useState(urlTab);
  if (seenUrlTab !== urlTab) {
    setSeenUrlTab(urlTab);
    setTab(urlTab);
  }
  // Logs and Terminal are offered only to users the cluster lets read logs or exec.
  const streams = useStreamAccess(target);
  const tabs = objectTabs(streams.tabs, asked);
  const tab = shownTab(asked, tabs);
  const refused = refusedTabText(asked, streams.tabs, kind.kind);
  const selectTab = (next: TabId) => {
    setTab(next);
    if (next === tab) return;
    navigate(withTab(detailsUrl(cluster, kind, namespace, name), window.location.search, next), {
      replace: true,
    });
  };

  // Once shown, the object stays while it is read again (a failed re-read is said apart),
  // unless the cluster says it is gone or not the user's to read.
  const gone = loaded.error instanceof ApiError && [401, 403, 404].includes(loaded.error.status);
  const object: KubeObject | undefined = gone ? undefined : loaded.data;
  const unauthorized =
    object === undefined && loaded.error instanceof ApiError && loaded.error.status === 401;
  // Once read, the object follows the watch socket: events are written into its cached answer.
  const live = useLiveObject(target, object !== undefined, mux);
  useEffect(() => {
    if (unauthorized) {
      navigate(signInHref(cluster, currentPath()));
    }
  }, [unauthorized, cluster, navigate]);

  const status = object === undefined ? undefined : objectStatus(kind.kind, object);
  const toSignIn = () => {
    navigate(signInHref(cluster, currentPath()));
  };
  const refresh = (message: string) => {
    setNotice(message);
    setReloadError(null);
    reload().catch((caught: unknown) => {
      setReloadError(
        caught instanceof Error ? caught.message : 'the object could not be read again',
      );
    });
  };
  const actions = object !== undefined && (
    <ObjectActions
      target={target}
      object={object}
      editing={editing}
      onEdit={() => {
        setNotice(null);
        setEditing(true);
        if (tab !== 'yaml') selectTab('yaml');
      }}
      onChanged={refresh}
      onDeleted={() => {
        navigate(listHref(cluster, kind, namespace));
      }}
      onUnauthorized={toSignIn}
      {...(hasKindActions(target)
        ? {
            extra: (
              <KindActions
                target={target}
                object={object}
                onChanged={refresh}
                onUnauthorized={toSignIn}
              />
            ),
          }
        : {})}
    />
  );

  const heading = (
    <header className="details-header">
      <p className="muted">
        <AppLink href={listHref(cluster, kind, namespace)} navigate={navigate}>
          {kind.kind}
          {namespace === undefined ? '' : ` in ${namespace}`}
        </AppLink>
      </p>
      <div className="details-title">
        <h1>
          {kind.kind} {name}
        </h1>
        {status !== undefined && (
          <span className={`object-status object-status-${status.tone}`}>
            <span aria-hidden="true" className="object-status-dot" />
            {status.text}
          </span>
        )}
        {live.watching && <LiveIndicator mux={mux} />}
      </div>
      {actions}
    </header>
  );

  if (object === undefined && (loaded.isPending || unauthorized)) {
    return (
      <article className="details">
        {heading}
        <p>Loading…</p>
      </article>
    );
  }
  if (object === undefined) {
    return (
      <article className="details">
        {heading}
        <LoadFailure error={loaded.error} target={target} navigate={navigate} />
      </article>
    );
  }

  const shown = isSecret(kind) ? secretForDisplay(object, revealed) : object;
  const yamlPanel = editing ? (
    <EditYamlPanel
      target={target}
      live={object}
      onApplied={(message) => {
        setEditing(false);
        refresh(message);
      }}
      onCancel={() => {
        setEditing(false);
      }}
      onReload={reload}
    />
  ) : (
    <YamlSection
      object={shown}
      {...(isSecret(kind)
        ? {
            reveal: {
              revealed,
              toggle: () => {
                setRevealed((before) => !before);
              },
            },
          }
        : {})}
    />
  );
  const panels: Record<TabId, JSX.Element> = {
    overview: (
      <>
        <KindSections
          target={target}
          object={object}
          onChanged={refresh}
          onUnauthorized={toSignIn}
          navigate={navigate}
        />
        <MetadataSection cluster={cluster} object={shown} navigate={navigate} />
        <StatusSection object={object} />
        <OwnerLinks cluster={cluster} metadata={object.metadata} navigate={navigate} />
      </>
    ),
    yaml: yamlPanel,
    events: <EventsSection cluster={cluster} object={object} />,
    logs:
      streams.resource === undefined ? (
        <></>
      ) : (
        <LogsPanel
          target={target}
          resource={streams.resource}
          object={object}
          query={props.logs}
          navigate={navigate}
        />
      ),
    terminal: (
      <TerminalPanel
        target={target}
        object={object}
        query={props.terminal}
        access={streams}
        navigate={navigate}
      />
    ),
    related: (
      <RelatedSection
        cluster={cluster}
        kind={kind}
        object={object}
        navigate={navigate}
        mux={kind.verbs.includes('watch') ? mux : null}
      />
    ),
  };

  return (
    <article className="details">
      {heading}
      {live.deleted && (
        <p role="alert" className="deleted-notice">
          This {kind.kind} was deleted. What is shown is how it last was.
        </p>
      )}
      {live.error !== undefined && <p className="muted">Not live: {live.error}</p>}
      {notice !== null && (
        <p role="status" className="ok">
          {notice}
        </p>
      )}
      {reloadError !== null && <ErrorText>{reloadError}</ErrorText>}
      {refused !== null && <p className="muted">{refused}</p>}
      <TabList
        label={`${kind.kind} ${name}`}
        tabs={tabs}
        selected={tab}
        idPrefix={tabsId}
        onSelect={(id) => {
          selectTab(id as TabId);
        }}
      />
      <TabPanel idPrefix={tabsId} id={tab}>
        {panels[tab]}
      </TabPanel>
    </article>
  );
}
