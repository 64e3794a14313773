import type { ResetPageMessages } from './reset-page-messages.js';

const characters = (count: number): string => (count === 1 ? '1 carácter' : `${count} caracteres`);

export const es: ResetPageMessages = {
  documentTitle: 'Restablece tu contraseña',
  loading: 'Comprobando tu enlace…',
  formHeading: 'Elige una contraseña nueva',
  account: 'Para la cuenta {email} en {app}.',
  expires: 'Este enlace funciona hasta el {time}.',
  policyLength: (min, max) =>
    `Usa entre ${min} y ${max} caracteres. Se admiten espacios, símbolos y cualquier idioma; unas cuantas palabras sin relación forman una contraseña robusta.`,
  policyBytes: (max) => `Como máximo ${max} bytes: algunos caracteres, como las letras con tilde y los emoji, cuentan como varios.`,
  policyCommon: 'Se rechazan las contraseñas habituales.',
  policyContext: 'No uses tu dirección de correo ni el nombre {app}.',
  policyCurrent: 'Debe ser distinta de tu contraseña actual.',
  newPasswordLabel: 'Contraseña nueva',
  confirmPasswordLabel: 'Contraseña nueva, otra vez',
  showPasswords: 'Mostrar contraseñas',
  lengthEmpty: (min) => `Al menos ${characters(min)}.`,
  lengthTooShort: (length, min) => `${characters(length)}: faltan ${min - length}.`,
  lengthTooLong: (length, max) => `${characters(length)}: sobran ${length - max}.`,
  lengthTooManyBytes: (bytes, max) => `${bytes} bytes: como máximo ${max} bytes (algunos caracteres cuentan como varios).`,
  lengthOk: (length) => `${characters(length)}: longitud suficiente.`,
  matchEmpty: 'Escribe la misma contraseña otra vez.',
  matchNo: 'Las dos contraseñas no coinciden.',
  matchYes: 'Las dos contraseñas coinciden.',
  submit: 'Cambiar la contraseña',
  submitting: 'Cambiando la contraseña…',
  fixBeforeSubmitting: 'Revisa la contraseña nueva',
  reasons: {
    TOO_SHORT: ({ minLength }) => `Es demasiado corta: usa al menos ${characters(minLength)}.`,
    TOO_LONG: ({ maxLength, maxBytes }) =>
      maxBytes === undefined
        ? `Es demasiado larga: usa como máximo ${characters(maxLength)}.`
        : `Es demasiado larga: usa como máximo ${characters(maxLength)} y ${maxBytes} bytes (algunos caracteres cuentan como varios).`,
    COMMON: () => 'Es demasiado habitual: aparece en listas de contraseñas que los atacantes prueban primero. Elige algo menos previsible.',
    CONTEXTUAL: ({ applicationName }) => `Contiene tu dirección de correo o el nombre ${applicationName}, que son fáciles de adivinar.`,
    REUSED: () => 'Es tu contraseña actual. Elige una nueva.',
    BREACHED: () =>
      'Ha aparecido en una filtración de datos, así que los atacantes ya la tienen. Elige una contraseña que no hayas usado nunca.',
  },
  success: {
    heading: 'Tu contraseña se ha cambiado',
    body: 'Ya puedes iniciar sesión con tu contraseña nueva. Puedes cerrar esta página.',
  },
  failures: {
    CODE_INVALID: {
      heading: 'Ese código no es correcto',
      body: 'Revisa el código del último correo y escríbelo de nuevo.',
    },
    FLOW_LOCKED: {
      heading: 'Este código se ha bloqueado',
      body: 'Se ha introducido mal demasiadas veces. Solicita un nuevo restablecimiento.',
    },
    FLOW_EXPIRED: {
      heading: 'Este código ya no funciona',
      body: 'Un código sirve una vez y poco tiempo. Solicita un nuevo restablecimiento.',
    },
    TOKEN_EXPIRED: {
      heading: 'Este enlace ha caducado',
      body: 'Los enlaces de restablecimiento solo funcionan durante un tiempo limitado. Solicita un nuevo restablecimiento donde lo empezaste.',
    },
    TOKEN_USED: {
      heading: 'Este enlace ya se ha usado',
      body: 'Cada enlace funciona una sola vez. Si no cambiaste tú la contraseña, solicita un nuevo restablecimiento enseguida.',
    },
    TOKEN_SUPERSEDED: {
      heading: 'Se ha enviado un enlace más reciente',
      body: 'Solo funciona el último correo de restablecimiento. Abre el enlace del correo más reciente.',
    },
    TOKEN_LOCKED: {
      heading: 'Este enlace se ha bloqueado',
      body: 'Se han probado demasiadas contraseñas con este enlace y ya no funciona. Solicita un nuevo restablecimiento donde lo empezaste.',
    },
    TOKEN_INVALID: {
      heading: 'Este enlace no es válido',
      body: 'Comprueba que abriste el enlace completo del correo o solicita un nuevo restablecimiento.',
    },
    INVALID_INPUT: {
      heading: 'No se ha podido leer la solicitud',
      body: 'Vuelve a abrir el enlace completo del correo o solicita un nuevo restablecimiento.',
    },
    FORBIDDEN: {
      heading: 'Esta página no puede hacer esto',
      body: 'El servicio de restablecimiento ha rechazado esta página. Contacta con el sitio que te envió el enlace.',
    },
    ACCOUNT_DISABLED: {
      heading: 'La cuenta está desactivada',
      body: 'Esta cuenta no puede restablecer su contraseña. Si crees que es un error, contacta con el sitio que te envió el enlace.',
    },
    ACCOUNT_NOT_FOUND: {
      heading: 'La cuenta ya no existe',
      body: 'Este enlace ya no corresponde a ninguna cuenta. Si crees que es un error, contacta con el sitio que te envió el enlace.',
    },
    PASSWORD_REJECTED: { heading: 'No se puede usar esta contraseña', body: 'Elige otra contraseña y vuelve a intentarlo.' },
    PAYLOAD_TOO_LARGE: {
      heading: 'La contraseña es demasiado larga para enviarla',
      body: 'Elige una contraseña más corta y vuelve a intentarlo.',
    },
    UNAUTHORIZED: {
      heading: 'Hay un problema con esta página',
      body: 'El servicio de restablecimiento ha rechazado esta página. Vuelve a intentarlo más tarde; si sigue ocurriendo, contacta con el sitio que te envió el enlace.',
    },
    RESET_URL_NOT_ALLOWED: {
      heading: 'Esta página no puede restablecer contraseñas',
      body: 'El servicio de restablecimiento no acepta solicitudes de esta página. Contacta con el sitio que te envió el enlace.',
    },
    TOO_MANY_REQUESTS: { heading: 'Demasiados intentos', body: 'Espera unos minutos y vuelve a intentarlo.' },
    SERVICE_UNAVAILABLE: {
      heading: 'El servicio no está disponible en este momento',
      body: 'Vuelve a intentarlo dentro de unos minutos. Tu enlace sigue funcionando hasta que caduque.',
    },
    NETWORK_ERROR: {
      heading: 'Sin conexión',
      body: 'No hemos podido contactar con el servidor. Comprueba tu conexión a internet y vuelve a intentarlo.',
    },
    INTERNAL_ERROR: { heading: 'Algo ha salido mal', body: 'Algo ha fallado por nuestra parte. Vuelve a intentarlo más tarde.' },
  },
  tryAgain: 'Volver a intentarlo',
};
