import type { SupportedLocale } from '@pwreset/contract';
import { toSingleLine } from './fill-template.js';
import { htmlLayout } from './html-layout.js';
import type { MailBlock } from './mail-block.js';
import { renderHtmlBody } from './render-html-body.js';
import { renderTextBody } from './render-text-body.js';
import type { RenderedMail } from './rendered-mail.js';

export interface MailContent {
  readonly locale: SupportedLocale;
  readonly subject: string;
  readonly preheader: string;
  readonly applicationName: string;
  readonly blocks: readonly MailBlock[];
}

/** Lays one body out twice, as text and as HTML, so the two cannot drift apart. */
export function composeRenderedMail({ locale, subject, preheader, applicationName, blocks }: MailContent): RenderedMail {
  const singleLineSubject = toSingleLine(subject).trim();
  return {
    subject: singleLineSubject,
    text: renderTextBody(blocks),
    html: htmlLayout({
      locale,
      title: singleLineSubject,
      preheader,
      heading: toSingleLine(applicationName),
      bodyHtml: renderHtmlBody(blocks),
    }),
  };
}
