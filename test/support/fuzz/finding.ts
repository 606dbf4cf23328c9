/** A property the fuzzer checks failed (as opposed to an exception thrown by the code itself). */
export class FuzzFinding extends Error {
  constructor(
    readonly property: string,
    message: string,
  ) {
    super(`${property}: ${message}`);
    this.name = 'FuzzFinding';
  }
}
