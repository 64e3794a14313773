import { chooseLocale } from './choose-locale.js';
import { RESET_PAGE_MESSAGES, type ResetPageLocale } from './messages/message-tables.js';
import type { ResetPageMessages } from './messages/reset-page-messages.js';
import { showLoading, showOutcome } from './outcome-view.js';
import { showPasswordForm, type PasswordFormView } from './password-form-view.js';
import { createResetApiClient, type ResetLinkDetails, type ResetPageFailureCode } from './reset-api.js';
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

export interface ResetPage {
  readonly locale: ResetPageLocale;
  readonly messages: ResetPageMessages;
  /** Settles once the link has been checked and the first screen is shown. */
  readonly ready: Promise<void>;
}

/** Failures after which the link cannot work, whatever the user does on this page. */
const LINK_FAILURES: ReadonlySet<ResetPageFailureCode> = new Set(['TOKEN_INVALID', 'TOKEN_EXPIRED', 'TOKEN_USED', 'TOKEN_SUPERSEDED']);

let mountedPages = 0;

/** Renders the reset flow into `root`: check the link, take the new password, say how it ended. */
export function mountResetPage(root: HTMLElement, options: MountResetPageOptions = {}): ResetPage {
  const locale = chooseLocale(options.locale ? [options.locale] : navigator.languages.length > 0 ? navigator.languages : [navigator.language]);
  const m = RESET_PAGE_MESSAGES[locale];
  const fetchImplementation = options.fetch ?? ((input, init) => fetch(input, init));
  const api = createResetApiClient({ apiBaseUrl: options.apiBaseUrl ?? root.dataset['apiBase'] ?? location.origin, fetch: fetchImplementation });
  // Taken before anything else runs, so the secret is out of the address bar at once.
  const secret = options.secret ?? takeSecretFromAddressBar(window);
  const idPrefix = `rp${(mountedPages += 1)}`;
  root.lang = locale;
  root.classList.add('rp');

  function showFailure(code: Exclude<ResetPageFailureCode, 'PASSWORD_REJECTED'>, retry?: () => void): void {
    showOutcome(root, 'failure', m.failures[code], retry && { label: m.tryAgain, run: retry });
  }

  async function checkLink(linkSecret: string): Promise<void> {
    showLoading(root, m.loading);
    const inspected = await api.inspect(linkSecret);
    if (inspected.ok) {
      showForm(linkSecret, inspected.value);
      return;
    }
    const { code } = inspected.failure;
    if (code === 'PASSWORD_REJECTED') showFailure('INTERNAL_ERROR');
    else if (LINK_FAILURES.has(code)) showFailure(code);
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
        if (LINK_FAILURES.has(code) && code !== 'PASSWORD_REJECTED') return showFailure(code);
        // A refused password, or a pause on our side: the link still works, so the form stays.
        if (code === 'PASSWORD_REJECTED') {
          const context = { minLength: details.policy.minLength, maxLength: details.policy.maxLength, applicationName: details.applicationName };
          const sentences = reasons.map((reason) => m.reasons[reason](context));
          return form.showProblem(m.rejectedHeading, sentences, { passwordRefused: true });
        }
        form.showProblem(m.failures[code].heading, [m.failures[code].body], { passwordRefused: false });
      },
    });
  }

  const ready = secret === null ? Promise.resolve(showFailure('TOKEN_INVALID')) : checkLink(secret);
  return { locale, messages: m, ready };
}
