/**
 * The text a laid-out block prints, for tests and the benchmark that compare the layout with
 * what a writer drew: spans joined, list items with their labels (sublists on their own lines),
 * a table row by row, a signature by its name, an image by its alternative text.
 */
import {
  layoutTableText,
  type LayoutBlock,
  type LayoutList,
} from '../../common/export/layoutMinutes';

function listText(list: LayoutList): string {
  return list.items
    .map(
      (item) =>
        `${item.label} ${item.spans.map((span) => span.text).join('')}${item.sublist ? `\n${listText(item.sublist)}` : ''}`,
    )
    .join('\n');
}

/** The text of one block (empty for a page break). */
export function layoutBlockText(block: LayoutBlock): string {
  switch (block.kind) {
    case 'heading':
    case 'paragraph':
    case 'tocEntry':
      return block.spans.map((span) => span.text).join('');
    case 'list':
      return listText(block);
    case 'table':
      return layoutTableText(block);
    case 'signature':
      return block.name;
    case 'image':
      return block.altText;
    case 'pageBreak':
      return '';
  }
}
