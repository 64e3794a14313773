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
    preheader: 'Was jij dit niet? Beveilig je account dan meteen.',
    notice: 'Het wachtwoord van je account bij {applicationName} is gewijzigd op {changedAt}.',
    ifItWasYou: 'Heb je dit zelf gedaan? Dan hoef je verder niets te doen.',
    ifItWasNotYou:
      'Was jij dit niet? Beveilig je account dan meteen: zo worden alle lopende wachtwoordherstelverzoeken voor je account bij {applicationName} geannuleerd, worden nieuwe een tijdje tegengehouden en vragen we {applicationName} je account te blokkeren. Neem daarna contact op met de klantenservice van {applicationName}.',
    secureButtonLabel: 'Dit was ik niet: beveilig mijn account',
    secureLinkIntroText: 'Open deze link om je account te beveiligen:',
    secureLinkFallbackHtml: 'Werkt de knop niet? Kopieer deze link dan naar je browser:',
    secureExpiry: 'Deze link werkt 7 dagen.',
  },
  temporaryPassword: {
    subject: 'Je tijdelijke wachtwoord voor {applicationName}',
    preheader: 'Log in met dit tijdelijke wachtwoord en kies daarna een nieuw wachtwoord.',
    intro:
      'Jij (of iemand anders) hebt gevraagd het wachtwoord van je account bij {applicationName} opnieuw in te stellen. Dit is je tijdelijke wachtwoord:',
    instruction: 'Log hiermee in en kies meteen een nieuw wachtwoord. Het tijdelijke wachtwoord verloopt op {expiresAt}.',
    notRequested: 'Heb je dit niet zelf gevraagd? Neem dan contact op met de klantenservice van {applicationName}.',
  },
  resetCode: {
    subject: 'Je code om je {applicationName}-wachtwoord te herstellen',
    preheader: 'Voer deze code in waar je om een nieuw wachtwoord hebt gevraagd.',
    intro: 'Jij (of iemand anders) hebt gevraagd het wachtwoord van je {applicationName}-account te herstellen. Dit is je code:',
    instruction: 'Voer hem in waar je erom vroeg, samen met je nieuwe wachtwoord. De code werkt maar één keer en verloopt op {expiresAt}.',
    notRequested:
      'Heb je hier niet om gevraagd? Dan kun je deze e-mail negeren: er verandert niets. Geef deze code nooit aan iemand anders, ook niet aan de support van {applicationName}.',
  },
};
