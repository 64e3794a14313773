import type { ResetPageLocale } from './locales.js';
import type { CodeFormMessages } from './reset-page-messages.js';

/** The code form's texts in every locale of the page: a few lines each, so one module holds all. */
export const CODE_FORM_MESSAGES: Readonly<Record<ResetPageLocale, CodeFormMessages>> = {
  en: {
    heading: 'Enter the code from the email',
    intro: 'We sent an 8-digit code to your email address. Enter it with your new password.',
    codeLabel: 'Code from the email',
    codeMissing: 'Enter the 8-digit code from the email.',
  },
  nl: {
    heading: 'Voer de code uit de e-mail in',
    intro: 'We hebben een code van 8 cijfers naar je e-mailadres gestuurd. Voer die in met je nieuwe wachtwoord.',
    codeLabel: 'Code uit de e-mail',
    codeMissing: 'Voer de code van 8 cijfers uit de e-mail in.',
  },
  es: {
    heading: 'Introduce el código del correo',
    intro: 'Hemos enviado un código de 8 dígitos a tu dirección de correo. Introdúcelo con tu nueva contraseña.',
    codeLabel: 'Código del correo',
    codeMissing: 'Introduce el código de 8 dígitos del correo.',
  },
  fr: {
    heading: 'Saisissez le code reçu par e-mail',
    intro: 'Nous avons envoyé un code à 8 chiffres à votre adresse e-mail. Saisissez-le avec votre nouveau mot de passe.',
    codeLabel: 'Code reçu par e-mail',
    codeMissing: 'Saisissez le code à 8 chiffres reçu par e-mail.',
  },
};
