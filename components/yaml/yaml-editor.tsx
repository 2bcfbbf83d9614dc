'use client';

import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { yaml } from '@codemirror/lang-yaml';
import { bracketMatching, foldGutter, foldKeymap, HighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { forEachDiagnostic, lintGutter, linter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { Compartment, EditorState, RangeSetBuilder } from '@codemirror/state';
import { Decoration, drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers, ViewPlugin, type DecorationSet, type ViewUpdate } from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { useEffect, useRef } from 'react';

import { locateField, offsetOf, yamlSyntaxProblems } from '@/lib/yaml/field-location';

/** A problem the server found in the YAML it was sent. */
export interface YamlProblem {
  message: string;
  /** The field at fault (`spec.pollingInterval`); followed as the text is edited. */
  field?: string;
  /** Where the server placed it in the text it was sent (1-based). */
  line?: number;
  column?: number;
  /** The text that was sent, and the field's value in it: the marker goes once the value changes. */
  text: string;
  valueSource?: string;
}

export interface YamlEditorProps {
  value: string;
  readOnly: boolean;
  onChange?: (value: string) => void;
  /** Accessible name of the text area. */
  label: string;
  problem?: YamlProblem;
  /** Called with the 1-based line of the server problem as the editor places it (or undefined). */
  onProblemLine?: (line: number | undefined) => void;
}

const highlight = HighlightStyle.define([
  { tag: [tags.propertyName, tags.definition(tags.propertyName)], color: 'var(--cm-key)' },
  { tag: [tags.string, tags.special(tags.string), tags.content], color: 'var(--cm-string)' },
  { tag: [tags.number, tags.bool, tags.null, tags.keyword, tags.atom], color: 'var(--cm-literal)' },
  { tag: [tags.comment, tags.lineComment, tags.blockComment], color: 'var(--cm-comment)', fontStyle: 'italic' },
  { tag: [tags.punctuation, tags.separator, tags.meta, tags.operator], color: 'var(--cm-punct)' },
  { tag: [tags.labelName, tags.typeName], color: 'var(--cm-literal)' },
]);

const theme = EditorView.theme({
  '&': { backgroundColor: 'var(--cm-bg)', color: 'var(--cm-fg)', fontSize: '13px' },
  '&.cm-focused': { outline: 'none' },
  '.cm-scroller': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', lineHeight: '1.6', maxHeight: '70vh', minHeight: '12rem' },
  '.cm-content': { caretColor: 'var(--cm-fg)', padding: '8px 0' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--cm-fg)' },
  '.cm-gutters': { backgroundColor: 'var(--cm-gutter-bg)', color: 'var(--cm-gutter-fg)', borderRight: '1px solid var(--cm-border)' },
  '.cm-activeLine': { backgroundColor: 'var(--cm-active)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--cm-active)', color: 'var(--cm-fg)' },
  '.cm-selectionBackground, &.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, ::selection': { backgroundColor: 'var(--cm-selection) !important' },
  '.cm-errorLine': { backgroundColor: 'var(--cm-error-line)' },
  '.cm-tooltip': { backgroundColor: 'var(--cm-bg)', color: 'var(--cm-fg)', border: '1px solid var(--cm-border)', borderRadius: '6px' },
  '.cm-diagnostic-error': { borderLeftColor: '#e11d48' },
  '.cm-foldPlaceholder': { backgroundColor: 'var(--cm-active)', border: 'none', color: 'var(--cm-fg)' },
});

/** Colours for light and dark (each at least 4.5:1 against its background). */
export const EDITOR_COLORS = [
  '[--cm-bg:#ffffff] [--cm-fg:#0f172a] [--cm-key:#075985] [--cm-string:#065f46] [--cm-literal:#6d28d9] [--cm-comment:#475569] [--cm-punct:#475569]',
  '[--cm-gutter-bg:#f8fafc] [--cm-gutter-fg:#475569] [--cm-border:#e2e8f0] [--cm-active:#f1f5f9] [--cm-selection:#bae6fd] [--cm-error-line:#fff1f2]',
  'dark:[--cm-bg:#0f172a] dark:[--cm-fg:#e2e8f0] dark:[--cm-key:#7dd3fc] dark:[--cm-string:#6ee7b7] dark:[--cm-literal:#c4b5fd] dark:[--cm-comment:#94a3b8] dark:[--cm-punct:#94a3b8]',
  'dark:[--cm-gutter-bg:#020617] dark:[--cm-gutter-fg:#94a3b8] dark:[--cm-border:#1e293b] dark:[--cm-active:#1e293b] dark:[--cm-selection:#0c4a6e] dark:[--cm-error-line:#4c0519]',
].join(' ');

/** Tints every line that carries an error diagnostic, so the place is seen at a glance. */
const errorLines = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = this.build(view);
    }
    update(update: ViewUpdate) {
      this.decorations = this.build(update.view);
    }
    build(view: EditorView): DecorationSet {
      const lines = new Set<number>();
      forEachDiagnostic(view.state, (diagnostic, from) => {
        if (diagnostic.severity === 'error') lines.add(view.state.doc.lineAt(from).from);
      });
      const builder = new RangeSetBuilder<Decoration>();
      for (const from of [...lines].sort((a, b) => a - b)) {
        builder.add(from, from, Decoration.line({ class: 'cm-errorLine', attributes: { 'data-error-line': 'true' } }));
      }
      return builder.finish();
    }
  },
  { decorations: (plugin) => plugin.decorations },
);

