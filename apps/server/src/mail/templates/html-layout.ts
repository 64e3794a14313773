import type { SupportedLocale } from '@pwreset/contract';
import { escapeHtml } from './escape-html.js';
import { CARD_BACKGROUND_COLOR, FONT_FAMILY, MUTED_TEXT_COLOR, PAGE_BACKGROUND_COLOR, TEXT_COLOR } from './html-style.js';

export interface HtmlLayoutInput {
  readonly locale: SupportedLocale;
  /** Plain text; becomes the document title. */
  readonly title: string;
  /** Plain text shown by mail clients beside the subject, hidden in the mail. */
  readonly preheader: string;
  /** Plain text shown above the body: the application's name stands in for a logo. */
  readonly heading: string;
  /** Already-escaped HTML from renderHtmlBody. */
  readonly bodyHtml: string;
}

/**
 * The frame shared by every mail: a full document with a centred card. No images, fonts,
 * stylesheets or scripts from anywhere, so it reads the same with remote content blocked.
 */
export function htmlLayout({ locale, title, preheader, heading, bodyHtml }: HtmlLayoutInput): string {
  return `<!DOCTYPE html>
<html lang="${escapeHtml(locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${escapeHtml(title)}</title>
</head>
<body style="margin:0;padding:0;background-color:${PAGE_BACKGROUND_COLOR};">
<div style="display:none;max-height:0;overflow:hidden;mso-hide:all;">${escapeHtml(preheader)}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:${PAGE_BACKGROUND_COLOR};">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:560px;background-color:${CARD_BACKGROUND_COLOR};border-radius:8px;">
<tr><td style="padding:32px;font-family:${FONT_FAMILY};font-size:16px;line-height:1.5;color:${TEXT_COLOR};">
<p style="margin:0 0 24px;font-size:14px;font-weight:bold;letter-spacing:0.5px;color:${MUTED_TEXT_COLOR};">${escapeHtml(heading)}</p>
${bodyHtml}
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
}
