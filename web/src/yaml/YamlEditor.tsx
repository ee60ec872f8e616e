import { useEffect, useRef, useState } from 'react';
import type { MountedEditor } from '@/yaml/codemirror';
import { TextArea } from '@/ui/Input';
import '@/yaml/yaml.css';

export interface YamlEditorProps {
  /** The text the editor starts with; later changes are ignored (remount with a new key). */
  initialValue: string;
  onChange: (text: string) => void;
  /** The accessible name of the editable area; "YAML" unless given. */
  label?: string;
}

type EditorState = 'loading' | 'ready' | 'fallback';

/**
 * A YAML editor. CodeMirror is loaded on first use (its own chunk); until it arrives the
 * editor says so, and if it cannot be loaded a plain text area takes its place.
 */
export function YamlEditor({ initialValue, onChange, label = 'YAML' }: YamlEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const latestOnChange = useRef(onChange);
  const [state, setState] = useState<EditorState>('loading');
  const [text] = useState(initialValue);

  useEffect(() => {
    latestOnChange.current = onChange;
  }, [onChange]);

  useEffect(() => {
    let live = true;
    let mounted: MountedEditor | undefined;
    import('@/yaml/codemirror')
      .then(({ mountYamlEditor }) => {
        if (!live || host.current === null) {
          return;
        }
        mounted = mountYamlEditor(host.current, {
          initialValue: text,
          label,
          onChange: (value) => {
            latestOnChange.current(value);
          },
        });
        setState('ready');
      })
      .catch(() => {
        if (live) {
          setState('fallback');
        }
      });
    return () => {
      live = false;
      mounted?.destroy();
    };
  }, [text, label]);

  return (
    <div className="yaml-editor">
      {state === 'loading' && <p className="muted">Loading editor…</p>}
      {state === 'fallback' ? (
        <TextArea
          aria-label={label}
          className="yaml-fallback"
          defaultValue={text}
          spellCheck={false}
          onChange={(event) => {
            latestOnChange.current(event.target.value);
          }}
        />
      ) : (
        <div ref={host} className="yaml-editor-host" />
      )}
      {state === 'ready' && (
        <p className="muted yaml-editor-hint">
          Tab indents; press Esc then Tab to leave the editor.
        </p>
      )}
    </div>
  );
}
