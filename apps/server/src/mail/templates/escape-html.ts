const HTML_ENTITY_BY_CHARACTER: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Makes text safe both as element content and inside a quoted attribute value.
 * Application and recipient names come from operators and users, so every interpolated
 * value goes through here: an unescaped `<script>` or `"` would let them write markup.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ENTITY_BY_CHARACTER[character] ?? character);
}
