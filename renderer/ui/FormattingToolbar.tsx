import type { ReactNode } from 'react';
import {
  $createParagraphNode,
  $getSelection,
  $isRangeSelection,
  FORMAT_TEXT_COMMAND,
} from 'lexical';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $createHeadingNode, type HeadingTagType } from '@lexical/rich-text';
import { $setBlocksType } from '@lexical/selection';
import { INSERT_ORDERED_LIST_COMMAND, INSERT_UNORDERED_LIST_COMMAND } from '@lexical/list';

/** Headings, lists, bold and italic for a rich-text editor (sources written in Weft, memos). */
export function FormattingToolbar({ children }: { children?: ReactNode }) {
  const [editor] = useLexicalComposerContext();
  const heading = (tag: HeadingTagType | 'p') =>
    editor.update(() => {
      const sel = $getSelection();
      if ($isRangeSelection(sel))
        $setBlocksType(sel, () => (tag === 'p' ? $createParagraphNode() : $createHeadingNode(tag)));
    });
  return (
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
      {children}
    </div>
  );
}
