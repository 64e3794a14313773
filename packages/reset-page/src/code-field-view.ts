import type { CodeFormMessages } from './messages/reset-page-messages.js';
import type { CodeField } from './password-form-view.js';
import { element } from './render-element.js';

/** The code form's field for the mailed code, as the password form takes it (CodeField); `value()` is the code without spaces. */
export function codeFieldView(id: string, m: CodeFormMessages): CodeField & { value(): string } {
  // A one-time code: the browser may offer it from the mail (autocomplete), phones show digits.
  const input = element('input', {
    id,
    name: id,
    type: 'text',
    inputmode: 'numeric',
    autocomplete: 'one-time-code',
    autocapitalize: 'off',
    spellcheck: 'false',
    maxlength: '32',
    required: '',
  });
  input.addEventListener('input', () => input.removeAttribute('aria-invalid'));
  const value = () => input.value.replace(/\s+/g, '');
  const refuse = () => {
    input.value = '';
    input.setAttribute('aria-invalid', 'true');
    input.focus();
  };
  return {
    field: element('div', { class: 'rp-field' }, element('label', { for: id }, m.codeLabel), input),
    heading: m.heading,
    intro: m.intro,
    value,
    problem() {
      if (value() !== '') return null;
      refuse();
      return m.codeMissing;
    },
    refuse,
  };
}
