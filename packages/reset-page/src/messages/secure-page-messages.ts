import type { ResetPageLocale } from './locales.js';
import type { OutcomeText } from './reset-page-messages.js';

/**
 * The "this wasn't me" page's texts (`/secure`, mountSecurePage): what securing the account does
 * before the click, what happened and what to do next after it. Few lines per locale, so one
 * module holds all four and the page loads none of the reset page's tables.
 */
export interface SecurePageMessages {
  readonly documentTitle: string;
  readonly heading: string;
  /** What the click will do; shown before it, so the user chooses knowingly. */
  readonly intro: readonly string[];
  readonly button: string;
  readonly busy: string;
  readonly securedHeading: string;
  /** Placeholder: `{time}`, until when no reset mail leaves (the answer's `lockedUntil`). */
  readonly securedBody: string;
  /** What the user should do next, in order. */
  readonly nextSteps: readonly string[];
  /** The link was used already (the account was secured with it), has expired, or is not one of ours. */
  readonly used: OutcomeText;
  readonly expired: OutcomeText;
  readonly invalid: OutcomeText;
  /** A pause on our side or the network's: nothing changed, the link still works. */
  readonly unavailable: OutcomeText;
  readonly tryAgain: string;
}

export const SECURE_PAGE_MESSAGES: Readonly<Record<ResetPageLocale, SecurePageMessages>> = {
  en: {
    documentTitle: 'Secure your account',
    heading: 'Wasn’t it you who changed your password?',
    intro: [
      'If someone else changed your password, secure your account now.',
      'We will cancel every password reset of your account, send no new reset email for a while, and ask the application to lock your account and sign everyone out.',
    ],
    button: 'Secure my account',
    busy: 'Securing your account…',
    securedHeading: 'Your account is secured',
    securedBody:
      'We cancelled every password reset of your account and will send no new reset email until {time}. The application has been asked to lock your account and sign everyone out.',
    nextSteps: [
      'Contact the application’s support: they can check who you are and give you back your account.',
      'If you used the same password anywhere else, change it there too.',
    ],
    used: {
      heading: 'This link has already been used',
      body: 'Your account was secured with it. Contact the application’s support if you need more help.',
    },
    expired: { heading: 'This link has expired', body: 'These links work for 7 days. Contact the application’s support right away.' },
    invalid: {
      heading: 'This link is not valid',
      body: 'Open the link from the email exactly as it came. If it still does not work, contact the application’s support.',
    },
    unavailable: { heading: 'We could not secure your account just now', body: 'Nothing has changed yet. Try again in a moment.' },
    tryAgain: 'Try again',
  },
  nl: {
    documentTitle: 'Beveilig je account',
    heading: 'Heb jij je wachtwoord niet gewijzigd?',
    intro: [
      'Heeft iemand anders je wachtwoord gewijzigd? Beveilig je account dan nu.',
      'We annuleren alle wachtwoordherstelverzoeken voor je account, sturen een tijdje geen nieuwe herstelmail en vragen de applicatie je account te blokkeren en iedereen uit te loggen.',
    ],
    button: 'Beveilig mijn account',
    busy: 'Je account wordt beveiligd…',
    securedHeading: 'Je account is beveiligd',
    securedBody:
      'We hebben alle wachtwoordherstelverzoeken voor je account geannuleerd en sturen tot {time} geen nieuwe herstelmail. De applicatie is gevraagd je account te blokkeren en iedereen uit te loggen.',
    nextSteps: [
      'Neem contact op met de klantenservice van de applicatie: die kan nagaan wie je bent en je je account teruggeven.',
      'Gebruik je hetzelfde wachtwoord ook ergens anders? Wijzig het daar dan ook.',
    ],
    used: {
      heading: 'Deze link is al gebruikt',
      body: 'Je account is er al mee beveiligd. Neem contact op met de klantenservice van de applicatie als je meer hulp nodig hebt.',
    },
    expired: {
      heading: 'Deze link is verlopen',
      body: 'Deze links werken 7 dagen. Neem meteen contact op met de klantenservice van de applicatie.',
    },
    invalid: {
      heading: 'Deze link is niet geldig',
      body: 'Open de link uit de e-mail precies zoals die is. Werkt hij dan nog niet, neem dan contact op met de klantenservice van de applicatie.',
    },
    unavailable: { heading: 'We konden je account nu niet beveiligen', body: 'Er is nog niets veranderd. Probeer het zo opnieuw.' },
    tryAgain: 'Opnieuw proberen',
  },
  es: {
    documentTitle: 'Protege tu cuenta',
    heading: '¿No has sido tú quien ha cambiado la contraseña?',
    intro: [
      'Si otra persona ha cambiado tu contraseña, protege tu cuenta ahora.',
      'Anularemos todos los restablecimientos de contraseña de tu cuenta, no enviaremos correos de restablecimiento durante un tiempo y pediremos a la aplicación que bloquee tu cuenta y cierre todas las sesiones.',
    ],
    button: 'Proteger mi cuenta',
    busy: 'Protegiendo tu cuenta…',
    securedHeading: 'Tu cuenta está protegida',
    securedBody:
      'Hemos anulado todos los restablecimientos de contraseña de tu cuenta y no enviaremos ningún correo de restablecimiento hasta el {time}. Hemos pedido a la aplicación que bloquee tu cuenta y cierre todas las sesiones.',
    nextSteps: [
      'Ponte en contacto con el servicio de asistencia de la aplicación: podrán comprobar quién eres y devolverte tu cuenta.',
      'Si usas la misma contraseña en otro sitio, cámbiala también allí.',
    ],
    used: {
      heading: 'Este enlace ya se ha usado',
      body: 'Tu cuenta ya se protegió con él. Ponte en contacto con el servicio de asistencia de la aplicación si necesitas más ayuda.',
    },
    expired: {
      heading: 'Este enlace ha caducado',
      body: 'Estos enlaces funcionan durante 7 días. Ponte en contacto cuanto antes con el servicio de asistencia de la aplicación.',
    },
    invalid: {
      heading: 'Este enlace no es válido',
      body: 'Abre el enlace del correo tal como llegó. Si sigue sin funcionar, ponte en contacto con el servicio de asistencia de la aplicación.',
    },
    unavailable: {
      heading: 'No hemos podido proteger tu cuenta ahora',
      body: 'Todavía no ha cambiado nada. Vuelve a intentarlo en un momento.',
    },
    tryAgain: 'Volver a intentarlo',
  },
  fr: {
    documentTitle: 'Sécurisez votre compte',
    heading: 'Ce n’est pas vous qui avez changé votre mot de passe\u00a0?',
    intro: [
      'Si quelqu’un d’autre a changé votre mot de passe, sécurisez votre compte maintenant.',
      'Nous annulerons toutes les réinitialisations de mot de passe de votre compte, n’enverrons plus d’e-mail de réinitialisation pendant un certain temps et demanderons à l’application de verrouiller votre compte et de fermer toutes les sessions.',
    ],
    button: 'Sécuriser mon compte',
    busy: 'Sécurisation de votre compte…',
    securedHeading: 'Votre compte est sécurisé',
    securedBody:
      'Nous avons annulé toutes les réinitialisations de mot de passe de votre compte et n’enverrons aucun e-mail de réinitialisation avant le {time}. L’application a été priée de verrouiller votre compte et de fermer toutes les sessions.',
    nextSteps: [
      'Contactez l’assistance de l’application\u00a0: elle pourra vérifier votre identité et vous rendre votre compte.',
      'Si vous utilisez le même mot de passe ailleurs, changez-le là aussi.',
    ],
    used: {
      heading: 'Ce lien a déjà été utilisé',
      body: 'Votre compte a déjà été sécurisé avec ce lien. Contactez l’assistance de l’application si vous avez besoin d’aide.',
    },
    expired: {
      heading: 'Ce lien a expiré',
      body: 'Ces liens sont valables 7\u00a0jours. Contactez sans attendre l’assistance de l’application.',
    },
    invalid: {
      heading: 'Ce lien n’est pas valide',
      body: 'Ouvrez le lien de l’e-mail tel quel. S’il ne fonctionne toujours pas, contactez l’assistance de l’application.',
    },
    unavailable: {
      heading: 'Nous n’avons pas pu sécuriser votre compte pour l’instant',
      body: 'Rien n’a encore changé. Réessayez dans un instant.',
    },
    tryAgain: 'Réessayer',
  },
};
