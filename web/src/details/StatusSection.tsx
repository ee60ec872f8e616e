import type { KubeObject } from '@/api/kube';
import { When } from '@/ui/When';

interface Condition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

function scalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** Words from a camelCase field name: `readyReplicas` → `Ready replicas`. */
export function fieldLabel(field: string): string {
  const words = field.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The object's status: its simple fields and its conditions. */
export function StatusSection({ object }: { object: KubeObject }) {
  const status = object['status'];
  if (typeof status !== 'object' || status === null) {
    return null;
  }
  const record = status as Record<string, unknown>;
  const fields = Object.entries(record).filter(
    (entry): entry is [string, string | number | boolean] => scalar(entry[1]),
  );
  const conditions = Array.isArray(record['conditions'])
    ? (record['conditions'] as Condition[])
    : [];
  if (fields.length === 0 && conditions.length === 0) {
    return null;
  }
  return (
    <section className="details-section">
      <h2>Status</h2>
      {fields.length > 0 && (
        <dl className="fields">
          {fields.map(([key, value]) => (
            <div key={key} className="field-row">
              <dt>{fieldLabel(key)}</dt>
              <dd>{String(value)}</dd>
            </div>
          ))}
        </dl>
      )}
      {conditions.length > 0 && (
        <table className="details-table">
          <caption className="visually-hidden">Conditions</caption>
          <thead>
            <tr>
              <th scope="col">Type</th>
              <th scope="col">Status</th>
              <th scope="col">Reason</th>
              <th scope="col">Message</th>
              <th scope="col">Last transition</th>
            </tr>
          </thead>
          <tbody>
            {conditions.map((condition, i) => (
              <tr key={condition.type ?? i}>
                <td>{condition.type}</td>
                <td>{condition.status}</td>
                <td>{condition.reason}</td>
                <td>{condition.message}</td>
                <td>
                  {condition.lastTransitionTime === undefined ? (
                    '—'
                  ) : (
                    <When at={condition.lastTransitionTime} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
