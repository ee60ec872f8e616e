import { Plus } from 'lucide-react';
import { useState } from 'react';
import type { JSX } from 'react';
import { ApiError } from '@/api/http';
import { useMayCreateSomething } from '@/api/access';
import { useClusterGet, useClusterMutation } from '@/api/query';
import { ActionsRow } from '@/ui/ActionsRow';
import { ErrorText } from '@/ui/ErrorText';
import { createFromYaml, summarize } from '@/create/createObjects';
import type { CreateReport, DocumentOutcome } from '@/create/createObjects';
import {
  fromOpenApi,
  hasBuiltInTemplate,
  parseTemplateParam,
  templateYaml,
} from '@/create/templates';
import { AppLink } from '@/details/AppLink';
import { objectHref, signInHref } from '@/details/links';
import { YamlEditor } from '@/yaml/YamlEditor';
import { Button } from '@/ui/Button';
import '@/details/details.css';

function OutcomeLine({
  outcome,
  cluster,
  navigate,
}: {
  outcome: DocumentOutcome;
  cluster: string;
  navigate: (to: string) => void;
}) {
  const target = outcome.target;
  const href =
    target === undefined
      ? undefined
      : objectHref(cluster, target.kind, target.namespace, target.name);
  switch (outcome.status) {
    case 'created':
      return (
        <>
          created{' '}
          {href === undefined ? (
            outcome.label
          ) : (
            <AppLink href={href} navigate={navigate}>
              {outcome.label}
            </AppLink>
          )}
        </>
      );
    case 'invalid':
      return (
        <>
          {outcome.label} (line {outcome.line}): {outcome.message}
        </>
      );
    case 'not-sent':
      return <>{outcome.label}: not sent</>;
    case 'rejected':
      return (
        <>
          {outcome.label}: refused in the dry run: {outcome.message}
        </>
      );
    case 'passed':
      return <>{outcome.label}: passed the dry run, not created</>;
    case 'failed':
      return (
        <>
          {outcome.label}: failed: {outcome.message}
        </>
      );
    case 'not-attempted':
      return <>{outcome.label}: not created (an earlier document failed)</>;
  }
}

/** Creates objects from pasted YAML (one or several `---`-separated documents). */
export function CreatePage(props: {
  cluster: string;
  namespace: string | undefined;
  /** `GROUP/VERSION/Kind` (see `templateParam`): start from a template of that kind. */
  template?: string | undefined;
  navigate: (to: string) => void;
}): JSX.Element {
  const { cluster, namespace, navigate } = props;
  const defaultNamespace = namespace === undefined || namespace === '' ? 'default' : namespace;
  const kind = parseTemplateParam(props.template ?? null);
  // A kind without a written template starts from its schema, as the cluster publishes it.
  const schemaPath =
    kind === undefined || hasBuiltInTemplate(kind)
      ? null
      : kind.group === ''
        ? `/openapi/v3/api/${kind.version}`
        : `/openapi/v3/apis/${kind.group}/${kind.version}`;
  const schema = useClusterGet<unknown>(cluster, schemaPath);
  const waiting = schemaPath !== null && schema.isPending;
  const initial =
    kind === undefined || waiting
      ? ''
      : templateYaml(
          kind,
          defaultNamespace,
          schema.isSuccess ? fromOpenApi(schema.data, kind) : undefined,
        );
  const [edited, setText] = useState<string | null>(null);
  const text = edited ?? initial;
  const mayCreate = useMayCreateSomething(cluster, defaultNamespace);
  const creating = useClusterMutation(cluster, (yaml: string) =>
    createFromYaml(cluster, yaml, defaultNamespace),
  );
  const busy = creating.isPending;
  const report: CreateReport | null = creating.data ?? null;
  const unauthorized = creating.error instanceof ApiError && creating.error.status === 401;
  const error =
    creating.isError && !unauthorized
      ? creating.error instanceof Error
        ? creating.error.message
        : 'the request failed'
      : null;

  const create = () => {
    creating.mutate(text, {
      onError: (caught) => {
        if (caught instanceof ApiError && caught.status === 401) {
          navigate(signInHref(cluster, window.location.pathname + window.location.search));
        }
      },
    });
  };

  const succeeded = report?.phase === 'created';
  if (mayCreate === false) {
    return (
      <article className="details create-page">
        <h1>Create from YAML</h1>
        <p role="alert" className="error">
          You may not create anything in namespace {defaultNamespace}: the cluster grants you no
          create permission there.
        </p>
      </article>
    );
  }
  return (
    <article className="details create-page">
      <h1>Create from YAML</h1>
      <p className="muted">
        Paste one or more YAML documents separated by <code>---</code>. Objects without a namespace
        are created in <strong>{defaultNamespace}</strong>. All documents are checked with a
        server-side dry run first; nothing is created unless all of them pass.
      </p>
      {kind !== undefined && !waiting && (
        <p className="muted">
          Starts from a {kind.kind} with what the API server requires; give it a name and change
          what you need.
        </p>
      )}
      {waiting ? (
        <p className="muted">Reading the {kind?.kind} schema…</p>
      ) : (
        <YamlEditor key={initial} initialValue={initial} onChange={setText} />
      )}
      <ActionsRow place="page" busy={busy}>
        <Button
          variant="primary"
          icon={Plus}
          onClick={create}
          disabled={busy || text.trim() === ''}
        >
          Create
        </Button>
      </ActionsRow>
      <ErrorText>{error}</ErrorText>
      {report !== null && (
        <section aria-label="Results" className="create-results">
          <p role={succeeded ? 'status' : 'alert'} className={succeeded ? 'ok' : 'error'}>
            {summarize(report)}
          </p>
          <ul role="list">
            {report.outcomes.map((outcome) => (
              <li key={outcome.index} className={`outcome outcome-${outcome.status}`}>
                <OutcomeLine outcome={outcome} cluster={cluster} navigate={navigate} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}
