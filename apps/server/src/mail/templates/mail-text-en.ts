import type { MailText } from './mail-text.js';

export const MAIL_TEXT_EN: MailText = {
  greetingWithName: 'Hello {recipientName},',
  greetingWithoutName: 'Hello,',
  signature: 'The {applicationName} team',
  passwordReset: {
    subject: 'Reset your {applicationName} password',
    preheader: 'Choose a new password for your {applicationName} account.',
    intro: 'You (or someone else) asked to reset the password of your {applicationName} account.',
    buttonLabel: 'Choose a new password',
    linkIntroText: 'To choose a new password, open this link:',
    linkFallbackHtml: 'If the button doesn’t work, copy this link into your browser:',
    expiry: 'The link works only once and expires on {expiresAt}.',
    notRequested: 'If you didn’t ask for this, you can ignore this email: nothing will change.',
  },
  passwordChanged: {
    subject: 'Your {applicationName} password was changed',
    preheader: 'If this wasn’t you, reset your password right away.',
    notice: 'The password of your {applicationName} account was changed on {changedAt}.',
    ifItWasYou: 'If you made this change, there is nothing else to do.',
    ifItWasNotYou:
      'If this wasn’t you, reset your password again right away with “Forgot password?” on the {applicationName} sign-in page, and contact {applicationName} support.',
  },
  temporaryPassword: {
    subject: 'Your temporary {applicationName} password',
    preheader: 'Sign in with this temporary password and choose a new one.',
    intro: 'You (or someone else) asked to reset the password of your {applicationName} account. Here is your temporary password:',
    instruction: 'Sign in with it and choose a new password right away. The temporary password expires on {expiresAt}.',
    notRequested: 'If you didn’t ask for this, contact {applicationName} support.',
  },
};
