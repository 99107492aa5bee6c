import { useCallback, useEffect, useMemo, useRef } from 'react';
import { $createParagraphNode, $createTextNode, $getRoot } from 'lexical';
import { LexicalComposer } from '@lexical/react/LexicalComposer';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import type { Source } from '../../../electron/api/contract';
import {
  clampToCharacters,
  domPointWithin,
  paragraphAt,
  splitParagraphs,
  textOffsetWithin,
  trimRange,
  type Paragraph,
} from '../../lib/offsets';
import {
  paintCodes,
  paintFocus,
  clearAll,
  SELECTION_HIGHLIGHT,
  highlightsSupported,
} from '../../lib/highlights';
import { useCoding } from '../coding/store';
import { useCodebook } from '../codebook/store';
import { SourceCases } from '../coding/CaseLink';
import { $lineBlocks, RICH_NODES, richMatches } from '../../lib/rich';

/**
 * The reader: Lexical owns the paragraphs, speaker turns and selection of a source; codings
 * are never stored in it and are painted on top as highlights mapped from offsets.
 */
export function Reader({ source, onEdit }: { source: Source; onEdit?: () => void }) {
  const paragraphs = useMemo(() => splitParagraphs(source.text), [source.text]);
  const codingCount = useCoding((s) =>
    s.sourceId === source.id ? s.codings.length : source.codings,
  );
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
      <div className="reader" data-testid="reader">
        <div className="editor-head">
          <h2 className="reader-title">{source.name}</h2>
          {onEdit && (
            <button onClick={onEdit} title="Edit the text; codings stay on their words">
              Edit text
            </button>
          )}
        </div>
        <p className="reader-meta">
          {source.kind} · {source.words.toLocaleString()} words · {codingCount} coding
          {codingCount === 1 ? '' : 's'}
        </p>
        <SourceCases />
        <RichTextPlugin
          contentEditable={
            <ContentEditable className="reader-content" aria-label={`Text of ${source.name}`} />
          }
          ErrorBoundary={LexicalErrorBoundary}
        />
      </div>
      <Decorations source={source} paragraphs={paragraphs} />
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

/** Maps offsets to the DOM Lexical rendered, reads selections, paints codings and focus. */
function Decorations({ source, paragraphs }: { source: Source; paragraphs: Paragraph[] }) {
  const [editor] = useLexicalComposerContext();
  const codings = useCoding((s) => (s.sourceId === source.id ? s.codings : null));
  const selection = useCoding((s) => s.selection);
  const focus = useCoding((s) => s.focus);
  const codes = useCodebook((s) => s.byId);
  const elementsRef = useRef<HTMLElement[] | null>(null);

  const elements = useCallback((): HTMLElement[] => {
    // The reader is read-only and rebuilt (new key) when its text changes, so the paragraph
    // elements stay put: one check per call, not one per paragraph (painting calls this per coding).
    const cached = elementsRef.current;
    if (cached?.length === paragraphs.length && cached[0]?.isConnected) return cached;
    // One element per non-blank line, in order: the same lines splitParagraphs() gives.
    const keys = editor
      .getEditorState()
      .read(() => $lineBlocks().filter((b) => b.getTextContent().trim() !== ''))
      .map((b) => b.getKey());
    elementsRef.current = keys
      .map((k) => editor.getElementByKey(k))
      .filter((e): e is HTMLElement => !!e);
    return elementsRef.current;
  }, [editor, paragraphs.length]);

  const rangeFor = useCallback(
    (start: number, end: number): Range | null => {
      const els = elements();
      if (!els.length || !paragraphs.length) return null;
      const point = (offset: number, isEnd: boolean) => {
        let i = paragraphAt(paragraphs, offset);
        let p = paragraphs[i]!;
        if (offset < p.start && isEnd && i > 0) p = paragraphs[--i]!; // in the gap between lines
        const within = Math.min(Math.max(offset - p.start, 0), p.end - p.start);
        return domPointWithin(els[i]!, within);
      };
      const a = point(start, false);
      const b = point(end, true);
      const range = document.createRange();
      range.setStart(a.node, a.offset);
      range.setEnd(b.node, b.offset);
      return range;
    },
    [elements, paragraphs],
  );

  // Reads a finished mouse or keyboard selection into source offsets.
  useEffect(() => {
    const root = editor.getRootElement();
    if (!root) return;
    const toOffset = (node: Node, offset: number): number | null => {
      const els = elements();
      if (node === root) {
        const p = offset < els.length ? paragraphs[offset] : paragraphs[paragraphs.length - 1];
        return p ? (offset < els.length ? p.start : p.end) : null;
      }
      let el: Node | null = node;
      while (el && el.parentNode !== root) el = el.parentNode;
      const i = el ? els.indexOf(el as HTMLElement) : -1;
      if (i < 0) return null;
      return paragraphs[i]!.start + textOffsetWithin(els[i]!, node, offset);
    };
    const read = () => {
      const sel = document.getSelection();
      if (!sel || sel.rangeCount === 0) return;
      const r = sel.getRangeAt(0);
      if (!root.contains(r.startContainer) || !root.contains(r.endContainer)) return;
      if (r.collapsed) return useCoding.getState().setSelection(null);
      const s = toOffset(r.startContainer, r.startOffset);
      const e = toOffset(r.endContainer, r.endOffset);
      if (s === null || e === null) return;
      const trimmed = trimRange(source.text, Math.min(s, e), Math.max(s, e));
      const { start, end } = clampToCharacters(source.text, trimmed.start, trimmed.end);
      useCoding
        .getState()
        .setSelection(
          end > start
            ? { sourceId: source.id, start, end, text: source.text.slice(start, end) }
            : null,
        );
    };
    const onUp = () => setTimeout(read, 0);
    root.addEventListener('mouseup', onUp);
    root.addEventListener('keyup', onUp);
    return () => {
      root.removeEventListener('mouseup', onUp);
      root.removeEventListener('keyup', onUp);
    };
  }, [editor, elements, paragraphs, source.id, source.text]);

  // Codings, one highlight per code.
  useEffect(() => {
    if (!codings) return;
    const byCode = new Map<number, { color: string; ranges: Range[] }>();
    for (const c of codings) {
      const code = codes[c.codeId];
      const range = rangeFor(c.start, c.end);
      if (!code || !range) continue;
      const entry = byCode.get(c.codeId) ?? { color: code.color, ranges: [] };
      entry.ranges.push(range);
      byCode.set(c.codeId, entry);
    }
    paintCodes(byCode);
  }, [codings, codes, rangeFor]);

  // The stored selection stays visible while the user types a code name elsewhere.
  useEffect(() => {
    if (!highlightsSupported()) return;
    const r =
      selection && selection.sourceId === source.id
        ? rangeFor(selection.start, selection.end)
        : null;
    if (r) CSS.highlights.set(SELECTION_HIGHLIGHT, new Highlight(r));
    else CSS.highlights.delete(SELECTION_HIGHLIGHT);
  }, [selection, source.id, rangeFor]);

  // An excerpt chosen elsewhere: scroll to it and mark it.
  useEffect(() => {
    if (!focus || focus.sourceId !== source.id) return paintFocus(null);
    const r = rangeFor(focus.start, focus.end);
    paintFocus(r);
    const i = paragraphAt(paragraphs, focus.start);
    elements()[i]?.scrollIntoView({ block: 'center' });
  }, [focus, source.id, rangeFor, paragraphs, elements]);

  useEffect(() => () => clearAll(), []);
  return null;
}