/** Where the server's problem sits in the current text, if it still applies. */
function problemRange(text: string, problem: YamlProblem | undefined): { from: number; to: number } | undefined {
  if (!problem) return undefined;
  if (problem.field && problem.field !== 'yaml') {
    const location = locateField(text, problem.field);
    if (location && (problem.valueSource === undefined || !location.exact || location.valueSource === problem.valueSource)) return location;
    if (location) return undefined; // the value was changed since: the marker goes
  }
  if (problem.line !== undefined && text === problem.text) {
    const from = offsetOf(text, problem.line, problem.column ?? 1);
    const lineEnd = text.indexOf('\n', from);
    return { from, to: Math.max(from + 1, lineEnd === -1 ? text.length : lineEnd) };
  }
  return undefined;
}

/**
 * CodeMirror 6 with YAML highlighting: read-only for viewing, editable for "Edit YAML". Syntax
 * errors are linted as you type; a problem from the server is underlined at its field's line.
 */
export default function YamlEditor({ value, readOnly, onChange, label, problem, onProblemLine }: YamlEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const editable = useRef(new Compartment());
  const problemRef = useRef(problem);
  const onChangeRef = useRef(onChange);
  const onProblemLineRef = useRef(onProblemLine);
  const lintSource = useRef<((v: EditorView) => Diagnostic[]) | null>(null);

  useEffect(() => {
    onChangeRef.current = onChange;
    onProblemLineRef.current = onProblemLine;
  }, [onChange, onProblemLine]);

  useEffect(() => {
    if (!host.current) return;
    const source = (v: EditorView): Diagnostic[] => {
      const text = v.state.doc.toString();
      const diagnostics: Diagnostic[] = yamlSyntaxProblems(text).map((p) => ({
        from: Math.min(p.from, text.length),
        to: Math.min(p.to, text.length),
        severity: 'error',
        source: 'YAML',
        message: p.message,
      }));
      const range = problemRange(text, problemRef.current);
      if (range && problemRef.current) {
        diagnostics.push({ from: range.from, to: Math.min(range.to, text.length), severity: 'error', source: problemRef.current.field ?? 'Server', message: problemRef.current.message });
      }
      onProblemLineRef.current?.(range ? v.state.doc.lineAt(range.from).number : undefined);
      return diagnostics;
    };
    lintSource.current = source;
    const created = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: value,
        extensions: [
          lineNumbers(),
          highlightActiveLineGutter(),
          foldGutter(),
          lintGutter(),
          history(),
          drawSelection(),
          indentOnInput(),
          bracketMatching(),
          yaml(),
          syntaxHighlighting(highlight),
          theme,
          errorLines,
          keymap.of([...defaultKeymap, ...historyKeymap, ...foldKeymap]),
          EditorState.tabSize.of(2),
          linter(source, { delay: 250 }),
          editable.current.of(modeExtensions(readOnly, label)),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) onChangeRef.current?.(update.state.doc.toString());
          }),
        ],
      }),
    });
    // The scroller must be reachable by keyboard (read-only content is not a tab stop of its own).
    created.scrollDOM.tabIndex = 0;
    view.current = created;
    return () => {
      created.destroy();
      view.current = null;
    };
    // The view is created once; later prop changes are applied by the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    view.current?.dispatch({ effects: editable.current.reconfigure(modeExtensions(readOnly, label)) });
  }, [readOnly, label]);

  useEffect(() => {
    const current = view.current;
    if (!current) return;
    const text = current.state.doc.toString();
    if (text !== value) current.dispatch({ changes: { from: 0, to: text.length, insert: value } });
  }, [value]);

  useEffect(() => {
    problemRef.current = problem;
    // Lint now rather than on the next edit, so a problem from the server shows at once.
    const current = view.current;
    if (current && lintSource.current) current.dispatch(setDiagnostics(current.state, lintSource.current(current)));
  }, [problem]);

  return <div ref={host} className={`overflow-hidden rounded-lg border border-slate-200 focus-within:ring-2 focus-within:ring-brand-600 dark:border-slate-800 dark:focus-within:ring-brand-400 ${EDITOR_COLORS}`} data-testid="yaml-editor" data-readonly={readOnly} />;
}

function modeExtensions(readOnly: boolean, label: string) {
  return [
    EditorState.readOnly.of(readOnly),
    readOnly ? [] : highlightActiveLine(),
    EditorView.contentAttributes.of({ 'aria-label': label, ...(readOnly ? { 'aria-readonly': 'true' } : {}) }),
  ];
}
