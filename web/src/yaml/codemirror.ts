/**
 * The CodeMirror editor for YAML. Only ever imported dynamically (see YamlEditor), so that
 * CodeMirror lands in its own chunk and pages without an editor never load it.
 */
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { yaml } from '@codemirror/lang-yaml';
import {
  bracketMatching,
  defaultHighlightStyle,
  foldGutter,
  indentOnInput,
  indentUnit,
  syntaxHighlighting,
} from '@codemirror/language';
import { EditorState } from '@codemirror/state';
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
} from '@codemirror/view';

export interface EditorOptions {
  initialValue: string;
  onChange: (text: string) => void;
  /** The accessible name of the editable area. */
  label: string;
}

export interface MountedEditor {
  destroy: () => void;
  focus: () => void;
}

/** Puts a YAML editor into `parent`. */
export function mountYamlEditor(parent: HTMLElement, options: EditorOptions): MountedEditor {
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: options.initialValue,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        foldGutter(),
        history(),
        drawSelection(),
        indentOnInput(),
        indentUnit.of('  '),
        bracketMatching(),
        highlightActiveLine(),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        yaml(),
        keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
        EditorView.contentAttributes.of({ 'aria-label': options.label }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) {
            options.onChange(update.state.doc.toString());
          }
        }),
      ],
    }),
  });
  return {
    destroy: () => {
      view.destroy();
    },
    focus: () => {
      view.focus();
    },
  };
}
