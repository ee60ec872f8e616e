/**
 * The CodeMirror editor for YAML. Only ever imported dynamically (see YamlEditor), so that
 * CodeMirror lands in its own chunk and pages without an editor never load it.
 */
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { yaml } from '@codemirror/lang-yaml';
import {
  bracketMatching,
  foldGutter,
  HighlightStyle,
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
import { tags } from '@lezer/highlight';

/*
 * Colours from the design tokens (src/ui/tokens.css), so the editor follows the theme
 * as the page does, with nothing to reconfigure when it changes.
 */
const tokenTheme = EditorView.theme({
  '&': { backgroundColor: 'var(--color-bg)', color: 'var(--color-text)' },
  '.cm-content': { caretColor: 'var(--color-text)' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--color-text)' },
  '.cm-gutters': {
    backgroundColor: 'var(--color-surface)',
    borderRight: '1px solid var(--color-border)',
    color: 'var(--color-text-muted)',
  },
  '.cm-activeLine': { backgroundColor: 'var(--code-active-line)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--code-active-line)' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection': {
    backgroundColor: 'var(--code-selection)',
  },
  '.cm-matchingBracket': { outline: '1px solid var(--color-border-strong)' },
  '.cm-foldPlaceholder': {
    backgroundColor: 'var(--color-surface)',
    border: '1px solid var(--color-border)',
    color: 'var(--color-text-muted)',
  },
});

const tokenHighlight = HighlightStyle.define([
  { tag: [tags.propertyName, tags.definition(tags.propertyName)], color: 'var(--code-key)' },
  { tag: [tags.string, tags.special(tags.string), tags.content], color: 'var(--code-string)' },
  { tag: [tags.number, tags.bool, tags.null, tags.atom], color: 'var(--code-number)' },
  { tag: [tags.keyword, tags.typeName, tags.labelName], color: 'var(--code-keyword)' },
  { tag: [tags.comment, tags.meta], color: 'var(--code-comment)', fontStyle: 'italic' },
  { tag: [tags.punctuation, tags.separator], color: 'var(--color-text-muted)' },
]);

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
        tokenTheme,
        syntaxHighlighting(tokenHighlight),
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
