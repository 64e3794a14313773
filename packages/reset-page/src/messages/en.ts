import type { ResetPageMessages } from './reset-page-messages.js';

const characters = (count: number): string => (count === 1 ? '1 character' : `${count} characters`);

export const en: ResetPageMessages = {
  documentTitle: 'Reset your password',
  loading: 'Checking your reset link…',
  formHeading: 'Choose a new password',
  account: 'For the account {email} at {app}.',
  expires: 'This link works until {time}.',
  policyLength: (min, max) =>
    `Use ${min} to ${max} characters. Spaces, symbols and any language are fine; a few unrelated words make a strong password.`,
  policyBytes: (max) => `At most ${max} bytes: some characters, such as accented letters and emoji, count as several.`,
  policyCommon: 'Common passwords are refused.',
  policyContext: 'Do not use your email address or the name {app}.',
  policyCurrent: 'It must differ from your current password.',
  newPasswordLabel: 'New password',
  confirmPasswordLabel: 'New password, again',
  showPasswords: 'Show passwords',
  lengthEmpty: (min) => `At least ${characters(min)}.`,
  lengthTooShort: (length, min) => `${characters(length)}: ${min - length} more needed.`,
  lengthTooLong: (length, max) => `${characters(length)}: ${length - max} too many.`,
  lengthTooManyBytes: (bytes, max) => `${bytes} bytes: at most ${max} bytes (some characters count as several).`,
  lengthOk: (length) => `${characters(length)}: long enough.`,
  matchEmpty: 'Type the same password again.',
  matchNo: 'The two passwords are not the same.',
  matchYes: 'The two passwords match.',
  submit: 'Change password',
  submitting: 'Changing password…',
  fixBeforeSubmitting: 'Check the new password',
  reasons: {
    TOO_SHORT: ({ minLength }) => `It is too short: use at least ${characters(minLength)}.`,
    TOO_LONG: ({ maxLength, maxBytes }) =>
      maxBytes === undefined
        ? `It is too long: use at most ${characters(maxLength)}.`
        : `It is too long: use at most ${characters(maxLength)} and ${maxBytes} bytes (some characters count as several).`,
    COMMON: () => 'It is too common: it appears on lists of passwords that attackers try first. Choose something less predictable.',
    CONTEXTUAL: ({ applicationName }) => `It contains your email address or the name ${applicationName}, which are easy to guess.`,
    REUSED: () => 'It is your current password. Choose a new one.',
    BREACHED: () => 'It has appeared in a data breach, so attackers already have it. Choose a password you have not used anywhere.',
  },
  success: {
    heading: 'Your password has been changed',
    body: 'You can now sign in with your new password. You may close this page.',
  },
  failures: {
    CODE_INVALID: {
      heading: 'That code is not right',
      body: 'Check the code in the latest email and type it again.',
    },
    FLOW_LOCKED: {
      heading: 'This code has been locked',
      body: 'It was entered wrongly too many times. Ask for a new password reset.',
    },
    FLOW_EXPIRED: {
      heading: 'This code no longer works',
      body: 'Codes work once, for a short time. Ask for a new password reset.',
    },
    TOKEN_EXPIRED: {
      heading: 'This link has expired',
      body: 'Reset links only work for a limited time. Ask for a new password reset where you started it.',
    },
    TOKEN_USED: {
      heading: 'This link has already been used',
      body: 'Each reset link works once. If you did not change your password yourself, ask for a new reset right away.',
    },
    TOKEN_SUPERSEDED: {
      heading: 'A newer link has been sent',
      body: 'Only the most recent reset email works. Open the link in the latest email.',
    },
    TOKEN_LOCKED: {
      heading: 'This link has been locked',
      body: 'Too many passwords were tried with this link, so it no longer works. Ask for a new password reset where you started it.',
    },
    TOKEN_INVALID: {
      heading: 'This link is not valid',
      body: 'Make sure you opened the complete link from the email, or ask for a new password reset.',
    },
    INVALID_INPUT: {
      heading: 'The request could not be read',
      body: 'Open the complete link from the email again, or ask for a new password reset.',
    },
    FORBIDDEN: {
      heading: 'This page is not allowed to do this',
      body: 'The reset service refused this page. Contact the site that sent you the link.',
    },
    ACCOUNT_DISABLED: {
      heading: 'The account is disabled',
      body: 'This account cannot reset its password. If you think this is wrong, contact the site that sent you the link.',
    },
    ACCOUNT_NOT_FOUND: {
      heading: 'The account no longer exists',
      body: 'No account belongs to this link any more. If you think this is wrong, contact the site that sent you the link.',
    },
    PASSWORD_REJECTED: { heading: 'This password cannot be used', body: 'Choose another password and try again.' },
    PAYLOAD_TOO_LARGE: { heading: 'The password is too long to send', body: 'Choose a shorter password and try again.' },
    UNAUTHORIZED: {
      heading: 'Something is wrong with this page',
      body: 'The reset service refused this page. Please try again later; if it keeps happening, contact the site that sent you the link.',
    },
    RESET_URL_NOT_ALLOWED: {
      heading: 'This page may not reset passwords',
      body: 'The reset service does not accept requests from this page. Contact the site that sent you the link.',
    },
    TOO_MANY_REQUESTS: { heading: 'Too many attempts', body: 'Please wait a few minutes, then try again.' },
    SERVICE_UNAVAILABLE: {
      heading: 'The service is temporarily unavailable',
      body: 'Please try again in a few minutes. Your link still works until it expires.',
    },
    NETWORK_ERROR: { heading: 'No connection', body: 'We could not reach the server. Check your internet connection and try again.' },
    INTERNAL_ERROR: { heading: 'Something went wrong', body: 'Something went wrong on our side. Please try again later.' },
  },
  tryAgain: 'Try again',
};
