/** The SDK version, sent with every record and checked by `define()` on a second registration. */
export const VERSION = '0.1.0';
