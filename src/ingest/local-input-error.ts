/**
 * A local file or stream that cannot be read as an article (./local-input.ts); the message is meant
 * for the user as it is. In its own file so the CLI's entry point can recognise it without loading
 * the readers.
 */
export class LocalInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LocalInputError";
  }
}
