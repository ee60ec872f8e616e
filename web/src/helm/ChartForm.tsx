import { useState } from 'react';
import type { CatalogChart } from '@/helm/api';
import { ActionsRow } from '@/ui/ActionsRow';
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
 * and the values (YAML). Install also asks for the release's name and namespace.
 */
export function ChartForm({
  charts,
  initial,
  mode,
  busy,
  onSubmit,
  onCancel,
}: {
  charts: CatalogChart[];
  initial: ChartFormValue;
  mode: 'install' | 'upgrade';
  busy: boolean;
  onSubmit: (value: ChartFormValue) => void;
  onCancel: () => void;
}) {
  const [value, setValue] = useState(initial);
  const chosen = charts.find((c) => `${c.repository}/${c.name}` === value.chart);
  const set = (change: Partial<ChartFormValue>) => {
    setValue((before) => ({ ...before, ...change }));
  };
  return (
    <form
      className="helm-form"
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit(value);
      }}
    >
      {mode === 'install' && (
        <>
          <label>
            Release name{' '}
            <input
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
            <input
              required
              value={value.namespace}
              onChange={(event) => {
                set({ namespace: event.target.value });
              }}
            />
          </label>
          <label>
            <input
              type="checkbox"
              checked={value.createNamespace}
              onChange={(event) => {
                set({ createNamespace: event.target.checked });
              }}
            />{' '}
            Create the namespace if it does not exist
          </label>
        </>
      )}
      <label>
        Chart{' '}
        <select
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
        </select>
      </label>
      <label>
        Version{' '}
        <select
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
        </select>
      </label>
      <YamlEditor
        label="Values"
        initialValue={initial.values}
        onChange={(text) => {
          set({ values: text });
        }}
      />
      <ActionsRow place="helm">
        <button type="submit" disabled={busy}>
          {mode === 'install' ? 'Install' : 'Upgrade'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </ActionsRow>
    </form>
  );
}
