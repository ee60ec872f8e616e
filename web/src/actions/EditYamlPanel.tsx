import { useState } from 'react';
import { ApiError } from '@/api/http';
import { useAppMutation, useClusterMutation } from '@/api/query';
import { ActionsRow } from '@/ui/ActionsRow';
import { ErrorText } from '@/ui/ErrorText';
import type { KubeObject } from '@/api/kube';
import { failureMessage, replaceObject } from '@/actions/requests';
import type { ObjectRef } from '@/actions/requests';
import { describeProblem, objectToYaml, setResourceVersion, yamlToObject } from '@/yaml/convert';
import { diffLines } from '@/yaml/diff';
import type { DiffLine } from '@/yaml/diff';
import { DiffView } from '@/yaml/DiffView';
import { Button } from '@/ui/Button';
import { YamlEditor } from '@/yaml/YamlEditor';

type Review = { lines: DiffLine[]; object: KubeObject };

/** The text an object is edited as: its YAML without managedFields. */
export function editableYaml(object: KubeObject): string {
  return objectToYaml(object);
}

/** What the review compares: an object as YAML without managedFields and resourceVersion. */
function comparable(object: KubeObject): string {
  return objectToYaml(object, { resourceVersion: true });
}

/** Whether two versions of an object differ in nothing but status (and resourceVersion). */
export function sameExceptStatus(a: KubeObject, b: KubeObject): boolean {
  const withoutStatus = (object: KubeObject): string => {
    const copy: KubeObject = { ...object };
    delete copy['status'];
    return comparable(copy);
  };
  return withoutStatus(a) === withoutStatus(b);
}

function withResourceVersion(object: KubeObject, resourceVersion: string): KubeObject {
  return { ...object, metadata: { ...object.metadata, resourceVersion } };
}

/**
 * Edits an object as YAML: "Review changes" dry-runs the replacement on the server and shows
 * what would change; "Apply" replaces it. A conflict keeps the edited text and offers to
 * reload the latest version underneath it.
 */
export function EditYamlPanel({
  target,
  live,
  onApplied,
  onCancel,
  onReload,
}: {
  target: ObjectRef;
  /** The object as read from the cluster when editing starts. */
  live: KubeObject;
  onApplied: (message: string) => void;
  onCancel: () => void;
  /** Reads the object again; resolves to the latest version. */
  onReload: () => Promise<KubeObject>;
}) {
  const [initial, setInitial] = useState(() => ({ text: editableYaml(live), key: 0 }));
  const [text, setText] = useState(initial.text);
  const [review, setReview] = useState<Review | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  /** The version the edit is based on: the object when opened, or when last reloaded. */
  const [base, setBase] = useState(live);
  const label = `${target.kind.kind} ${target.name}`;

  const fail = (caught: unknown, verb: string) => {
    if (caught instanceof ApiError && caught.status === 409) {
      setConflict(true);
      setProblem(null);
    } else {
      setProblem(failureMessage(caught, verb, target));
    }
  };

  /**
   * Sends the replacement. On a conflict caused only by the cluster updating status (as
   * controllers keep doing), it re-reads the object and sends the same edit on top of the
   * latest version; any other change underneath is a real conflict and is left to the user.
   */
  const send = async (object: KubeObject, dryRun: boolean) => {
    try {
      return { sent: object, result: await replaceObject(target, object, dryRun), current: base };
    } catch (caught) {
      if (!(caught instanceof ApiError) || caught.status !== 409) {
        throw caught;
      }
      const latest = await onReload();
      if (!sameExceptStatus(latest, base) || latest.metadata.resourceVersion === undefined) {
        throw caught;
      }
      setBase(latest);
      const again = withResourceVersion(object, latest.metadata.resourceVersion);
      return { sent: again, result: await replaceObject(target, again, dryRun), current: latest };
    }
  };

  const checking = useAppMutation({
    mutationFn: (object: KubeObject) => send(object, true),
  });
  const applying = useClusterMutation(target.cluster, (object: KubeObject) => send(object, false));
  const reloading = useAppMutation({ mutationFn: onReload });
  // After a successful apply the panel stays busy until the page closes it.
  const busy =
    checking.isPending || applying.isPending || applying.isSuccess || reloading.isPending;

  const check = () => {
    setProblem(null);
    setConflict(false);
    setNotice(null);
    setReview(null);
    const parsed = yamlToObject(text);
    if (!parsed.ok) {
      setProblem(`The YAML could not be read. ${describeProblem(parsed.problem)}`);
      return;
    }
    checking.mutate(parsed.value, {
      onSuccess: ({ sent, result, current }) => {
        setReview({ lines: diffLines(comparable(current), comparable(result)), object: sent });
      },
      onError: (caught) => {
        fail(caught, 'update');
      },
    });
  };

  const apply = (object: KubeObject) => {
    setProblem(null);
    applying.mutate(object, {
      onSuccess: () => {
        onApplied(`Saved your changes to ${label}.`);
      },
      onError: (caught) => {
        fail(caught, 'update');
      },
    });
  };

  const reload = () => {
    reloading.mutate(undefined, {
      onSuccess: (latest) => {
        setBase(latest);
        const version = latest.metadata.resourceVersion;
        const rebased = version === undefined ? text : setResourceVersion(text, version);
        setInitial((before) => ({ text: rebased, key: before.key + 1 }));
        setText(rebased);
        setConflict(false);
        setReview(null);
        setNotice(
          'Reloaded the latest version. Your edits are kept: review them against it before applying.',
        );
      },
      onError: (caught) => {
        setProblem(failureMessage(caught, 'read', target));
      },
    });
  };

  return (
    <section className="edit-yaml details-section">
      <h2>Edit YAML</h2>
      <YamlEditor
        key={initial.key}
        initialValue={initial.text}
        onChange={(value) => {
          setText(value);
          setReview(null);
        }}
      />
      <ErrorText>{problem}</ErrorText>
      {conflict && (
        <div role="alert" className="error conflict">
          <p>
            The object changed since you opened it. Your text is kept: reload the latest version,
            then review your changes again.
          </p>
          <Button onClick={reload} disabled={busy}>
            Reload
          </Button>
        </div>
      )}
      {notice !== null && (
        <p role="status" className="muted">
          {notice}
        </p>
      )}
      <ActionsRow place="page" busy={busy}>
        <Button onClick={check} disabled={busy}>
          Review changes
        </Button>
        {review !== null && (
          <Button
            variant="primary"
            onClick={() => {
              apply(review.object);
            }}
            disabled={busy}
          >
            Apply
          </Button>
        )}
        <Button variant="ghost" onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
      </ActionsRow>
      {review !== null && <DiffView lines={review.lines} />}
    </section>
  );
}
