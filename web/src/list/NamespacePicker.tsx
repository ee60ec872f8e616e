import { useState } from 'react';
import type { FormEvent } from 'react';
import { Button } from '@/ui/Button';
import { Input } from '@/ui/Input';
import { Checkbox } from '@/ui/Check';
import { useDisclosure } from '@/ui/popup';

interface Props {
  /** Chosen namespaces; empty means all. */
  selected: string[];
  options: string[];
  /** Whether "All namespaces" can be offered (the user may list namespaces). */
  allowAll: boolean;
  onChange: (namespaces: string[]) => void;
  /** A namespace the user typed, to remember for next time. */
  onTyped: (namespace: string) => void;
}

const NAMESPACE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Picks several namespaces: a button showing the choice, opening a panel of checkboxes with
 * a filter, and a box to type a namespace the user cannot list.
 */
export function NamespacePicker({ selected, options, allowAll, onChange, onTyped }: Props) {
  const { open, setOpen, panelId, root, button, onKeyDown } = useDisclosure();
  const [filter, setFilter] = useState('');
  const [typed, setTyped] = useState('');
  // Namespaces chosen when the panel opened stay listed after being unchecked.
  const [shownAtOpen, setShownAtOpen] = useState<string[]>([]);

  const all = [...new Set([...options, ...selected, ...shownAtOpen])].sort();
  const needle = filter.trim().toLowerCase();
  const shown = all.filter((ns) => ns.includes(needle));
  const summary = selected.length === 0 ? 'All namespaces' : selected.join(', ');

  const toggle = (namespace: string, checked: boolean) => {
    onChange(checked ? [...selected, namespace] : selected.filter((n) => n !== namespace));
  };

  const add = (event: FormEvent) => {
    event.preventDefault();
    const namespace = typed.trim();
    if (!NAMESPACE.test(namespace)) return;
    onTyped(namespace);
    if (!selected.includes(namespace)) onChange([...selected, namespace]);
    setTyped('');
  };

  return (
    <div className="ns-picker" ref={root} onKeyDown={onKeyDown}>
      <Button
        ref={button}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => {
          if (!open) setShownAtOpen(selected);
          setOpen(!open);
        }}
      >
        Namespaces: {summary}
      </Button>
      {open && (
        <div id={panelId} className="ns-panel" role="group" aria-label="Namespaces">
          {all.length > 8 && (
            <Input
              type="search"
              aria-label="Filter namespaces"
              placeholder="Filter namespaces"
              value={filter}
              onChange={(event) => {
                setFilter(event.target.value);
              }}
            />
          )}
          {allowAll && (
            <label>
              <Checkbox
                checked={selected.length === 0}
                onChange={() => {
                  onChange([]);
                }}
              />
              All namespaces
            </label>
          )}
          <ul>
            {shown.map((namespace) => (
              <li key={namespace}>
                <label>
                  <Checkbox
                    checked={selected.includes(namespace)}
                    onChange={(event) => {
                      toggle(namespace, event.target.checked);
                    }}
                  />
                  {namespace}
                </label>
              </li>
            ))}
          </ul>
          <form onSubmit={add} className="ns-add">
            <Input
              aria-label="Other namespace"
              placeholder="Other namespace"
              value={typed}
              onChange={(event) => {
                setTyped(event.target.value);
              }}
            />
            <Button type="submit" disabled={!NAMESPACE.test(typed.trim())}>
              Add
            </Button>
          </form>
        </div>
      )}
    </div>
  );
}
