import type { KubeObject } from '@/api/kube';
import { Button } from '@/ui/Button';
import { objectToYaml } from '@/yaml/convert';

/**
 * The object as YAML (without managedFields), read-only. For a Secret, `object` is already the
 * display form and `reveal` toggles whether its values show.
 */
export function YamlSection({
  object,
  reveal,
}: {
  object: KubeObject;
  reveal?: { revealed: boolean; toggle: () => void };
}) {
  return (
    <section className="details-section">
      <h2>YAML</h2>
      {reveal !== undefined && (
        <p>
          <Button onClick={reveal.toggle}>{reveal.revealed ? 'Hide' : 'Reveal'}</Button>{' '}
          <span className="muted">
            {reveal.revealed
              ? 'Values are shown decoded from base64.'
              : 'Secret values are hidden.'}
          </span>
        </p>
      )}
      <pre className="yaml-view" tabIndex={0}>
        {objectToYaml(object)}
      </pre>
    </section>
  );
}
