// FetchError: a source could not be read or fetched.

import { UserError } from '../user-error.js';

/** FetchError is a failure to obtain a profile from a source. */
export class FetchError extends UserError {}
