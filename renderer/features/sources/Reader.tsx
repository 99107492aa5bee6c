import { useEffect, useMemo, useState } from 'react';
import { $createParagraphNode, $createTextNode, $getRoot, type LexicalEditor } from 'lexical';
import { LexicalComposer } from '@lexical/react/LexicalComposer';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import type { Source } from '../../../electron/api/contract';
import { ReaderMap, splitParagraphs, type Paragraph } from '../../lib/offsets';
import { clearAll, paintAnnotations, paintFocus, paintSelection } from '../../lib/highlights';
import { useCoding } from '../coding/store';
import { useVisibility } from '../coding/visibility';
import { useAnnotations } from '../memos/annotations';
import { SourceCases } from '../coding/CaseLink';
import { PickedPassages, STRIPES_WIDTH, useCodingLayer } from '../coding/Stripes';
import { PassageHover } from '../coding/PassageHover';
import { CoderFilter } from '../coding/CoderFilter';
import { $lineBlocks, RICH_NODES, richMatches } from '../../lib/rich';
import { useCaret, useSelectionReading } from './reader-input';

/**
 * The reader: Lexical owns the paragraphs, speaker turns and selection of a source; codings
 * are never stored in it and are painted on top as highlights mapped from offsets, with
 * coding stripes in the margin.
 */
export function Reader({ source, onEdit }: { source: Source; onEdit?: () => void }) {
  const paragraphs = useMemo(() => splitParagraphs(source.text), [source.text]);
  const rich = useMemo(
    () => (richMatches(source.rich, source.text) ? source.rich : null),
    [source.rich, source.text],
  );
  // Lexical reads its initial state once: new text (after an edit) needs a new editor.
  const contentKey = useMemo(() => hashOf(source.text + (rich ?? '')), [source.text, rich]);
  const initialConfig = useMemo(
    () => ({
      namespace: 'weft-reader',
      editable: false,
      nodes: RICH_NODES,
      theme: rich ? RICH_THEME : READER_THEME,
      onError(error: Error) {
        throw error;
      },
      // A source written in Weft shows its formatting; imported text shows speaker turns.
      editorState: rich ?? (() => $buildPlain(source.text, paragraphs)),
    }),
    [paragraphs, source.text, rich],
  );
  return (
    <LexicalComposer key={`${source.id}:${contentKey}`} initialConfig={initialConfig}>
      <ReaderBody source={source} paragraphs={paragraphs} onEdit={onEdit} />
    </LexicalComposer>
  );
}

export const READER_THEME = {
  paragraph: 'reader-para',
  heading: { h1: 'reader-h1', h2: 'reader-h2', h3: 'reader-h3' },
  list: {
    ul: 'reader-ul',
    ol: 'reader-ol',
    listitem: 'reader-li',
    nested: { listitem: 'reader-nested' },
  },
  quote: 'reader-quote',
  text: { bold: 'speaker', italic: 'italic' },
};

/** Formatting of sources written in Weft (bold is plain bold here, not a speaker label). */
export const RICH_THEME = { ...READER_THEME, text: { bold: 'bold', italic: 'italic' } };

