import { DEFAULT_USER_DIRECTORY } from '@pwreset/contract/engine';

/** Directory names become part of Redis keys and CLI arguments: keep them plain. */
export const DIRECTORY_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** The directory a client is bound to unless told otherwise, and that clients stored before directories existed belong to. */
export const DEFAULT_DIRECTORY_NAME = DEFAULT_USER_DIRECTORY;
