import { escapeHtml } from './escape-html.js';
import { ACCENT_COLOR, MONOSPACE_FONT_FAMILY, MUTED_TEXT_COLOR, PAGE_BACKGROUND_COLOR } from './html-style.js';
import type { MailBlock } from './mail-block.js';

const PARAGRAPH_STYLE = 'margin:0 0 16px;';

/** The blocks as HTML for htmlLayout. Every piece of text and every URL is escaped here. */
export function renderHtmlBody(blocks: readonly MailBlock[]): string {
  return blocks.map(renderHtmlBlock).join('\n');
}

function renderHtmlBlock(block: MailBlock): string {
  switch (block.type) {
    case 'paragraph':
      return `<p style="${PARAGRAPH_STYLE}">${escapeHtml(block.text)}</p>`;
    case 'signature':
      return `<p style="margin:24px 0 0;color:${MUTED_TEXT_COLOR};">${escapeHtml(block.text)}</p>`;
    case 'link':
      return [
        renderButton(block.url, block.buttonLabel),
        `<p style="${PARAGRAPH_STYLE}">${escapeHtml(block.fallbackIntroHtml)}</p>`,
        // The bare URL, breakable anywhere, for clients that mangle the button.
        `<p style="${PARAGRAPH_STYLE}word-break:break-all;">${renderAnchor(block.url, escapeHtml(block.url), `color:${ACCENT_COLOR};`)}</p>`,
      ].join('\n');
    case 'secret':
      return (
        `<p style="${PARAGRAPH_STYLE}padding:12px 16px;background-color:${PAGE_BACKGROUND_COLOR};border-radius:6px;` +
        `font-family:${MONOSPACE_FONT_FAMILY};font-size:20px;letter-spacing:1px;word-break:break-all;">` +
        `${escapeHtml(block.value)}</p>`
      );
  }
}

/** A table cell button: padding on an <a> alone is ignored by Outlook. */
function renderButton(url: string, label: string): string {
  const anchorStyle = 'display:inline-block;padding:12px 24px;border-radius:6px;color:#ffffff;font-weight:bold;text-decoration:none;';
  return [
    '<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:8px 0 24px;">',
    `<tr><td style="border-radius:6px;background-color:${ACCENT_COLOR};">${renderAnchor(url, escapeHtml(label), anchorStyle)}</td></tr>`,
    '</table>',
  ].join('\n');
}

function renderAnchor(url: string, contentHtml: string, style: string): string {
  return `<a href="${escapeHtml(url)}" style="${style}">${contentHtml}</a>`;
}
