import type { MailText } from './mail-text.js';

// Informal "tú", as most Spanish consumer services write. Letter greetings end in a colon.
export const MAIL_TEXT_ES: MailText = {
  greetingWithName: 'Hola, {recipientName}:',
  greetingWithoutName: 'Hola:',
  signature: 'El equipo de {applicationName}',
  passwordReset: {
    subject: 'Restablece tu contraseña de {applicationName}',
    preheader: 'Elige una nueva contraseña para tu cuenta de {applicationName}.',
    intro: 'Alguien (quizá tú) ha solicitado restablecer la contraseña de tu cuenta de {applicationName}.',
    buttonLabel: 'Elegir una nueva contraseña',
    linkIntroText: 'Para elegir una nueva contraseña, abre este enlace:',
    linkFallbackHtml: 'Si el botón no funciona, copia este enlace y pégalo en tu navegador:',
    expiry: 'El enlace solo se puede usar una vez y caduca el {expiresAt}.',
    notRequested: 'Si no lo has solicitado tú, puedes ignorar este correo: no cambiará nada.',
  },
  passwordChanged: {
    subject: 'Se ha cambiado tu contraseña de {applicationName}',
    preheader: 'Si no has sido tú, protege tu cuenta de inmediato.',
    notice: 'La contraseña de tu cuenta de {applicationName} se cambió el {changedAt}.',
    ifItWasYou: 'Si has sido tú, no tienes que hacer nada más.',
    ifItWasNotYou:
      'Si no has sido tú, protege tu cuenta de inmediato: así se anulan todos los restablecimientos de contraseña de tu cuenta de {applicationName}, se detienen los nuevos durante un tiempo y se pide a {applicationName} que bloquee la cuenta. Después, ponte en contacto con el servicio de asistencia de {applicationName}.',
    secureButtonLabel: 'No he sido yo: proteger mi cuenta',
    secureLinkIntroText: 'Para proteger tu cuenta, abre este enlace:',
    secureLinkFallbackHtml: 'Si el botón no funciona, copia este enlace y pégalo en tu navegador:',
    secureExpiry: 'Este enlace funciona durante 7 días.',
  },
  temporaryPassword: {
    subject: 'Tu contraseña temporal de {applicationName}',
    preheader: 'Inicia sesión con esta contraseña temporal y elige una nueva.',
    intro: 'Alguien (quizá tú) ha solicitado restablecer la contraseña de tu cuenta de {applicationName}. Esta es tu contraseña temporal:',
    instruction: 'Inicia sesión con ella y elige una nueva contraseña enseguida. La contraseña temporal caduca el {expiresAt}.',
    notRequested: 'Si no lo has solicitado tú, ponte en contacto con el servicio de asistencia de {applicationName}.',
  },
  resetCode: {
    subject: 'Tu código para restablecer la contraseña de {applicationName}',
    preheader: 'Introduce este código donde pediste restablecer tu contraseña.',
    intro: 'Tú (u otra persona) pediste restablecer la contraseña de tu cuenta de {applicationName}. Este es tu código:',
    instruction: 'Introdúcelo donde lo pediste, junto con tu nueva contraseña. El código funciona una sola vez y caduca el {expiresAt}.',
    notRequested:
      'Si no lo pediste, puedes ignorar este correo: no cambiará nada. No des nunca este código a nadie, tampoco al soporte de {applicationName}.',
  },
};
