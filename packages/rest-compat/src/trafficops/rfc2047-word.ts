// What Go's net/mail makes of an RFC 2047 encoded word (`=?charset?B|Q?text?=`) in a display name.
// We discard display names, so only the one outcome that can fail a parse matters: a well-formed
// word in a charset Go's decoder does not know ("charset not supported"). Anything else that is
// not a valid encoded word is, as in Go, an ordinary word.

export type EncodedWordCheck =
  { readonly kind: 'plain' } | { readonly kind: 'encoded' } | { readonly kind: 'unsupported-charset'; readonly charset: string };

/** The charsets mime.WordDecoder decodes without a CharsetReader (compared case-insensitively). */
const BUILT_IN_CHARSETS = new Set(['utf-8', 'iso-8859-1', 'us-ascii']);

const STANDARD_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function isQEncoded(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index] ?? '';
    if (character === '=') {
      if (!/^[0-9A-Fa-f]{2}$/.test(text.slice(index + 1, index + 3))) return false;
      index += 2;
    } else if (!/^[ -~\t\r\n]$/.test(character)) {
      return false;
    }
  }
  return true;
}

export function checkEncodedWord(word: string): EncodedWordCheck {
  const plain = { kind: 'plain' } as const;
  if (word.length < 8 || !word.startsWith('=?') || !word.endsWith('?=') || word.split('?').length !== 5) return plain;
  const [charset = '', encoding = '', text = ''] = word.slice(2, -2).split('?');
  if (charset === '' || encoding.length !== 1) return plain;
  const decodable = encoding.toLowerCase() === 'b' ? STANDARD_BASE64.test(text) : encoding.toLowerCase() === 'q' && isQEncoded(text);
  if (!decodable) return plain;
  return BUILT_IN_CHARSETS.has(charset.toLowerCase()) ? { kind: 'encoded' } : { kind: 'unsupported-charset', charset };
}
