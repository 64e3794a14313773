import { checkPasswordLive, type LivePasswordCheck } from './live-password-check.js';
import type { ResetPageLocale } from './messages/locales.js';
import type { ReasonContext, ResetPageMessages } from './messages/reset-page-messages.js';
import type { ResetLinkDetails } from './reset-api.js';
import { element, fillTemplate } from './render-element.js';

export interface PasswordFormView {
  /**
   * Shows why the last attempt failed, in the live region, and puts focus back in the first
   * field. A refused password is cleared from both fields so the user starts afresh.
   */
  showProblem(heading: string, sentences: readonly string[], options: { passwordRefused: boolean; codeRefused?: boolean }): void;
  setBusy(busy: boolean): void;
}

export interface PasswordFormOptions {
  readonly root: HTMLElement;
  readonly idPrefix: string;
  readonly locale: ResetPageLocale;
  readonly messages: ResetPageMessages;
  readonly details: PasswordFormDetails;
  /** A code flow's field, first in the form (see code-field-view.ts); its heading and intro replace the link's. */
  readonly codeField?: CodeField;
  /** Called with a password that passed the live check; the controller talks to the API. */
  readonly onSubmit: (password: string) => Promise<void>;
}

/** What the form shows: a link's details, or for a code flow only the policy and the application. */
export type PasswordFormDetails = Pick<ResetLinkDetails, 'policy' | 'applicationName'> &
  Partial<Pick<ResetLinkDetails, 'maskedEmail' | 'expiresAt'>>;

/** A field the password form puts first and checks first (the code form's code): kept apart so the link's page loads none of it. */
export interface CodeField {
  readonly field: HTMLElement;
  readonly heading: string;
  readonly intro: string;
  /** Null when it may be sent, else the sentence that says what is missing (it then has focus). */
  problem(): string | null;
  /** Clears and marks the field after the API refused it, and focuses it. */
  refuse(): void;
}

