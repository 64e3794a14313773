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
    preheader: 'If this wasn’t you, secure your account right away.',
    notice: 'The password of your {applicationName} account was changed on {changedAt}.',
    ifItWasYou: 'If you made this change, there is nothing else to do.',
    ifItWasNotYou:
      'If this wasn’t you, secure your account right away: doing so cancels every password reset of your {applicationName} account, holds back new ones for a while and asks {applicationName} to lock the account. Then contact {applicationName} support.',
    secureButtonLabel: 'This wasn’t me: secure my account',
    secureLinkIntroText: 'To secure your account, open this link:',
    secureLinkFallbackHtml: 'If the button doesn’t work, copy this link into your browser:',
    secureExpiry: 'This link works for 7 days.',
  },
  temporaryPassword: {
    subject: 'Your temporary {applicationName} password',
    preheader: 'Sign in with this temporary password and choose a new one.',
    intro: 'You (or someone else) asked to reset the password of your {applicationName} account. Here is your temporary password:',
    instruction: 'Sign in with it and choose a new password right away. The temporary password expires on {expiresAt}.',
    notRequested: 'If you didn’t ask for this, contact {applicationName} support.',
  },
  resetCode: {
    subject: 'Your {applicationName} password reset code',
    preheader: 'Enter this code where you asked to reset your password.',
    intro: 'You (or someone else) asked to reset the password of your {applicationName} account. Here is your code:',
    instruction: 'Enter it where you asked for it, together with your new password. The code works only once and expires on {expiresAt}.',
    notRequested:
      'If you didn’t ask for this, you can ignore this email: nothing will change. Never give this code to anyone, {applicationName} support included.',
  },
};
