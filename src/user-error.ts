// The base of every error a user can cause (a bad flag, a missing file, a
// profile that is not one, a server that does not answer): a one-line
// message and the exit status the CLI ends with. Every layer may import it.

/** UserError is a failure caused by input; the CLI prints its message as one line and exits with exitStatus. */
export class UserError extends Error {
  /** The process exit status for this failure. */
  readonly exitStatus: number;
  constructor(message: string, exitStatus = 1) {
    super(message);
    this.name = new.target.name;
    this.exitStatus = exitStatus;
  }
}

/** UsageError is a bad command line: an unknown flag, a bad flag value, a missing argument (exit status 2). */
export class UsageError extends UserError {
  constructor(message: string) {
    super(message, 2);
  }
}

/** HelpRequested signals -h/--help: the CLI prints the usage and exits 0. */
export class HelpRequested extends UserError {
  constructor() {
    super('help requested', 0);
  }
}

/** isUserError tells whether a thrown value is a UserError. */
export function isUserError(e: unknown): e is UserError {
  return e instanceof UserError;
}