/** FNV-1a over UTF-16 units: a cheap fingerprint of a source's content. */
function hashOf(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

/** Imported text: one paragraph per non-blank line, speaker labels in bold. */
function $buildPlain(text: string, paragraphs: Paragraph[]): void {
  const root = $getRoot();
  for (const p of paragraphs) {
    const para = $createParagraphNode();
    if (p.speakerLength)
      para.append(
        $createTextNode(text.slice(p.start, p.start + p.speakerLength)).toggleFormat('bold'),
      );
    if (p.end > p.start + p.speakerLength)
      para.append($createTextNode(text.slice(p.start + p.speakerLength, p.end)));
    root.append(para);
  }
}

/** One element per non-blank line, in order: the same lines splitParagraphs() gives. */
function paragraphElements(editor: LexicalEditor): HTMLElement[] {
  return editor
    .getEditorState()
    .read(() => $lineBlocks().filter((b) => b.getTextContent().trim() !== ''))
    .map((b) => editor.getElementByKey(b.getKey()))
    .filter((e): e is HTMLElement => !!e);
}

function ReaderBody({
  source,
  paragraphs,
  onEdit,
}: {
  source: Source;
  paragraphs: Paragraph[];
  onEdit?: () => void;
}) {
  const [editor] = useLexicalComposerContext();
  const map = useMemo(
    () => new ReaderMap(source.text, paragraphs, () => paragraphElements(editor)),
    [editor, paragraphs, source.text],
  );
  const [box, setBox] = useState<HTMLDivElement | null>(null);
  const [root, setRoot] = useState<HTMLElement | null>(null);
  useEffect(() => editor.registerRootListener((r) => setRoot(r)), [editor]);
  const codingCount = useCoding((s) =>
    s.sourceId === source.id ? s.codings.length : source.codings,
  );
  const hiddenCodes = useVisibility((s) => Object.keys(s.hiddenCodes).length);
  const hiddenCoders = useVisibility((s) => Object.keys(s.hiddenCoders).length);

  const [stripes, setStripes] = useState<HTMLDivElement | null>(null);
  useCodingLayer(map, source.id, root, box, stripes);
  usePainting(map, source.id, root);
  useSelectionReading(map, source, root);
  const [caret, setCaret] = useState<HTMLDivElement | null>(null);
  useCaret(map, source.id, root, box, caret);

  useEffect(() => {
    void useAnnotations.getState().loadSource(source.id);
  }, [source.id]);

  return (
    <div className="reader with-stripes" data-testid="reader">
      <div className="editor-head">
        <h2 className="reader-title">{source.name}</h2>
        {onEdit && (
          <button onClick={onEdit} title="Edit the text; codings stay on their words">
            Edit text
          </button>
        )}
      </div>
      <div className="reader-meta">
        <span>
          {source.kind} · {source.words.toLocaleString()} words · {codingCount} coding
          {codingCount === 1 ? '' : 's'}
        </span>
        {hiddenCodes + hiddenCoders > 0 && (
          <span className="hidden-note">
            {hiddenCodes > 0 && `${hiddenCodes} code${hiddenCodes === 1 ? '' : 's'} hidden`}
            {hiddenCodes > 0 && hiddenCoders > 0 && ', '}
            {hiddenCoders > 0 &&
              `${hiddenCoders} coder${hiddenCoders === 1 ? '' : 's'} hidden`}{' '}
            <button className="link" onClick={() => useVisibility.getState().showAll()}>
              Show all
            </button>
          </span>
        )}
        <CoderFilter />
      </div>
      <SourceCases />
      <PickedPassages />
      <div className="reader-body" ref={setBox}>
        <RichTextPlugin
          contentEditable={
            <ContentEditable
              className="reader-content"
              aria-label={`Text of ${source.name}`}
              tabIndex={0}
            />
          }
          ErrorBoundary={LexicalErrorBoundary}
        />
        <div
          className="stripes"
          ref={setStripes}
          data-testid="stripes"
          role="group"
          aria-label="Coding stripes"
          style={{ width: STRIPES_WIDTH }}
        />
        <div className="reader-caret" ref={setCaret} aria-hidden="true" />
      </div>
      <PassageHover map={map} root={root} />
    </div>
  );
}

/**
 * Paints what is not a coding: annotations, the selection and the focused passage (codings
 * and stripes are drawn by useCodingLayer).
 */
function usePainting(map: ReaderMap, sourceId: number, root: HTMLElement | null) {
  useEffect(() => {
    if (!root) return;
    const paint = () => {
      const { sourceId: of, items } = useAnnotations.getState();
      paintAnnotations(
        of === sourceId
          ? items.map((a) => map.rangeFor(a.start, a.end)).filter((r): r is Range => !!r)
          : [],
      );
    };
    paint();
    const unsubscribe = useAnnotations.subscribe((s, p) => {
      if (s.items !== p.items || s.sourceId !== p.sourceId) paint();
    });
    return () => {
      unsubscribe();
      clearAll();
    };
  }, [map, sourceId, root]);

  // The stored selection stays visible while the user types a code name elsewhere.
  const selection = useCoding((s) => s.selection);
  useEffect(() => {
    if (!root) return;
    paintSelection(
      selection && selection.sourceId === sourceId
        ? map.rangeFor(selection.start, selection.end)
        : null,
    );
  }, [selection, sourceId, map, root]);

  // An excerpt chosen elsewhere: scroll to it and mark it.
  const focus = useCoding((s) => s.focus);
  useEffect(() => {
    if (!root) return;
    if (!focus || focus.sourceId !== sourceId) return paintFocus(null);
    paintFocus(map.rangeFor(focus.start, focus.end));
    if (focus.scroll === false) return;
    const point = map.pointAt(focus.start, false);
    const el = point && (point.node.parentElement ?? null);
    el?.scrollIntoView({ block: 'center' });
  }, [focus, sourceId, map, root]);
}
