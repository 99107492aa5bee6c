import { useCallback, useEffect, useMemo, useRef } from 'react';
import { $createParagraphNode, $createTextNode, $getRoot, type LexicalEditor } from 'lexical';
import { LexicalComposer } from '@lexical/react/LexicalComposer';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { ListPlugin } from '@lexical/react/LexicalListPlugin';
import { HistoryPlugin } from '@lexical/react/LexicalHistoryPlugin';
import { OnChangePlugin } from '@lexical/react/LexicalOnChangePlugin';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import type { Memo } from '../../../electron/api/contract';
import { bridge } from '../../lib/api';
import { FormattingToolbar } from '../../ui/FormattingToolbar';
import { $plainText, plainTextOf, RICH_NODES } from '../../lib/rich';
import { useMemos } from './store';
import { RICH_THEME } from '../sources/Reader';

const SAVE_DELAY_MS = 600;

/** The reader's formatting, with the memo's own paragraph spacing. */
const MEMO_THEME = { ...RICH_THEME, paragraph: 'memo-para' };

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

  return (
    <div className="memo-body">
      <FormattingToolbar />
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