/** Who and what the link is for, the policy, two password fields with live feedback, one submit. */
export function showPasswordForm({
  root,
  idPrefix,
  locale,
  messages: m,
  details,
  codeField,
  onSubmit,
}: PasswordFormOptions): PasswordFormView {
  const { policy, applicationName } = details;
  const reasonContext = reasonContextFor(details);
  const id = (name: string): string => `${idPrefix}-${name}`;

  const heading = element('h1', { class: 'rp-heading', tabindex: '-1' }, codeField?.heading ?? m.formHeading);
  const { maskedEmail, expiresAt } = details;
  const policyItems = [
    m.policyLength(policy.minLength, policy.maxLength),
    policy.maxBytes !== undefined && m.policyBytes(policy.maxBytes),
    policy.refusesCommonPasswords !== false && m.policyCommon,
    policy.refusesContextWords !== false && m.policyContext.replace('{app}', applicationName),
    policy.refusesCurrentPassword !== false && m.policyCurrent,
  ].filter((item): item is string => typeof item === 'string');

  const passwordInput = passwordField(id('new-password'), [id('length-hint'), id('policy')]);
  const confirmationInput = passwordField(id('confirm-password'), [id('match-hint')]);
  const lengthHint = element('p', { id: id('length-hint'), class: 'rp-hint' });
  const matchHint = element('p', { id: id('match-hint'), class: 'rp-hint' });
  const toggle = element(
    'button',
    { type: 'button', class: 'rp-toggle', 'aria-pressed': 'false', 'aria-controls': `${id('new-password')} ${id('confirm-password')}` },
    m.showPasswords,
  );
  const problem = element('div', { id: id('problem'), class: 'rp-problem', role: 'alert', 'aria-live': 'assertive' });
  const submit = element('button', { type: 'submit', class: 'rp-button' }, m.submit);
  const form = element(
    'form',
    { class: 'rp-form', novalidate: '' },
    codeField?.field,
    element('div', { class: 'rp-field' }, element('label', { for: id('new-password') }, m.newPasswordLabel), passwordInput, lengthHint),
    element(
      'div',
      { class: 'rp-field' },
      element('label', { for: id('confirm-password') }, m.confirmPasswordLabel),
      confirmationInput,
      matchHint,
    ),
    toggle,
    problem,
    submit,
  );

  function currentCheck(): LivePasswordCheck {
    return checkPasswordLive(passwordInput.value, confirmationInput.value, policy);
  }

  function renderHints(): void {
    const check = currentCheck();
    const lengthTexts = {
      empty: m.lengthEmpty(policy.minLength),
      'too-short': m.lengthTooShort(check.length, policy.minLength),
      'too-long': m.lengthTooLong(check.length, policy.maxLength),
      'too-many-bytes': m.lengthTooManyBytes(check.bytes, policy.maxBytes ?? check.bytes),
      ok: m.lengthOk(check.length),
    };
    lengthHint.textContent = lengthTexts[check.lengthStatus];
    const tooLong = check.lengthStatus === 'too-long' || check.lengthStatus === 'too-many-bytes';
    lengthHint.dataset['status'] = check.lengthStatus === 'ok' ? 'ok' : tooLong ? 'problem' : 'pending';
    matchHint.textContent = { empty: m.matchEmpty, different: m.matchNo, same: m.matchYes }[check.matchStatus];
    matchHint.dataset['status'] = { empty: 'pending', different: 'pending', same: 'ok' }[check.matchStatus];
  }

  function renderProblem(title: string, sentences: readonly string[]): void {
    problem.replaceChildren(element('p', { class: 'rp-problem-title' }, title), ...sentences.map((sentence) => element('p', {}, sentence)));
  }

  function markInvalid(input: HTMLInputElement, invalid: boolean): void {
    if (invalid) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }

  for (const input of [passwordInput, confirmationInput]) {
    input.addEventListener('input', () => {
      markInvalid(input, false);
      renderHints();
    });
  }
  toggle.addEventListener('click', () => {
    const show = toggle.getAttribute('aria-pressed') !== 'true';
    toggle.setAttribute('aria-pressed', String(show));
    for (const input of [passwordInput, confirmationInput]) input.type = show ? 'text' : 'password';
  });

  let busy = false;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (busy) return;
    const check = currentCheck();
    const missing = codeField?.problem();
    if (missing) return renderProblem(m.fixBeforeSubmitting, [missing]);
    if (!check.submittable) {
      const lengthWrong = check.lengthStatus !== 'ok';
      const sentences = [
        lengthWrong && m.reasons[check.lengthStatus === 'too-short' ? 'TOO_SHORT' : 'TOO_LONG'](reasonContext),
        check.matchStatus !== 'same' && (check.matchStatus === 'empty' ? m.matchEmpty : m.matchNo),
      ].filter((sentence): sentence is string => typeof sentence === 'string');
      markInvalid(passwordInput, lengthWrong);
      markInvalid(confirmationInput, check.matchStatus !== 'same');
      renderProblem(m.fixBeforeSubmitting, sentences);
      (lengthWrong ? passwordInput : confirmationInput).focus();
      return;
    }
    problem.replaceChildren();
    void onSubmit(passwordInput.value);
  });

  root.removeAttribute('aria-busy');
  root.replaceChildren(
    heading,
    element(
      'p',
      { class: 'rp-account' },
      ...(codeField ? [codeField.intro] : fillTemplate(m.account, { email: strong(maskedEmail ?? ''), app: strong(applicationName) })),
    ),
    ...(expiresAt
      ? [
          element(
            'p',
            { class: 'rp-expiry' },
            ...fillTemplate(m.expires, { time: element('time', { datetime: expiresAt }, formatExpiry(expiresAt, locale)) }),
          ),
        ]
      : []),
    element('ul', { id: id('policy'), class: 'rp-policy' }, ...policyItems.map((item) => element('li', {}, item))),
    form,
  );
  renderHints();
  heading.focus();

  return {
    showProblem(title, sentences, { passwordRefused, codeRefused }) {
      if (passwordRefused) {
        passwordInput.value = '';
        confirmationInput.value = '';
        renderHints();
      }
      markInvalid(passwordInput, passwordRefused);
      renderProblem(title, sentences);
      if (codeRefused) codeField?.refuse();
      else passwordInput.focus();
    },
    setBusy(value) {
      busy = value;
      form.setAttribute('aria-busy', String(value));
      submit.textContent = value ? m.submitting : m.submit;
    },
  };
}

/** What the reason sentences of this link's policy mention. */
export function reasonContextFor({ policy, applicationName }: PasswordFormDetails): ReasonContext {
  const { minLength, maxLength, maxBytes } = policy;
  return { minLength, maxLength, ...(maxBytes === undefined ? {} : { maxBytes }), applicationName };
}

function passwordField(id: string, describedBy: readonly string[]): HTMLInputElement {
  return element('input', {
    id,
    name: id,
    type: 'password',
    autocomplete: 'new-password',
    autocapitalize: 'off',
    spellcheck: 'false',
    required: '',
    'aria-describedby': describedBy.join(' '),
  });
}

function strong(text: string): HTMLElement {
  return element('strong', {}, text);
}

function formatExpiry(expiresAt: string, locale: ResetPageLocale): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(expiresAt));
}
