import { useMemo, useState } from 'react';
import type { ResourceKind } from '@/api/kube';
import type { ListColumn } from '@/list/cells';
import {
  columnOptions,
  isShown,
  readChoice,
  resetColumns,
  shownNames,
  withColumn,
  writeChoice,
} from '@/list/columns';
import type { ColumnChoice, ColumnOption } from '@/list/columns';
import { Button } from '@/ui/Button';
import { Checkbox } from '@/ui/Check';
import { useDisclosure } from '@/ui/popup';

/**
 * The columns of a kind's list the user chose to see (of the table's and Lanthorn's own
 * `extra`), and the choice, read from this browser once and kept there on each change.
 */
export function useShownColumns<E extends { name: string }>(
  kind: ResourceKind,
  all: ListColumn[],
  extra: E[] | undefined,
) {
  const [choice, setChoice] = useState(() => readChoice(kind));
  const options = useMemo(() => columnOptions(all, extra), [all, extra]);
  const shown = useMemo(() => shownNames(options, choice), [options, choice]);
  const columns = useMemo(() => all.filter((c) => shown.has(c.name)), [all, shown]);
  return {
    columns,
    extra: extra?.filter((column) => shown.has(column.name)),
    options,
    choice,
    choose: (next: ColumnChoice) => {
      setChoice(next);
      writeChoice(kind, next);
    },
  };
}

interface ChooserProps {
  options: ColumnOption[];
  choice: ColumnChoice;
  onChange: (next: ColumnChoice) => void;
}

/** The list's own tools: "Columns" and "Wrap text" (on or off for the kind). */
export function ListTools({ options, choice, onChange }: ChooserProps) {
  return (
    <div className="list-tools">
      <ColumnChooser options={options} choice={choice} onChange={onChange} />
      <Button
        aria-pressed={choice.wrap}
        onClick={() => {
          onChange({ ...choice, wrap: !choice.wrap });
        }}
      >
        Wrap text
      </Button>
    </div>
  );
}

/**
 * "Columns": a button opening a checkbox per column of the table (the server's columns of
 * every priority, and Lanthorn's own), the name always on, and "Reset columns". Esc closes
 * it and gives focus back to the button.
 */
function ColumnChooser({ options, choice, onChange }: ChooserProps) {
  const { open, setOpen, panelId, root, button, onKeyDown } = useDisclosure();

  return (
    <div className="columns-chooser" ref={root} onKeyDown={onKeyDown}>
      <Button
        ref={button}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => {
          setOpen(!open);
        }}
      >
        Columns
      </Button>
      {open && (
        <div id={panelId} className="columns-panel" role="group" aria-label="Columns">
          <ul>
            {options.map((option) => (
              <li key={option.name}>
                <label>
                  <Checkbox
                    checked={isShown(option, choice)}
                    disabled={option.locked}
                    onChange={(event) => {
                      onChange(withColumn(choice, option, event.target.checked));
                    }}
                  />
                  {option.name}
                  {option.locked && <span className="muted"> (always shown)</span>}
                </label>
              </li>
            ))}
          </ul>
          <Button
            onClick={() => {
              onChange(resetColumns(choice));
            }}
          >
            Reset columns
          </Button>
        </div>
      )}
    </div>
  );
}
