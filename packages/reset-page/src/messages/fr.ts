import type { ResetPageMessages } from './reset-page-messages.js';

const characters = (count: number): string => (count <= 1 ? `${count} caractère` : `${count} caractères`);

export const fr: ResetPageMessages = {
  documentTitle: 'Réinitialisez votre mot de passe',
  loading: 'Vérification de votre lien…',
  formHeading: 'Choisissez un nouveau mot de passe',
  account: 'Pour le compte {email} sur {app}.',
  expires: 'Ce lien fonctionne jusqu’au {time}.',
  policyLength: (min, max) =>
    `Utilisez de ${min} à ${max} caractères. Espaces, symboles et toutes les langues sont acceptés ; quelques mots sans rapport font un mot de passe solide.`,
  policyBytes: (max) => `Au plus ${max} octets : certains caractères, comme les lettres accentuées et les emoji, comptent pour plusieurs.`,
  policyCommon: 'Les mots de passe courants sont refusés.',
  policyContext: 'N’utilisez ni votre adresse e-mail ni le nom {app}.',
  policyCurrent: 'Il doit être différent de votre mot de passe actuel.',
  newPasswordLabel: 'Nouveau mot de passe',
  confirmPasswordLabel: 'Nouveau mot de passe, encore une fois',
  showPasswords: 'Afficher les mots de passe',
  lengthEmpty: (min) => `Au moins ${characters(min)}.`,
  lengthTooShort: (length, min) => `${characters(length)} : il en manque ${min - length}.`,
  lengthTooLong: (length, max) => `${characters(length)} : ${length - max} de trop.`,
  lengthTooManyBytes: (bytes, max) => `${bytes} octets : au plus ${max} octets (certains caractères comptent pour plusieurs).`,
  lengthOk: (length) => `${characters(length)} : longueur suffisante.`,
  matchEmpty: 'Saisissez le même mot de passe une seconde fois.',
  matchNo: 'Les deux mots de passe ne sont pas identiques.',
  matchYes: 'Les deux mots de passe sont identiques.',
  submit: 'Changer le mot de passe',
  submitting: 'Changement du mot de passe…',
  fixBeforeSubmitting: 'Vérifiez le nouveau mot de passe',
  reasons: {
    TOO_SHORT: ({ minLength }) => `Il est trop court : utilisez au moins ${characters(minLength)}.`,
    TOO_LONG: ({ maxLength, maxBytes }) =>
      maxBytes === undefined
        ? `Il est trop long : utilisez au plus ${characters(maxLength)}.`
        : `Il est trop long : utilisez au plus ${characters(maxLength)} et ${maxBytes} octets (certains caractères comptent pour plusieurs).`,
    COMMON: () =>
      'Il est trop courant : il figure sur les listes de mots de passe que les attaquants essaient en premier. Choisissez quelque chose de moins prévisible.',
    CONTEXTUAL: ({ applicationName }) => `Il contient votre adresse e-mail ou le nom ${applicationName}, faciles à deviner.`,
    REUSED: () => 'C’est votre mot de passe actuel. Choisissez-en un nouveau.',
    BREACHED: () =>
      'Il figure dans une fuite de données : les attaquants le connaissent déjà. Choisissez un mot de passe que vous n’avez jamais utilisé.',
  },
  success: {
    heading: 'Votre mot de passe a été modifié',
    body: 'Vous pouvez maintenant vous connecter avec votre nouveau mot de passe. Vous pouvez fermer cette page.',
  },
  failures: {
    CODE_INVALID: {
      heading: 'Ce code n’est pas le bon',
      body: 'Vérifiez le code du dernier e-mail et saisissez-le à nouveau.',
    },
    FLOW_LOCKED: {
      heading: 'Ce code a été bloqué',
      body: 'Il a été mal saisi trop de fois. Demandez une nouvelle réinitialisation.',
    },
    FLOW_EXPIRED: {
      heading: 'Ce code ne fonctionne plus',
      body: 'Un code ne sert qu’une fois, peu de temps. Demandez une nouvelle réinitialisation.',
    },
    TOKEN_EXPIRED: {
      heading: 'Ce lien a expiré',
      body: 'Les liens de réinitialisation ne fonctionnent que pendant un temps limité. Demandez une nouvelle réinitialisation là où vous l’avez commencée.',
    },
    TOKEN_USED: {
      heading: 'Ce lien a déjà été utilisé',
      body: 'Chaque lien ne fonctionne qu’une fois. Si vous n’avez pas changé votre mot de passe vous-même, demandez tout de suite une nouvelle réinitialisation.',
    },
    TOKEN_SUPERSEDED: {
      heading: 'Un lien plus récent a été envoyé',
      body: 'Seul le dernier e-mail de réinitialisation fonctionne. Ouvrez le lien du message le plus récent.',
    },
    TOKEN_LOCKED: {
      heading: 'Ce lien a été bloqué',
      body: 'Trop de mots de passe ont été essayés avec ce lien : il ne fonctionne plus. Demandez une nouvelle réinitialisation là où vous l’avez commencée.',
    },
    TOKEN_INVALID: {
      heading: 'Ce lien n’est pas valide',
      body: 'Vérifiez que vous avez ouvert le lien complet de l’e-mail, ou demandez une nouvelle réinitialisation.',
    },
    INVALID_INPUT: {
      heading: 'La demande n’a pas pu être lue',
      body: 'Rouvrez le lien complet de l’e-mail, ou demandez une nouvelle réinitialisation.',
    },
    FORBIDDEN: {
      heading: 'Cette page n’est pas autorisée à faire cela',
      body: 'Le service de réinitialisation a refusé cette page. Contactez le site qui vous a envoyé le lien.',
    },
    ACCOUNT_DISABLED: {
      heading: 'Le compte est désactivé',
      body: 'Ce compte ne peut pas réinitialiser son mot de passe. Si vous pensez que c’est une erreur, contactez le site qui vous a envoyé le lien.',
    },
    ACCOUNT_NOT_FOUND: {
      heading: 'Le compte n’existe plus',
      body: 'Ce lien ne correspond plus à aucun compte. Si vous pensez que c’est une erreur, contactez le site qui vous a envoyé le lien.',
    },
    PASSWORD_REJECTED: { heading: 'Ce mot de passe ne peut pas être utilisé', body: 'Choisissez un autre mot de passe et réessayez.' },
    PAYLOAD_TOO_LARGE: {
      heading: 'Le mot de passe est trop long pour être envoyé',
      body: 'Choisissez un mot de passe plus court et réessayez.',
    },
    UNAUTHORIZED: {
      heading: 'Cette page rencontre un problème',
      body: 'Le service de réinitialisation a refusé cette page. Réessayez plus tard ; si cela persiste, contactez le site qui vous a envoyé le lien.',
    },
    RESET_URL_NOT_ALLOWED: {
      heading: 'Cette page ne peut pas réinitialiser de mot de passe',
      body: 'Le service de réinitialisation n’accepte pas les demandes de cette page. Contactez le site qui vous a envoyé le lien.',
    },
    TOO_MANY_REQUESTS: { heading: 'Trop de tentatives', body: 'Patientez quelques minutes, puis réessayez.' },
    SERVICE_UNAVAILABLE: {
      heading: 'Le service est momentanément indisponible',
      body: 'Réessayez dans quelques minutes. Votre lien reste valable jusqu’à son expiration.',
    },
    NETWORK_ERROR: {
      heading: 'Pas de connexion',
      body: 'Impossible de joindre le serveur. Vérifiez votre connexion internet et réessayez.',
    },
    INTERNAL_ERROR: { heading: 'Une erreur est survenue', body: 'Une erreur s’est produite de notre côté. Réessayez plus tard.' },
  },
  tryAgain: 'Réessayer',
};
