// ReportError: a report could not be produced from the data and options
// (e.g. a regexp that matches nothing). Carries any output already made.

import { UserError } from '../user-error.js';

/** ReportError is a user-caused failure while generating a report. */
export class ReportError extends UserError {
  /** Output written before the failure (pprof prints it too). */
  readonly partial: string;
  constructor(message: string, partial = '') {
    super(message);
    this.partial = partial;
  }
}
