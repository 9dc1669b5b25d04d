/** A problem the user can fix (bad usage, unreadable input): reported as one line, exit code 2. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

/** The system's short reason for a failed file operation, without stack or syscall noise. */
export function fileProblem(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'ENOENT') return 'no such file or directory';
  if (err.code === 'EACCES') return 'permission denied';
  if (err.code === 'EISDIR') return 'is a directory';
  return String(err.message ?? e).split('\n')[0];
}
