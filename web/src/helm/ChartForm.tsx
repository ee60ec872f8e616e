import { useState } from 'react';
import type { CatalogChart } from '@/helm/api';
import { ActionsRow } from '@/ui/ActionsRow';
import { diffLines, hasChanges } from '@/yaml/diff';
import { DiffView } from '@/yaml/DiffView';
import { Button } from '@/ui/Button';
import { Input } from '@/ui/Input';
import { Checkbox } from '@/ui/Check';
import { Select } from '@/ui/Select';
import { YamlEditor } from '@/yaml/YamlEditor';

export interface ChartFormValue {
  chart: string;
  version: string;
  values: string;
  name: string;
  namespace: string;
  createNamespace: boolean;
}

/**
 * The fields of an install or an upgrade: which chart (from the catalog), its version,
 * and the values (YAML). Install also asks for the release's name and namespace. An
 * upgrade shows the change to the values before it runs; with `stored` (no configured
 * repository has the chart) it upgrades from the chart kept in the release (`chart: ''`).
 */
export function ChartForm({
  charts,
  initial,
  mode,
  busy,
  stored,
  onSubmit,
  onCancel,
}: {
  charts: CatalogChart[];
  initial: ChartFormValue;
  mode: 'install' | 'upgrade';
  busy: boolean;
  /** The chart stored in the release, used when no repository has it. */
  stored?: { name: string; version: string };
  onSubmit: (value: ChartFormValue) => void;
  onCancel: () => void;
}) {
  const [value, setValue] = useState(initial);
  const [reviewing, setReviewing] = useState(false);
  const chosen = charts.find((c) => `${c.repository}/${c.name}` === value.chart);
  const set = (change: Partial<ChartFormValue>) => {
    setValue((before) => ({ ...before, ...change }));
  };
  return (
    <form
      className="helm-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (mode === 'upgrade' && !reviewing) {
          setReviewing(true);
        } else {
          onSubmit(value);
        }
      }}
    >
      {mode === 'install' && (
        <>
          <label>
            Release name{' '}
            <Input
              required
              value={value.name}
              pattern="[a-z0-9]([-a-z0-9]*[a-z0-9])?"
              maxLength={53}
              onChange={(event) => {
                set({ name: event.target.value });
              }}
            />
          </label>
          <label>
            Namespace{' '}
            <Input
              required
              value={value.namespace}
              onChange={(event) => {
                set({ namespace: event.target.value });
              }}
            />
          </label>
          <label>
            <Checkbox
              checked={value.createNamespace}
              onChange={(event) => {
                set({ createNamespace: event.target.checked });
              }}
            />{' '}
            Create the namespace if it does not exist
          </label>
        </>
      )}
      {stored !== undefined ? (
        <p>
          Chart: {stored.name} {stored.version}, as stored in the release (no configured chart
          repository has it).
        </p>
      ) : (
        <>
          <label>
            Chart{' '}
            <Select
              value={value.chart}
              onChange={(event) => {
                set({ chart: event.target.value, version: '' });
              }}
            >
              {charts.map((c) => (
                <option key={`${c.repository}/${c.name}`} value={`${c.repository}/${c.name}`}>
                  {c.repository}/{c.name}
                </option>
              ))}
            </Select>
          </label>
          <label>
            Version{' '}
            <Select
              value={value.version}
              onChange={(event) => {
                set({ version: event.target.value });
              }}
            >
              <option value="">latest</option>
              {(chosen?.versions ?? []).map((v) => (
                <option key={v.version} value={v.version}>
                  {v.version}
                  {v.appVersion ? ` (app ${v.appVersion})` : ''}
                </option>
              ))}
            </Select>
          </label>
        </>
      )}
      {reviewing ? (
        <ValuesChange before={initial.values} after={value.values} />
      ) : (
        <YamlEditor
          label="Values"
          initialValue={value.values}
          onChange={(text) => {
            set({ values: text });
          }}
        />
      )}
      <ActionsRow place="helm">
        <Button type="submit" variant="primary" disabled={busy}>
          {mode === 'install' ? 'Install' : reviewing ? 'Upgrade' : 'Review changes'}
        </Button>
        {reviewing && (
          <Button
            onClick={() => {
              setReviewing(false);
            }}
          >
            Edit values
          </Button>
        )}
        <Button onClick={onCancel}>Cancel</Button>
      </ActionsRow>
    </form>
  );
}

/** What an upgrade or a rollback does to the user-supplied values, as a line diff. */
export function ValuesChange({ before, after }: { before: string; after: string }) {
  const lines = diffLines(before, after);
  return (
    <section aria-label="Change to the values">
      <h3>Change to the values</h3>
      {hasChanges(lines) ? <DiffView lines={lines} /> : <p>The values stay as they are.</p>}
    </section>
  );
}
