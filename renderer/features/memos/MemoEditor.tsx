import { useCallback, useEffect, useMemo, useRef } from 'react';
import {
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  $getSelection,
  $isRangeSelection,
  FORMAT_TEXT_COMMAND,
  type LexicalEditor,
} from 'lexical';
import { LexicalComposer } from '@lexical/react/LexicalComposer';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { ListPlugin } from '@lexical/react/LexicalListPlugin';
import { HistoryPlugin } from '@lexical/react/LexicalHistoryPlugin';
import { OnChangePlugin } from '@lexical/react/LexicalOnChangePlugin';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $createHeadingNode, type HeadingTagType } from '@lexical/rich-text';
import { $setBlocksType } from '@lexical/selection';
import { INSERT_ORDERED_LIST_COMMAND, INSERT_UNORDERED_LIST_COMMAND } from '@lexical/list';
import type { Memo } from '../../../electron/api/contract';
import { bridge } from '../../lib/api';
import { $plainText, plainTextOf, RICH_NODES } from '../../lib/rich';
import { useMemos } from './store';

const SAVE_DELAY_MS = 600;

const MEMO_THEME = {
  paragraph: 'memo-para',
  heading: { h1: 'reader-h1', h2: 'reader-h2', h3: 'reader-h3' },
  list: {
    ul: 'reader-ul',
    ol: 'reader-ol',
    listitem: 'reader-li',
    nested: { listitem: 'reader-nested' },
  },
  quote: 'reader-quote',
  text: { bold: 'bold', italic: 'italic' },
};

function $fromPlain(text: string): void {
  const root = $getRoot();
  root.clear();
  for (const line of text.split('\n'))
    root.append($createParagraphNode().append(...(line ? [$createTextNode(line)] : [])));
}

type Status = 'saved' | 'editing' | 'saving' | 'error';

/**
 * A memo's text in a rich-text editor, saved as you type (after a short pause), when the editor
 * loses focus, and when it closes or the page goes away, so no typing is lost.
 */
export function MemoBodyEditor({ memo, onStatus }: { memo: Memo; onStatus(status: Status): void }) {
  const initialConfig = useMemo(
    () => ({
      namespace: 'weft-memo',
      editable: true,
      nodes: RICH_NODES,
      theme: MEMO_THEME,
      onError(error: Error) {
        throw error;
      },
      editorState:
        memo.rich && plainTextOf(memo.rich) !== null ? memo.rich : () => $fromPlain(memo.body),
    }),
    // Built once per memo: saves must not rebuild the editor under the caret.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [memo.id],
  );
  return (
    <LexicalComposer key={memo.id} initialConfig={initialConfig}>
      <Body memo={memo} onStatus={onStatus} />
    </LexicalComposer>
  );
}

function Body({ memo, onStatus }: { memo: Memo; onStatus(status: Status): void }) {
  const [editor] = useLexicalComposerContext();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const dirty = useRef(false);
  const chain = useRef<Promise<void>>(Promise.resolve());
  const statusRef = useRef(onStatus);
  useEffect(() => {
    statusRef.current = onStatus;
  });

  // Saves are queued one after another, so an older text never lands after a newer one.
  const flush = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (!dirty.current) return chain.current;
    dirty.current = false;
    const { body, rich } = read(editor);
    chain.current = chain.current.then(async () => {
      statusRef.current('saving');
      const ok = await useMemos.getState().save(memo.id, { body, rich });
      if (!ok) dirty.current = true;
      statusRef.current(ok ? (dirty.current ? 'editing' : 'saved') : 'error');
    });
    return chain.current;
  }, [editor, memo.id]);

  useEffect(() => {
    const away = () => void flush();
    const hidden = () => {
      if (document.visibilityState === 'hidden') void flush();
    };
    // In a browser tab a save may not finish once the page unloads: ask the browser to wait.
    const unload = (e: BeforeUnloadEvent) => {
      if (!dirty.current && !timer.current) return;
      void flush();
      if (bridge.mode === 'browser') e.preventDefault();
    };
    window.addEventListener('beforeunload', unload);
    window.addEventListener('pagehide', away);
    document.addEventListener('visibilitychange', hidden);
    return () => {
      window.removeEventListener('beforeunload', unload);
      window.removeEventListener('pagehide', away);
      document.removeEventListener('visibilitychange', hidden);
      void flush(); // leaving the memo (another memo, another view) saves what is pending
    };
  }, [flush]);

  const heading = (tag: HeadingTagType | 'p') =>
    editor.update(() => {
      const sel = $getSelection();
      if ($isRangeSelection(sel))
        $setBlocksType(sel, () => (tag === 'p' ? $createParagraphNode() : $createHeadingNode(tag)));
    });

  return (
    <div className="memo-body">
      <div className="toolbar" role="toolbar" aria-label="Formatting">
        <button onClick={() => heading('h1')} aria-label="Heading 1">
          H1
        </button>
        <button onClick={() => heading('h2')} aria-label="Heading 2">
          H2
        </button>
        <button onClick={() => heading('p')} aria-label="Normal text">
          ¶
        </button>
        <button
          onClick={() => editor.dispatchCommand(INSERT_UNORDERED_LIST_COMMAND, undefined)}
          aria-label="Bulleted list"
        >
          •
        </button>
        <button
          onClick={() => editor.dispatchCommand(INSERT_ORDERED_LIST_COMMAND, undefined)}
          aria-label="Numbered list"
        >
          1.
        </button>
        <button
          onClick={() => editor.dispatchCommand(FORMAT_TEXT_COMMAND, 'bold')}
          aria-label="Bold (Ctrl+B)"
        >
          <b>B</b>
        </button>
        <button
          onClick={() => editor.dispatchCommand(FORMAT_TEXT_COMMAND, 'italic')}
          aria-label="Italic (Ctrl+I)"
        >
          <i>I</i>
        </button>
      </div>
      <RichTextPlugin
        contentEditable={
          <ContentEditable
            className="memo-content"
            aria-label={`Text of the memo ${memo.title}`}
            onBlur={() => void flush()}
          />
        }
        placeholder={<div className="memo-placeholder">Write the memo…</div>}
        ErrorBoundary={LexicalErrorBoundary}
      />
      <ListPlugin />
      <HistoryPlugin />
      <OnChangePlugin
        ignoreSelectionChange
        onChange={() => {
          dirty.current = true;
          statusRef.current('editing');
          if (timer.current) clearTimeout(timer.current);
          timer.current = setTimeout(() => void flush(), SAVE_DELAY_MS);
        }}
      />
    </div>
  );
}

function read(editor: LexicalEditor): { body: string; rich: string } {
  const state = editor.getEditorState();
  return state.read(() => ({ body: $plainText(), rich: JSON.stringify(state.toJSON()) }));
}
