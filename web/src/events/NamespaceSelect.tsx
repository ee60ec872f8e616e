import type { NamespaceChoices } from '@/nav/namespaces';
import { Select } from '@/ui/Select';

interface Props {
  /** The chosen namespace; undefined: everything the user may see. */
  value: string | undefined;
  choices: NamespaceChoices;
  onChange: (namespace: string | undefined) => void;
}

/**
 * One namespace or all the user may see: "All namespaces" for a user who may list them,
 * else "Your namespaces" (its own and those it typed before).
 */
export function NamespaceSelect({ value, choices, onChange }: Props) {
  const options = [
    ...new Set([...choices.options, ...(value === undefined ? [] : [value])]),
  ].sort();
  const everything =
    choices.listed !== null || choices.candidates.length === 0
      ? 'All namespaces'
      : `Your namespaces (${choices.candidates.join(', ')})`;
  return (
    <label className="namespace-select">
      Namespace{' '}
      <Select
        value={value ?? ''}
        onChange={(event) => {
          onChange(event.target.value === '' ? undefined : event.target.value);
        }}
      >
        <option value="">{everything}</option>
        {options.map((namespace) => (
          <option key={namespace} value={namespace}>
            {namespace}
          </option>
        ))}
      </Select>
    </label>
  );
}
