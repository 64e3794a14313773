import { chooseLocale } from './choose-locale.js';
import { failureEndsTheLink, type ResetPageFailureCode } from './failure-codes.js';
import { CODE_FORM_MESSAGES } from './messages/code-form-messages.js';
import { loadMessages } from './messages/load-messages.js';
import { showLoading, showOutcome } from './outcome-view.js';
import { reasonContextFor, showPasswordForm, type PasswordFormDetails, type PasswordFormView } from './password-form-view.js';
import type { MountedResetPage } from './mount-reset-page.js';
import { codeFieldView } from './code-field-view.js';
import { createResetCodeApiClient } from './reset-code-api.js';

export interface MountResetCodeFormOptions {
  /** The flow id `passwordReset.request` answered with `method: "code"`. */
  readonly flowId: string;
  /** Your application's name, as the policy's sentences mention it ("must not contain Acme Shop"). */
  readonly applicationName: string;
  /**
   * Where `/trpc/passwordReset.complete` and `/trpc/passwordReset.policy` are answered. A code flow
   * is bound to the application that requested it, so its completion needs that application's
   * access token: point this at a route of your own backend that forwards both calls to the
   * service with the token (never hand the token to a browser). Default: the root element's
   * `data-api-base` attribute, else the page's origin.
   */
  readonly apiBaseUrl?: string;
  /** A language tag to speak instead of the browser's (`navigator.languages`). */
  readonly locale?: string;
  /** Default: the browser's `fetch`. */
  readonly fetch?: typeof fetch;
}

let mountedForms = 0;

/**
 * Renders a code flow's form into `root`: the 8-digit code from the mail, the new password twice
 * (checked live against the service's policy), then how it ended. A wrong code keeps the form (the
 * code field is cleared); a refused password keeps the code; a locked or ended flow ends the form.
 * The promise settles once the first screen is shown.
 */
export async function mountResetCodeForm(root: HTMLElement, options: MountResetCodeFormOptions): Promise<MountedResetPage> {
  const locale = chooseLocale(
    options.locale ? [options.locale] : navigator.languages.length > 0 ? navigator.languages : [navigator.language],
  );
  const api = createResetCodeApiClient({
    apiBaseUrl: options.apiBaseUrl ?? root.dataset['apiBase'] ?? location.origin,
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
  });
  const idPrefix = `rc${(mountedForms += 1)}`;
  showLoading(root, '');
  const pendingPolicy = api.policy();
  const m = await loadMessages(locale);
  root.lang = locale;
  root.classList.add('rp');

  function showFailure(code: ResetPageFailureCode, retry?: () => void): void {
    showOutcome(root, 'failure', m.failures[code], retry && { label: m.tryAgain, run: retry });
  }

  async function start(pending = api.policy()): Promise<void> {
    showLoading(root, m.loading);
    const policy = await pending;
    if (!policy.ok) return showFailure(policy.failure.code, () => void start());
    showForm({ policy: policy.value, applicationName: options.applicationName });
  }

  function showForm(details: PasswordFormDetails): void {
    const codeField = codeFieldView(`${idPrefix}-code`, CODE_FORM_MESSAGES[locale]);
    const form: PasswordFormView = showPasswordForm({
      root,
      idPrefix,
      locale,
      messages: m,
      details,
      codeField,
      onSubmit: async (password) => {
        form.setBusy(true);
        const completed = await api.completeCode(options.flowId, codeField.value(), password);
        form.setBusy(false);
        if (completed.ok) return showOutcome(root, 'success', m.success);
        const { code: failure, reasons } = completed.failure;
        if (failureEndsTheLink(failure)) return showFailure(failure);
        if (failure === 'CODE_INVALID') {
          return form.showProblem(m.failures.CODE_INVALID.heading, [m.failures.CODE_INVALID.body], {
            passwordRefused: false,
            codeRefused: true,
          });
        }
        if (failure === 'PASSWORD_REJECTED') {
          const context = reasonContextFor(details);
          const sentences = reasons.length > 0 ? reasons.map((reason) => m.reasons[reason](context)) : [m.failures.PASSWORD_REJECTED.body];
          return form.showProblem(m.failures.PASSWORD_REJECTED.heading, sentences, { passwordRefused: true });
        }
        form.showProblem(m.failures[failure].heading, [m.failures[failure].body], { passwordRefused: false });
      },
    });
  }

  await start(pendingPolicy);
  return { locale, messages: m };
}
