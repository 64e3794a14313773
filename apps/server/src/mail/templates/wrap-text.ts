/** Plain-text mail lines stay under this many characters (RFC 5322 recommends 78). */
export const TEXT_LINE_WIDTH = 72;

/**
 * Word-wraps one paragraph. Breaks only at ordinary spaces: non-breaking spaces (French
 * `lien :`, `9:30 AM`) hold their words together, and a word longer than the width (a URL)
 * gets a line of its own instead of being cut.
 */
export function wrapText(paragraph: string, width: number = TEXT_LINE_WIDTH): string {
  const lines: string[] = [];
  let line = '';
  for (const word of paragraph.split(/ +/).filter((part) => part !== '')) {
    if (line === '') line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== '') lines.push(line);
  return lines.join('\n');
}
