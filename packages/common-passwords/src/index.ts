export * from './common-password-list.js';
export * from './top-common-passwords.js';
