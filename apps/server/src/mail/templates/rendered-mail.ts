/** A mail ready for the transport: both bodies say the same thing. */
export interface RenderedMail {
  /** One line: line breaks in names are collapsed, so the subject cannot forge headers. */
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

export interface RenderMailOptions {
  /**
   * The current time. When given, expiry times also say how far away they are
   * ("… UTC (in 24 hours)"). Default: absolute UTC time only.
   */
  readonly now?: Date;
}
