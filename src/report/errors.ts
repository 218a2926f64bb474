// ReportError: a report could not be produced from the data and options
// (e.g. a regexp that matches nothing).

import { UserError } from '../user-error.js';

/** ReportError is a user-caused failure while generating a report. */
export class ReportError extends UserError {}
