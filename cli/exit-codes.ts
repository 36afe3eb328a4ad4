// What `dsp` exits with, for scripts and CI pipelines (documented in `dsp --help`), and the errors that carry a code.
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  notFound: 3,
  conflict: 4,
  waitingForReview: 5,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export const EXIT_CODE_HELP = `Exit codes:
  0  ok (apply: applied, or nothing to change)
  1  failure (the portal refused or failed; an operation failed or was cancelled)
  2  usage: a bad flag, argument or file (the field is named)
  3  not found
  4  conflict (the portal's state does not allow it now; an edit raced another)
  5  waiting for review (a request or change awaits a reviewer)`;

/** An error to print as it is and exit with `code`: usage mistakes, bad files, things that are not there. */
export class CliError extends Error {
  constructor(
    readonly code: ExitCode,
    message: string,
    /** Further lines: each invalid field with where it is. */
    readonly details: readonly string[] = [],
  ) {
    super(message);
    this.name = "CliError";
  }
}

export const usageError = (message: string, details: readonly string[] = []) => new CliError(EXIT.usage, message, details);

/** The exit code of an HTTP problem's status. */
export function exitCodeOfStatus(status: number): ExitCode {
  if (status === 404) return EXIT.notFound;
  if (status === 409 || status === 412 || status === 428) return EXIT.conflict;
  if (status === 400 || status === 422) return EXIT.usage;
  return EXIT.failure;
}
