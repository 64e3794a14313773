import type { MailBlock } from './mail-block.js';
import { wrapText } from './wrap-text.js';

/** Paragraphs separated by blank lines; links and secrets on lines of their own, never wrapped. */
export function renderTextBody(blocks: readonly MailBlock[]): string {
  return `${blocks.map(renderTextBlock).join('\n\n')}\n`;
}

function renderTextBlock(block: MailBlock): string {
  switch (block.type) {
    case 'paragraph':
    case 'signature':
      return wrapText(block.text);
    case 'link':
      // Mail clients linkify a bare URL only when nothing touches it, so it stands alone.
      return `${wrapText(block.introText)}\n\n${block.url}`;
    case 'secret':
      // No indent: a reader who copies the line must not copy spaces into the password field.
      return block.value;
  }
}
