/** An error a user can act on. `code` is stable (tests and the renderer switch on it). */
export class WeftError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'WeftError';
  }
}
