import type { MailText } from './mail-text.js';

// Informal "je", as most Dutch consumer services write nowadays.
export const MAIL_TEXT_NL: MailText = {
  greetingWithName: 'Hallo {recipientName},',
  greetingWithoutName: 'Hallo,',
  signature: 'Het team van {applicationName}',
  passwordReset: {
    subject: 'Je wachtwoord voor {applicationName} opnieuw instellen',
    preheader: 'Kies een nieuw wachtwoord voor je account bij {applicationName}.',
    intro: 'Jij (of iemand anders) hebt gevraagd het wachtwoord van je account bij {applicationName} opnieuw in te stellen.',
    buttonLabel: 'Nieuw wachtwoord kiezen',
    linkIntroText: 'Open deze link om een nieuw wachtwoord te kiezen:',
    linkFallbackHtml: 'Werkt de knop niet? Kopieer deze link dan naar je browser:',
    expiry: 'De link werkt maar één keer en verloopt op {expiresAt}.',
    notRequested: 'Heb je dit niet zelf gevraagd? Dan kun je deze e-mail negeren; er verandert niets.',
  },
  passwordChanged: {
    subject: 'Je wachtwoord voor {applicationName} is gewijzigd',
    preheader: 'Was jij dit niet? Stel je wachtwoord dan meteen opnieuw in.',
    notice: 'Het wachtwoord van je account bij {applicationName} is gewijzigd op {changedAt}.',
    ifItWasYou: 'Heb je dit zelf gedaan? Dan hoef je verder niets te doen.',
    ifItWasNotYou:
      'Was jij dit niet? Stel je wachtwoord dan meteen opnieuw in via ‘Wachtwoord vergeten?’ op de inlogpagina van {applicationName} en neem contact op met de klantenservice van {applicationName}.',
  },
  temporaryPassword: {
    subject: 'Je tijdelijke wachtwoord voor {applicationName}',
    preheader: 'Log in met dit tijdelijke wachtwoord en kies daarna een nieuw wachtwoord.',
    intro:
      'Jij (of iemand anders) hebt gevraagd het wachtwoord van je account bij {applicationName} opnieuw in te stellen. Dit is je tijdelijke wachtwoord:',
    instruction: 'Log hiermee in en kies meteen een nieuw wachtwoord. Het tijdelijke wachtwoord verloopt op {expiresAt}.',
    notRequested: 'Heb je dit niet zelf gevraagd? Neem dan contact op met de klantenservice van {applicationName}.',
  },
};
