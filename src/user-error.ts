// The base of every error a user can cause (a bad flag, a missing file, a
// profile that is not one, a server that does not answer): a one-line
// message and the exit status the CLI ends with. Every layer may import it.

/**
 * EXIT is gotune's table of exit statuses (`gotune pprof`, like
 * `go tool pprof`, exits 2 on every failure).
 */
export const EXIT = {
  /** The command did its work, and what it checked holds. */
  ok: 0,
  /** The work ran and failed its check: a failed load, a regression, an incomplete run. */
  failed: 1,
  /** Bad usage or input: a wrong flag, a missing or broken file, a server that cannot be reached. */
  badInput: 2,
  /** gotune itself failed (a bug; GOTUNE_DEBUG=1 shows the stack). */
  bug: 3,
  /** Interrupted (Ctrl-C, SIGTERM), what was done kept. */
  interrupted: 130,
} as const;

/** UserError is a failure caused by input; the CLI prints its message as one line and exits with exitStatus. */
export class UserError extends Error {
  /** The process exit status for this failure. */
  readonly exitStatus: number;
  constructor(message: string, exitStatus: number = EXIT.badInput) {
    super(message);
    this.name = new.target.name;
    this.exitStatus = exitStatus;
  }
}

/**
 * UsageError is a bad command line: an unknown flag, a bad flag value, a
 * missing argument (exit status 2). showUsage asks the CLI to print the
 * command's usage after the line, as Go's flag package does on a bad flag.
 */
export class UsageError extends UserError {
  constructor(message: string, readonly showUsage = false) {
    super(message, EXIT.badInput);
  }
}

/** HelpRequested signals -h/--help: the CLI prints the usage and exits 0. */
export class HelpRequested extends UserError {
  constructor() {
    super('help requested', EXIT.ok);
  }
}

/** isUserError tells whether a thrown value is a UserError. */
export function isUserError(e: unknown): e is UserError {
  return e instanceof UserError;
}
