import type { MailText } from './mail-text.js';

// Formal "vous". French puts a non-breaking space (\u00a0) before : ? and inside « »,
// which also keeps wrapText from leaving the colon alone at the start of a line.
export const MAIL_TEXT_FR: MailText = {
  greetingWithName: 'Bonjour {recipientName},',
  greetingWithoutName: 'Bonjour,',
  signature: 'L’équipe {applicationName}',
  passwordReset: {
    subject: 'Réinitialisez votre mot de passe {applicationName}',
    preheader: 'Choisissez un nouveau mot de passe pour votre compte {applicationName}.',
    intro: 'Vous (ou quelqu’un d’autre) avez demandé la réinitialisation du mot de passe de votre compte {applicationName}.',
    buttonLabel: 'Choisir un nouveau mot de passe',
    linkIntroText: 'Pour choisir un nouveau mot de passe, ouvrez ce lien\u00a0:',
    linkFallbackHtml: 'Si le bouton ne fonctionne pas, copiez ce lien dans votre navigateur\u00a0:',
    expiry: 'Ce lien ne peut servir qu’une seule fois et expire le {expiresAt}.',
    notRequested: 'Si vous n’êtes pas à l’origine de cette demande, vous pouvez ignorer cet e-mail\u00a0: rien ne sera modifié.',
  },
  passwordChanged: {
    subject: 'Le mot de passe de votre compte {applicationName} a été modifié',
    preheader: 'Si ce n’est pas vous, sécurisez votre compte sans attendre.',
    notice: 'Le mot de passe de votre compte {applicationName} a été modifié le {changedAt}.',
    ifItWasYou: 'Si c’est vous qui l’avez modifié, vous n’avez rien d’autre à faire.',
    ifItWasNotYou:
      'Si ce n’est pas vous, sécurisez votre compte sans attendre\u00a0: cela annule toutes les réinitialisations de mot de passe en cours de votre compte {applicationName}, bloque les nouvelles pendant un certain temps et demande à {applicationName} de verrouiller le compte. Contactez ensuite l’assistance {applicationName}.',
    secureButtonLabel: 'Ce n’était pas moi\u00a0: sécuriser mon compte',
    secureLinkIntroText: 'Pour sécuriser votre compte, ouvrez ce lien\u00a0:',
    secureLinkFallbackHtml: 'Si le bouton ne fonctionne pas, copiez ce lien dans votre navigateur\u00a0:',
    secureExpiry: 'Ce lien est valable 7\u00a0jours.',
  },
  temporaryPassword: {
    subject: 'Votre mot de passe temporaire {applicationName}',
    preheader: 'Connectez-vous avec ce mot de passe temporaire, puis choisissez-en un nouveau.',
    intro:
      'Vous (ou quelqu’un d’autre) avez demandé la réinitialisation du mot de passe de votre compte {applicationName}. Voici votre mot de passe temporaire\u00a0:',
    instruction:
      'Connectez-vous avec ce mot de passe, puis choisissez-en immédiatement un nouveau. Le mot de passe temporaire expire le {expiresAt}.',
    notRequested: 'Si vous n’êtes pas à l’origine de cette demande, contactez l’assistance {applicationName}.',
  },
  resetCode: {
    subject: 'Votre code de réinitialisation du mot de passe {applicationName}',
    preheader: 'Saisissez ce code là où vous avez demandé à réinitialiser votre mot de passe.',
    intro: 'Vous (ou quelqu’un d’autre) avez demandé à réinitialiser le mot de passe de votre compte {applicationName}. Voici votre code :',
    instruction:
      'Saisissez-le là où vous l’avez demandé, avec votre nouveau mot de passe. Le code ne sert qu’une fois et expire le {expiresAt}.',
    notRequested:
      'Si vous n’avez rien demandé, ignorez cet e-mail : rien ne changera. Ne donnez jamais ce code à personne, pas même au support de {applicationName}.',
  },
};
