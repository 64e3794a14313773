import { element } from './render-element.js';
import type { OutcomeText } from './messages/reset-page-messages.js';

export interface OutcomeAction {
  readonly label: string;
  readonly run: () => void;
}

/**
 * An end state (success, or why the link cannot be used) or a pause (loading, a retry).
 * Focus moves to the heading so screen readers announce the new state and keyboard users
 * start from it.
 */
export function showOutcome(root: HTMLElement, kind: 'success' | 'failure', text: OutcomeText, action?: OutcomeAction): void {
  const heading = element('h1', { class: 'rp-heading', tabindex: '-1' }, text.heading);
  let button: HTMLButtonElement | null = null;
  if (action) {
    button = element('button', { type: 'button', class: 'rp-button' }, action.label);
    button.addEventListener('click', action.run);
  }
  root.removeAttribute('aria-busy');
  root.replaceChildren(element('section', { class: `rp-outcome rp-outcome--${kind}` }, heading, element('p', {}, text.body), button));
  heading.focus();
}

/** While the link is being checked. */
export function showLoading(root: HTMLElement, text: string): void {
  root.setAttribute('aria-busy', 'true');
  root.replaceChildren(element('p', { class: 'rp-loading', role: 'status' }, text));
}
