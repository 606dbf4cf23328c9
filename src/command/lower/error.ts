/**
 * The error of the lowering from parsed text to wire values: a message saying what was wrong.
 * It is thrown inside the lowering only; the entry points (config lowering, parseCommand)
 * catch it and report it as a diagnostic or an error reply.
 */
export class LowerError extends Error {
  override readonly name = 'LowerError';
}
