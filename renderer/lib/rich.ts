// Formatting for sources written in Weft. The plain text is the truth that codings index into;
// the rich document is a view of it in which every block (paragraph, heading, list item,
// quote) is exactly one line. So `plainTextOf(rich) === text` must hold, and the reader checks it.
import {
  $getRoot,
  $isElementNode,
  createEditor,
  type ElementNode,
  type Klass,
  type LexicalNode,
} from 'lexical';
import { HeadingNode, QuoteNode } from '@lexical/rich-text';
import { $isListItemNode, $isListNode, ListItemNode, ListNode } from '@lexical/list';

export const RICH_NODES: Klass<LexicalNode>[] = [HeadingNode, QuoteNode, ListNode, ListItemNode];

/** The blocks that are lines, in document order (list items, not the lists holding them). */
export function $lineBlocks(): ElementNode[] {
  const out: ElementNode[] = [];
  const walk = (node: LexicalNode) => {
    if ($isListNode(node)) {
      for (const child of node.getChildren()) walk(child);
    } else if ($isListItemNode(node)) {
      const nested = node.getChildren().find($isListNode);
      if (nested) walk(nested);
      else out.push(node);
    } else if ($isElementNode(node)) {
      out.push(node);
    }
  };
  for (const child of $getRoot().getChildren()) walk(child);
  return out;
}

/** The plain text of the open editor: one line per block. */
export function $plainText(): string {
  return $lineBlocks()
    .map((b) => b.getTextContent())
    .join('\n');
}

/** The plain text a stored rich document stands for, or null when it cannot be read. */
export function plainTextOf(rich: string): string | null {
  try {
    const editor = createEditor({ nodes: RICH_NODES, onError: () => undefined });
    const state = editor.parseEditorState(rich);
    return state.read(() => $plainText());
  } catch {
    return null;
  }
}

/** Whether `rich` is a faithful view of `text` (else the reader shows the plain text). */
export function richMatches(rich: string | null, text: string): rich is string {
  return rich !== null && plainTextOf(rich) === text;
}
