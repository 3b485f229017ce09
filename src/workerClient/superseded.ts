// The rejection every worker client uses for a reply that a newer request made stale.

export class SupersededError extends Error {
  constructor(message = 'superseded by a newer request') {
    super(message);
    this.name = 'SupersededError';
  }
}

export function isSuperseded(error: unknown): error is SupersededError {
  return error instanceof SupersededError;
}
