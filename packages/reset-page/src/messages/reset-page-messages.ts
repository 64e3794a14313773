import type { PasswordRefusalReason } from '@pwreset/contract';
import type { ResetPageFailureCode } from '../failure-codes.js';

/** What a reason sentence may mention: the policy's bounds and the application's name. */
export interface ReasonContext {
  readonly minLength: number;
  readonly maxLength: number;
  /** The byte limit of the user's directory (bcrypt: 72), when it has one. */
  readonly maxBytes?: number;
  readonly applicationName: string;
}

/** A heading and a sentence that says what to do next. */
export interface OutcomeText {
  readonly heading: string;
  readonly body: string;
}

/**
 * Every text of the page in one locale. `{name}` placeholders are filled with page data
 * (rendered as text, never as HTML); functions handle counts and plurals.
 */
export interface ResetPageMessages {
  readonly documentTitle: string;
  readonly loading: string;
  readonly formHeading: string;
  /** Placeholders: `{email}`, `{app}`. */
  readonly account: string;
  /** Placeholder: `{time}`. */
  readonly expires: string;
  readonly policyLength: (minLength: number, maxLength: number) => string;
  /** Shown with the policy only when it has a byte limit (PasswordPolicyDescription.maxBytes). */
  readonly policyBytes: (maxBytes: number) => string;
  readonly policyCommon: string;
  /** Placeholder: `{app}`. */
  readonly policyContext: string;
  readonly policyCurrent: string;
  readonly newPasswordLabel: string;
  readonly confirmPasswordLabel: string;
  readonly showPasswords: string;
  readonly lengthEmpty: (minLength: number) => string;
  readonly lengthTooShort: (length: number, minLength: number) => string;
  readonly lengthTooLong: (length: number, maxLength: number) => string;
  /** Bytes of UTF-8 as typed, over the policy's maxBytes. */
  readonly lengthTooManyBytes: (bytes: number, maxBytes: number) => string;
  readonly lengthOk: (length: number) => string;
  readonly matchEmpty: string;
  readonly matchNo: string;
  readonly matchYes: string;
  readonly submit: string;
  readonly submitting: string;
  readonly fixBeforeSubmitting: string;
  readonly reasons: Readonly<Record<PasswordRefusalReason, (context: ReasonContext) => string>>;
  readonly success: OutcomeText;
  /**
   * A heading and a next step for every code the API can answer, and for no answer at all. For a
   * refused password the heading tops the reasons' sentences, and the body stands in when none came.
   */
  readonly failures: Readonly<Record<ResetPageFailureCode, OutcomeText>>;
  readonly tryAgain: string;
}

/** The code form's own texts (mountResetCodeForm), apart from the link page's so that page loads none of them. */
export interface CodeFormMessages {
  readonly heading: string;
  readonly intro: string;
  readonly codeLabel: string;
  /** Shown when the form is sent without a code. */
  readonly codeMissing: string;
}
