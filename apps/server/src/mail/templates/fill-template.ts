export type TemplateValues = Readonly<Record<string, string>>;

/** `{name}` in a translation; names are plain identifiers. */
const PLACEHOLDER = /\{(\w+)\}/;

/**
 * Replaces each `{name}` in a translation with its value. Only the template is scanned, so a
 * value that itself contains `{…}` (an application called "{expiresAt}") stays literal.
 * Throws on a placeholder without a value: that is a bug in a translation, not bad input.
 */
export function fillTemplate(template: string, values: TemplateValues = {}): string {
  // With a capturing group, split puts literal text at even and placeholder names at odd indexes.
  return template
    .split(PLACEHOLDER)
    .map((part, index) => (index % 2 === 0 ? part : toSingleLine(valueFor(part, values, template))))
    .join('');
}

/**
 * Collapses line breaks and other control characters into one space. Subjects are mail
 * headers, and a name with a line break could forge a header or a fake paragraph.
 */
export function toSingleLine(text: string): string {
  return text.replace(/[\p{Cc}\u2028\u2029]+/gu, ' ');
}

function valueFor(name: string, values: TemplateValues, template: string): string {
  const value = values[name];
  if (value === undefined) throw new Error(`No value for {${name}} in mail template "${template}"`);
  return value;
}
