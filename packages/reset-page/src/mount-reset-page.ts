import { chooseLocale } from './choose-locale.js';
import { loadMessages } from './messages/load-messages.js';
import type { ResetPageLocale } from './messages/locales.js';
import type { ResetPageMessages } from './messages/reset-page-messages.js';
import { showLoading, showOutcome } from './outcome-view.js';
import { reasonContextFor, showPasswordForm, type PasswordFormView } from './password-form-view.js';
import { failureEndsTheLink, type ResetPageFailureCode } from './failure-codes.js';
import { createResetApiClient, type ResetLinkDetails } from './reset-api.js';
import { takeSecretFromAddressBar } from './reset-secret-fragment.js';

export interface MountResetPageOptions {
  /**
   * Where the reset service answers (`/trpc/...` is appended), for a form hosted on another
   * site. Default: the root element's `data-api-base` attribute, else the page's origin.
   */
  readonly apiBaseUrl?: string;
  /** A language tag to speak instead of the browser's (`navigator.languages`). */
  readonly locale?: string;
  /** Default: the browser's `fetch`. */
  readonly fetch?: typeof fetch;
  /**
   * The reset secret, when the host page obtained it another way. Default: taken from the
   * address bar's `#token=…` fragment, which is then removed from the address bar.
   */
  readonly secret?: string;
}

export interface MountedResetPage {
  readonly locale: ResetPageLocale;
  readonly messages: ResetPageMessages;
}

let mountedPages = 0;

/**
 * Renders the reset flow into `root`: check the link, take the new password, say how it ended.
 * The secret leaves the address bar synchronously, before this returns; the promise settles
 * once the link has been checked and the first screen is shown.
 */
export async function mountResetPage(root: HTMLElement, options: MountResetPageOptions = {}): Promise<MountedResetPage> {
  const locale = chooseLocale(
    options.locale ? [options.locale] : navigator.languages.length > 0 ? navigator.languages : [navigator.language],
  );
  const fetchImplementation = options.fetch ?? ((input, init) => fetch(input, init));
  const api = createResetApiClient({
    apiBaseUrl: options.apiBaseUrl ?? root.dataset['apiBase'] ?? location.origin,
    fetch: fetchImplementation,
  });
  // Taken before anything else runs, so the secret is out of the address bar at once.
  const secret = options.secret ?? takeSecretFromAddressBar(window);
  const idPrefix = `rp${(mountedPages += 1)}`;
  // The link is checked while the texts load; neither waits for the other.
  const inspection = secret === null ? null : { secret, pending: api.inspect(secret) };
  const m = await loadMessages(locale);
  root.lang = locale;
  root.classList.add('rp');

  function showFailure(code: ResetPageFailureCode, retry?: () => void): void {
    showOutcome(root, 'failure', m.failures[code], retry && { label: m.tryAgain, run: retry });
  }

  async function checkLink(linkSecret: string, pending = api.inspect(linkSecret)): Promise<void> {
    showLoading(root, m.loading);
    const inspected = await pending;
    if (inspected.ok) {
      showForm(linkSecret, inspected.value);
      return;
    }
    const { code } = inspected.failure;
    // Checking a link never judges a password: such an answer is our bug.
    if (code === 'PASSWORD_REJECTED') showFailure('INTERNAL_ERROR');
    else if (failureEndsTheLink(code)) showFailure(code);
    else showFailure(code, () => void checkLink(linkSecret));
  }

  function showForm(linkSecret: string, details: ResetLinkDetails): void {
    const form: PasswordFormView = showPasswordForm({
      root,
      idPrefix,
      locale,
      messages: m,
      details,
      onSubmit: async (password) => {
        form.setBusy(true);
        const completed = await api.complete(linkSecret, password);
        form.setBusy(false);
        if (completed.ok) return showOutcome(root, 'success', m.success);
        const { code, reasons } = completed.failure;
        if (failureEndsTheLink(code)) return showFailure(code);
        // A refused password, or a pause on our side: the link still works, so the form stays.
        if (code === 'PASSWORD_REJECTED') {
          const context = reasonContextFor(details);
          const sentences = reasons.length > 0 ? reasons.map((reason) => m.reasons[reason](context)) : [m.failures.PASSWORD_REJECTED.body];
          return form.showProblem(m.failures.PASSWORD_REJECTED.heading, sentences, { passwordRefused: true });
        }
        form.showProblem(m.failures[code].heading, [m.failures[code].body], { passwordRefused: false });
      },
    });
  }

  if (inspection) await checkLink(inspection.secret, inspection.pending);
  else showFailure('TOKEN_INVALID');
  return { locale, messages: m };
}
