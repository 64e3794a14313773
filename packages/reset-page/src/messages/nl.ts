import type { ResetPageMessages } from './reset-page-messages.js';

const characters = (count: number): string => (count === 1 ? '1 teken' : `${count} tekens`);

export const nl: ResetPageMessages = {
  documentTitle: 'Stel je wachtwoord opnieuw in',
  loading: 'Je resetlink wordt gecontroleerd…',
  formHeading: 'Kies een nieuw wachtwoord',
  account: 'Voor het account {email} bij {app}.',
  expires: 'Deze link werkt tot {time}.',
  policyLength: (min, max) =>
    `Gebruik ${min} tot ${max} tekens. Spaties, symbolen en elke taal zijn prima; een paar losse woorden vormen een sterk wachtwoord.`,
  policyBytes: (max) => `Hoogstens ${max} bytes: sommige tekens, zoals letters met accenten en emoji, tellen voor meer.`,
  policyCommon: 'Veelgebruikte wachtwoorden worden geweigerd.',
  policyContext: 'Gebruik je e-mailadres of de naam {app} niet.',
  policyCurrent: 'Het moet anders zijn dan je huidige wachtwoord.',
  newPasswordLabel: 'Nieuw wachtwoord',
  confirmPasswordLabel: 'Nieuw wachtwoord, nogmaals',
  showPasswords: 'Wachtwoorden tonen',
  lengthEmpty: (min) => `Minstens ${characters(min)}.`,
  lengthTooShort: (length, min) => `${characters(length)}: nog ${min - length} nodig.`,
  lengthTooLong: (length, max) => `${characters(length)}: ${length - max} te veel.`,
  lengthTooManyBytes: (bytes, max) => `${bytes} bytes: hoogstens ${max} bytes (sommige tekens tellen voor meer).`,
  lengthOk: (length) => `${characters(length)}: lang genoeg.`,
  matchEmpty: 'Typ hetzelfde wachtwoord nog eens.',
  matchNo: 'De twee wachtwoorden zijn niet gelijk.',
  matchYes: 'De twee wachtwoorden zijn gelijk.',
  submit: 'Wachtwoord wijzigen',
  submitting: 'Wachtwoord wordt gewijzigd…',
  fixBeforeSubmitting: 'Controleer het nieuwe wachtwoord',
  reasons: {
    TOO_SHORT: ({ minLength }) => `Het is te kort: gebruik minstens ${characters(minLength)}.`,
    TOO_LONG: ({ maxLength, maxBytes }) =>
      maxBytes === undefined
        ? `Het is te lang: gebruik hoogstens ${characters(maxLength)}.`
        : `Het is te lang: gebruik hoogstens ${characters(maxLength)} en ${maxBytes} bytes (sommige tekens tellen voor meer).`,
    COMMON: () =>
      'Het is te gangbaar: het staat op lijsten met wachtwoorden die aanvallers als eerste proberen. Kies iets minder voorspelbaars.',
    CONTEXTUAL: ({ applicationName }) => `Het bevat je e-mailadres of de naam ${applicationName}, en die zijn makkelijk te raden.`,
    REUSED: () => 'Het is je huidige wachtwoord. Kies een nieuw wachtwoord.',
    BREACHED: () => 'Het is uitgelekt bij een datalek, dus aanvallers kennen het al. Kies een wachtwoord dat je nergens hebt gebruikt.',
  },
  success: {
    heading: 'Je wachtwoord is gewijzigd',
    body: 'Je kunt nu inloggen met je nieuwe wachtwoord. Je kunt deze pagina sluiten.',
  },
  failures: {
    CODE_INVALID: {
      heading: 'Die code klopt niet',
      body: 'Controleer de code in de laatste e-mail en typ hem opnieuw.',
    },
    FLOW_LOCKED: {
      heading: 'Deze code is geblokkeerd',
      body: 'Hij is te vaak fout ingevoerd. Vraag opnieuw een wachtwoordreset aan.',
    },
    FLOW_EXPIRED: {
      heading: 'Deze code werkt niet meer',
      body: 'Een code werkt één keer en kort. Vraag opnieuw een wachtwoordreset aan.',
    },
    TOKEN_EXPIRED: {
      heading: 'Deze link is verlopen',
      body: 'Resetlinks werken maar een beperkte tijd. Vraag opnieuw een wachtwoordreset aan waar je begonnen bent.',
    },
    TOKEN_USED: {
      heading: 'Deze link is al gebruikt',
      body: 'Elke resetlink werkt één keer. Heb je je wachtwoord niet zelf gewijzigd? Vraag dan meteen een nieuwe reset aan.',
    },
    TOKEN_SUPERSEDED: {
      heading: 'Er is een nieuwere link verstuurd',
      body: 'Alleen de meest recente reset-e-mail werkt. Open de link in de laatste e-mail.',
    },
    TOKEN_LOCKED: {
      heading: 'Deze link is geblokkeerd',
      body: 'Met deze link zijn te veel wachtwoorden geprobeerd, dus hij werkt niet meer. Vraag opnieuw een wachtwoordreset aan waar je begonnen bent.',
    },
    TOKEN_INVALID: {
      heading: 'Deze link is niet geldig',
      body: 'Controleer of je de volledige link uit de e-mail hebt geopend, of vraag een nieuwe wachtwoordreset aan.',
    },
    INVALID_INPUT: {
      heading: 'Het verzoek kon niet worden gelezen',
      body: 'Open de volledige link uit de e-mail opnieuw, of vraag een nieuwe wachtwoordreset aan.',
    },
    FORBIDDEN: {
      heading: 'Deze pagina mag dit niet doen',
      body: 'De resetdienst weigerde deze pagina. Neem contact op met de site die je de link stuurde.',
    },
    ACCOUNT_DISABLED: {
      heading: 'Het account is uitgeschakeld',
      body: 'Voor dit account kan het wachtwoord niet opnieuw worden ingesteld. Denk je dat dit niet klopt? Neem dan contact op met de site die je de link stuurde.',
    },
    ACCOUNT_NOT_FOUND: {
      heading: 'Het account bestaat niet meer',
      body: 'Er hoort geen account meer bij deze link. Denk je dat dit niet klopt? Neem dan contact op met de site die je de link stuurde.',
    },
    PASSWORD_REJECTED: { heading: 'Dit wachtwoord kan niet worden gebruikt', body: 'Kies een ander wachtwoord en probeer het opnieuw.' },
    PAYLOAD_TOO_LARGE: { heading: 'Het wachtwoord is te lang om te versturen', body: 'Kies een korter wachtwoord en probeer het opnieuw.' },
    UNAUTHORIZED: {
      heading: 'Er is iets mis met deze pagina',
      body: 'De resetdienst weigerde deze pagina. Probeer het later opnieuw; blijft dit gebeuren, neem dan contact op met de site die je de link stuurde.',
    },
    RESET_URL_NOT_ALLOWED: {
      heading: 'Deze pagina mag geen wachtwoorden resetten',
      body: 'De resetdienst accepteert geen verzoeken van deze pagina. Neem contact op met de site die je de link stuurde.',
    },
    TOO_MANY_REQUESTS: { heading: 'Te veel pogingen', body: 'Wacht een paar minuten en probeer het dan opnieuw.' },
    SERVICE_UNAVAILABLE: {
      heading: 'De dienst is tijdelijk niet beschikbaar',
      body: 'Probeer het over een paar minuten opnieuw. Je link blijft werken tot hij verloopt.',
    },
    NETWORK_ERROR: {
      heading: 'Geen verbinding',
      body: 'We konden de server niet bereiken. Controleer je internetverbinding en probeer het opnieuw.',
    },
    INTERNAL_ERROR: { heading: 'Er ging iets mis', body: 'Er ging bij ons iets mis. Probeer het later opnieuw.' },
  },
  tryAgain: 'Opnieuw proberen',
};
