import { useEffect, useMemo, useRef, useState } from 'react';
import {
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  COMMAND_PRIORITY_HIGH,
  INSERT_LINE_BREAK_COMMAND,
  INSERT_PARAGRAPH_COMMAND,
  REDO_COMMAND,
  UNDO_COMMAND,
  type LexicalEditor,
} from 'lexical';
import { LexicalComposer } from '@lexical/react/LexicalComposer';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { ListPlugin } from '@lexical/react/LexicalListPlugin';
import { OnChangePlugin } from '@lexical/react/LexicalOnChangePlugin';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { mergeRegister } from '@lexical/utils';
import type { Source } from '../../../electron/api/contract';
import { call } from '../../lib/api';
import { FormattingToolbar } from '../../ui/FormattingToolbar';
import { $plainText, RICH_NODES, richMatches } from '../../lib/rich';
import { reportError, useNotices } from '../../ui/notices';
import { RICH_THEME } from './Reader';

const SAVE_DELAY_MS = 600;

/** Every line of the text as one paragraph, blank lines included, so the text survives exactly. */
function $buildFromText(text: string): void {
  const root = $getRoot();
  root.clear();
  for (const line of text.split('\n'))
    root.append($createParagraphNode().append(...(line ? [$createTextNode(line)] : [])));
}

function load(editor: LexicalEditor, source: Source): void {
  if (richMatches(source.rich, source.text))
    editor.setEditorState(editor.parseEditorState(source.rich));
  else editor.update($buildFromText.bind(null, source.text), { discrete: true });
}

type Status = 'saved' | 'editing' | 'saving' | 'error';

/**
 * Writes and edits a source's text in Weft, saved as you type. Codings stay on their words
 * through every save; a coding whose words are deleted is removed, and Undo (Ctrl+Z) brings
 * back the text and the coding together, because undo runs where the codings live.
 */
export function SourceEditor({ source, onDone }: { source: Source; onDone: () => void }) {
  const initialConfig = useMemo(
    () => ({
      namespace: 'weft-editor',
      editable: true,
      nodes: RICH_NODES,
      theme: RICH_THEME,
      onError(error: Error) {
        throw error;
      },
      editorState: richMatches(source.rich, source.text)
        ? source.rich
        : () => $buildFromText(source.text),
    }),
    // The editor is built once per source; later saves must not rebuild it under the caret.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [source.id],
  );
  return (
    <LexicalComposer key={source.id} initialConfig={initialConfig}>
      <EditorBody source={source} onDone={onDone} />
    </LexicalComposer>
  );
}

function EditorBody({ source, onDone }: { source: Source; onDone: () => void }) {
  const [editor] = useLexicalComposerContext();
  const [status, setStatus] = useState<Status>('saved');
  const base = useRef(source.length);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const saving = useRef<Promise<void>>(Promise.resolve());

  const save = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const { text, rich } = editor
      .getEditorState()
      .read(() => ({ text: $plainText(), rich: JSON.stringify(editor.getEditorState().toJSON()) }));
    saving.current = saving.current.then(async () => {
      setStatus('saving');
      try {
        const r = await call('sources.editText', {
          id: source.id,
          text,
          rich,
          baseLength: base.current,
        });
        base.current = r.source.length;
        setStatus('saved');
        if (r.removed > 0) {
          useNotices
            .getState()
            .push(
              'info',
              `${r.removed} coding${r.removed === 1 ? ' was' : 's were'} removed with the deleted words. Undo (Ctrl+Z) brings ${r.removed === 1 ? 'it' : 'them'} back.`,
            );
        }
      } catch (e) {
        setStatus('error');
        reportError(e);
      }
    });
    return saving.current;
  };
  const saveRef = useRef(save);
  useEffect(() => {
    saveRef.current = save;
  });

  // Undo/redo run on the main side (text and codings together), after any pending save.
  useEffect(() => {
    const history = (method: 'sources.undoEdit' | 'sources.redoEdit') => {
      void saveRef.current().then(async () => {
        try {
          const r = await call(method, { id: source.id });
          base.current = r.source.length;
          load(editor, r.source);
          setStatus('saved');
        } catch (e) {
          reportError(e);
        }
      });
      return true;
    };
    return mergeRegister(
      editor.registerCommand(
        UNDO_COMMAND,
        () => history('sources.undoEdit'),
        COMMAND_PRIORITY_HIGH,
      ),
      editor.registerCommand(
        REDO_COMMAND,
        () => history('sources.redoEdit'),
        COMMAND_PRIORITY_HIGH,
      ),
      // A line break inside a block would make one block two lines: start a new block instead.
      editor.registerCommand(
        INSERT_LINE_BREAK_COMMAND,
        () => editor.dispatchCommand(INSERT_PARAGRAPH_COMMAND, undefined),
        COMMAND_PRIORITY_HIGH,
      ),
    );
  }, [editor, source.id]);

  // Save what is pending when leaving the editor.
  useEffect(
    () => () => {
      if (timer.current) void saveRef.current();
    },
    [],
  );

  return (
    <div className="reader editor" data-testid="editor">
      <div className="editor-head">
        <h2 className="reader-title">{source.name}</h2>
        <span className={`save-status ${status}`} role="status" data-testid="save-status">
          {status === 'saving'
            ? 'Saving…'
            : status === 'editing'
              ? 'Editing…'
              : status === 'error'
                ? 'Not saved'
                : 'Saved'}
        </span>
        <button
          className="primary"
          onClick={() => {
            void save().then(onDone);
          }}
        >
          Done
        </button>
      </div>
      <FormattingToolbar>
        <span className="muted small">Saved as you type · Ctrl+Z undoes, codings included</span>
      </FormattingToolbar>
      <RichTextPlugin
        contentEditable={
          <ContentEditable className="reader-content editing" aria-label={`Edit ${source.name}`} />
        }
        ErrorBoundary={LexicalErrorBoundary}
      />
      <ListPlugin />
      <OnChangePlugin
        ignoreSelectionChange
        onChange={() => {
          setStatus('editing');
          if (timer.current) clearTimeout(timer.current);
          timer.current = setTimeout(() => void saveRef.current(), SAVE_DELAY_MS);
        }}
      />
    </div>
  );
}
