import type { KubeObject } from '@/api/kube';
import { AppLink } from '@/details/AppLink';
import { KindLink } from '@/details/KindLink';
import { kinds, objectHref } from '@/details/links';
import type { KindRef } from '@/details/links';
import {
  accessModesText,
  claimCapacity,
  isDefaultClass,
  nodeAffinityTerms,
  topologyTerms,
  volumeSource,
} from '@/details/kinds/storage';
import type { ClaimFields, ClassFields, VolumeFields } from '@/details/kinds/storage';
import { CodeList, Field, Section, Table, TextFields, Values } from '@/details/kinds/parts';
import { StatusBadge } from '@/ui/StatusBadge';
import type { KindProps, Navigate } from '@/details/kinds/parts';

/** A claim's or volume's phase, coloured, with the reason and message the cluster gave. */
function PhaseField({
  status,
}: {
  status: { phase?: string; reason?: string; message?: string } | undefined;
}) {
  return (
    <Field label="Status">
      <StatusBadge text={status?.phase ?? 'Unknown'} />
      {status?.reason !== undefined && <> ({status.reason})</>}
      {status?.message !== undefined && <span className="muted"> {status.message}</span>}
    </Field>
  );
}

/** A link to a named object (by its name, or `label`), or a muted note when it names none. */
function LinkOrNone({
  cluster,
  navigate,
  kind,
  namespace,
  name,
  label,
  none,
}: {
  cluster: string;
  navigate: Navigate;
  kind: KindRef;
  namespace?: string | undefined;
  name: string | undefined;
  label?: string;
  none: string;
}) {
  if (name === undefined || name === '') return <span className="muted">{none}</span>;
  return (
    <AppLink href={objectHref(cluster, kind, namespace, name)} navigate={navigate}>
      {label ?? name}
    </AppLink>
  );
}

/** The StorageClass a claim or volume names, linked. */
function ClassField({
  at,
  name,
  none,
}: {
  at: { cluster: string; navigate: Navigate };
  name: string | undefined;
  none: string;
}) {
  return (
    <Field label="Storage class">
      <LinkOrNone {...at} kind={kinds.storageClasses} name={name} none={none} />
    </Field>
  );
}

/** A claim's phase, size asked for and given, modes, class and the volume bound to it. */
export function ClaimSections({ cluster, object, navigate }: KindProps) {
  const { spec, status } = object as KubeObject & ClaimFields;
  const size = claimCapacity(object as KubeObject & ClaimFields);
  const source = spec?.dataSource;
  const at = { cluster, navigate };
  return (
    <Section id="claim" title="Claim">
      <dl className="fields">
        <PhaseField status={status} />
        <Field label="Requested">{size.requested}</Field>
        <Field label="Capacity">
          {size.actual ?? <span className="muted">None yet (not bound)</span>}
          {size.note !== undefined && <span className="muted"> ({size.note})</span>}
        </Field>
        <TextFields
          rows={[
            ['Access modes', accessModesText(status?.accessModes ?? spec?.accessModes)],
            ['Volume mode', spec?.volumeMode ?? 'Filesystem'],
          ]}
        />
        <ClassField
          at={at}
          name={spec?.storageClassName}
          none={
            spec?.storageClassName === ''
              ? 'None (binds only volumes without a class)'
              : 'None (there was no default class)'
          }
        />
        <Field label="Volume">
          <LinkOrNone
            {...at}
            kind={kinds.persistentVolumes}
            name={spec?.volumeName}
            none="Not bound to a volume yet."
          />
        </Field>
        {source?.name !== undefined && (
          <Field label="Data source">
            <KindLink
              cluster={cluster}
              group={source.apiGroup ?? ''}
              kind={source.kind ?? ''}
              namespace={object.metadata.namespace}
              name={source.name}
              navigate={navigate}
            />
          </Field>
        )}
        <TextFields rows={[['Volume attributes class', spec?.volumeAttributesClassName]]} />
      </dl>
    </Section>
  );
}

/** A volume's size, modes, policy, phase, class, claim, where its storage is and which nodes reach it. */
export function VolumeSections({ cluster, object, navigate }: KindProps) {
  const volume = object as KubeObject & VolumeFields;
  const { spec, status } = volume;
  const source = volumeSource(volume);
  const claim = spec?.claimRef;
  const at = { cluster, navigate };
  return (
    <Section id="volume" title="Volume">
      <dl className="fields">
        <PhaseField status={status} />
        <TextFields
          rows={[
            ['Capacity', spec?.capacity?.['storage'] ?? '—'],
            ['Access modes', accessModesText(spec?.accessModes)],
            ['Reclaim policy', spec?.persistentVolumeReclaimPolicy ?? 'Retain'],
            ['Volume mode', spec?.volumeMode ?? 'Filesystem'],
          ]}
        />
        <ClassField at={at} name={spec?.storageClassName} none="None" />
        <Field label="Claim">
          <LinkOrNone
            {...at}
            kind={kinds.persistentVolumeClaims}
            namespace={claim?.namespace}
            name={claim?.name}
            label={`${claim?.namespace ?? ''}/${claim?.name ?? ''}`}
            none="Not claimed."
          />
        </Field>
        <Field label="Source">
          {source.type}
          {source.details.length > 0 && (
            <Values
              items={source.details.map(([field, value]) => (
                <>
                  <span className="muted">{field}</span> <code>{value}</code>
                </>
              ))}
            />
          )}
        </Field>
        <CodeList label="Node affinity" items={nodeAffinityTerms(volume)} none="Any node" />
        {(spec?.mountOptions ?? []).length > 0 && (
          <CodeList label="Mount options" items={spec?.mountOptions ?? []} />
        )}
      </dl>
    </Section>
  );
}

/** A class's provisioner and policies, whether it is the default, and its parameters. */
export function StorageClassSections({ object }: KindProps) {
  const sc = object as KubeObject & ClassFields;
  const parameters = Object.entries(sc.parameters ?? {}).sort(([a], [b]) => a.localeCompare(b));
  const topologies = topologyTerms(sc);
  return (
    <Section id="storageclass" title="Storage class">
      <dl className="fields">
        <Field label="Default class">
          {isDefaultClass(sc) ? (
            <>
              <StatusBadge text="Yes" tone="good" />
              <span className="muted">
                {' '}
                (annotation storageclass.kubernetes.io/is-default-class: claims that name no class
                get this one)
              </span>
            </>
          ) : (
            'No'
          )}
        </Field>
        <Field label="Provisioner">
          <code>{sc.provisioner ?? '—'}</code>
        </Field>
        <TextFields
          rows={[
            ['Reclaim policy', sc.reclaimPolicy ?? 'Delete'],
            ['Volume binding mode', sc.volumeBindingMode ?? 'Immediate'],
            ['Volume expansion', sc.allowVolumeExpansion === true ? 'Allowed' : 'Not allowed'],
          ]}
        />
        {(sc.mountOptions ?? []).length > 0 && (
          <CodeList label="Mount options" items={sc.mountOptions ?? []} />
        )}
        {topologies.length > 0 && <CodeList label="Allowed topologies" items={topologies} />}
      </dl>
      <Table
        empty="No parameters."
        caption="Parameters"
        showCaption
        columns={['Parameter', 'Value']}
        rows={parameters.map(([key, value]) => ({
          key,
          cells: [<code key="k">{key}</code>, <code key="v">{value}</code>],
        }))}
      />
    </Section>
  );
}
