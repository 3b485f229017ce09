/** the text of a thrown value: an Error's message, anything else as a string */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
