// FetchError: a source could not be read or fetched.

/** FetchError is a failure to obtain a profile from a source. */
export class FetchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FetchError';
  }
}
