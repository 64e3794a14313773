import { chooseLocale } from './choose-locale.js';
import { createDisputeApiClient } from './dispute-api.js';
import type { ResetPageFailureCode } from './failure-codes.js';
import type { ResetPageLocale } from './messages/locales.js';
import { SECURE_PAGE_MESSAGES, type SecurePageMessages } from './messages/secure-page-messages.js';
import type { OutcomeText } from './messages/reset-page-messages.js';
import { showOutcome } from './outcome-view.js';
import { element, fillTemplate } from './render-element.js';
import { takeSecretFromAddressBar } from './reset-secret-fragment.js';

export interface MountSecurePageOptions {
  /** Where the reset service answers (`/trpc/...` is appended). Default: the root's `data-api-base`, else the page's origin. */
  readonly apiBaseUrl?: string;
  /** A language tag to speak instead of the browser's (`navigator.languages`). */
  readonly locale?: string;
  /** Default: the browser's `fetch`. */
  readonly fetch?: typeof fetch;
  /** The dispute secret; default: taken from the address bar's `#token=…`, which is then removed. */
  readonly secret?: string;
}

export interface MountedSecurePage {
  readonly locale: ResetPageLocale;
  readonly messages: SecurePageMessages;
}

/** Which end screen a failure shows; the rest are pauses that keep the button. */
function endScreenFor(code: ResetPageFailureCode, m: SecurePageMessages): OutcomeText | null {
  if (code === 'TOKEN_USED') return m.used;
  if (code === 'TOKEN_EXPIRED') return m.expired;
  if (code === 'TOKEN_INVALID' || code === 'INVALID_INPUT') return m.invalid;
  return null;
}

/**
 * The "this wasn't me" page (`/secure`): says what securing the account does, and does it only
 * when the user clicks (a POST of `passwordReset.dispute`): opening the link, or a mail scanner
 * fetching it, changes nothing. Then says what happened and what to do next.
 */
export async function mountSecurePage(root: HTMLElement, options: MountSecurePageOptions = {}): Promise<MountedSecurePage> {
  const locale = chooseLocale(
    options.locale ? [options.locale] : navigator.languages.length > 0 ? navigator.languages : [navigator.language],
  );
  const m = SECURE_PAGE_MESSAGES[locale];
  // Taken before anything else runs, so the secret is out of the address bar at once.
  const secret = options.secret ?? takeSecretFromAddressBar(window);
  const api = createDisputeApiClient({
    apiBaseUrl: options.apiBaseUrl ?? root.dataset['apiBase'] ?? location.origin,
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
  });
  root.lang = locale;
  root.classList.add('rp');

  function showSecured(lockedUntil: string): void {
    const time = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(lockedUntil));
    const heading = element('h1', { class: 'rp-heading', tabindex: '-1' }, m.securedHeading);
    root.removeAttribute('aria-busy');
    root.replaceChildren(
      element(
        'section',
        { class: 'rp-outcome rp-outcome--success' },
        heading,
        element('p', {}, ...fillTemplate(m.securedBody, { time })),
        element('ol', { class: 'rp-policy' }, ...m.nextSteps.map((step) => element('li', {}, step))),
      ),
    );
    heading.focus();
  }

  function showChoice(problem?: OutcomeText): void {
    const button = element('button', { type: 'button', class: 'rp-button' }, m.button);
    const heading = element('h1', { class: 'rp-heading', tabindex: '-1' }, m.heading);
    const notice = problem
      ? element(
          'div',
          { class: 'rp-problem', role: 'alert' },
          element('p', { class: 'rp-problem-title' }, problem.heading),
          element('p', {}, problem.body),
        )
      : null;
    button.addEventListener('click', () => void secure(button));
    root.removeAttribute('aria-busy');
    root.replaceChildren(element('section', {}, heading, ...m.intro.map((line) => element('p', {}, line)), notice, button));
    if (problem) heading.focus();
  }

  async function secure(button: HTMLButtonElement): Promise<void> {
    if (secret === null) return;
    button.disabled = true;
    button.textContent = m.busy;
    root.setAttribute('aria-busy', 'true');
    const result = await api.dispute(secret);
    if (result.ok) return showSecured(result.value.lockedUntil);
    const end = endScreenFor(result.failure.code, m);
    if (end) return showOutcome(root, 'failure', end);
    showChoice({ heading: m.unavailable.heading, body: m.unavailable.body });
  }

  if (secret === null) showOutcome(root, 'failure', m.invalid);
  else showChoice();
  return { locale, messages: m };
}
