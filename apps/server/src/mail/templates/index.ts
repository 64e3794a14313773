export { renderMail, type RenderedMail, type RenderMailOptions } from './render-mail.js';
export { renderTemporaryPasswordMail, type TemporaryPasswordMail } from './temporary-password-mail.js';
