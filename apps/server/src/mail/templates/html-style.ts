// Inline styles only: many mail clients drop <style> blocks. Colours keep at least 4.5:1
// contrast (WCAG AA) against their background.
export const TEXT_COLOR = '#1f2933';
export const MUTED_TEXT_COLOR = '#52606d';
export const ACCENT_COLOR = '#1d4ed8';
export const PAGE_BACKGROUND_COLOR = '#f4f5f7';
export const CARD_BACKGROUND_COLOR = '#ffffff';

/** System fonts only: web fonts would be an external resource. */
export const FONT_FAMILY = "-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";
export const MONOSPACE_FONT_FAMILY = "Menlo, Consolas, 'Courier New', monospace";
