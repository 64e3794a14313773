/** One piece of a mail body, in plain text; renderTextBody and renderHtmlBody lay it out. */
export type MailBlock =
  | { readonly type: 'paragraph'; readonly text: string }
  | {
      readonly type: 'link';
      readonly url: string;
      /** HTML only: the button that opens `url`. */
      readonly buttonLabel: string;
      /** Text only: the sentence above the bare link. */
      readonly introText: string;
      /** HTML only: the sentence above the bare link under the button. */
      readonly fallbackIntroHtml: string;
    }
  | { readonly type: 'secret'; readonly value: string }
  | { readonly type: 'signature'; readonly text: string };
