import type { KubeObject } from '@/api/kube';
import { When } from '@/ui/When';
import { AppLink } from '@/details/AppLink';
import { objectHref } from '@/details/links';

const namespaces = { group: '', version: 'v1', resource: 'namespaces' };

/** Where an object lives, when it was made, its identity and its labels and annotations. */
export function MetadataSection({
  cluster,
  object,
  navigate,
}: {
  cluster: string;
  object: KubeObject;
  navigate: (to: string) => void;
}) {
  const meta = object.metadata;
  const labels = Object.entries(meta.labels ?? {});
  const annotations = Object.entries(meta.annotations ?? {});
  const generation = (meta as { generation?: number }).generation;
  return (
    <>
      <section className="details-section">
        <h2>Metadata</h2>
        <dl className="fields">
          {meta.namespace !== undefined && (
            <>
              <dt>Namespace</dt>
              <dd>
                <AppLink
                  href={objectHref(cluster, namespaces, undefined, meta.namespace)}
                  navigate={navigate}
                >
                  {meta.namespace}
                </AppLink>
              </dd>
            </>
          )}
          <dt>Created</dt>
          <dd>
            <When at={meta.creationTimestamp} />
          </dd>
          <dt>UID</dt>
          <dd>
            <code>{meta.uid ?? '—'}</code>
          </dd>
          <dt>Resource version</dt>
          <dd>
            <code>{meta.resourceVersion ?? '—'}</code>
          </dd>
          {generation !== undefined && (
            <>
              <dt>Generation</dt>
              <dd>{generation}</dd>
            </>
          )}
        </dl>
      </section>
      <section className="details-section">
        <h2>Labels</h2>
        {labels.length === 0 ? (
          <p className="muted">None</p>
        ) : (
          <ul className="chips">
            {labels.map(([key, value]) => (
              <li key={key} className="chip">
                {key}={value}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="details-section">
        <h2>Annotations</h2>
        {annotations.length === 0 ? (
          <p className="muted">None</p>
        ) : (
          <dl className="fields annotations">
            {annotations.map(([key, value]) => (
              <div key={key} className="field-row">
                <dt>{key}</dt>
                <dd>
                  {value.length > 200 ? (
                    <details>
                      <summary>{value.slice(0, 80)}…</summary>
                      <pre>{value}</pre>
                    </details>
                  ) : (
                    value
                  )}
                </dd>
              </div>
            ))}
          </dl>
        )}
      </section>
    </>
  );
}
