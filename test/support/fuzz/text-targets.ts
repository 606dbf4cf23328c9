/**
 * Fuzz targets over text: the configuration (parse, validate, lower — what a reload does) and
 * the API command parser. Neither may throw; parseCommand turns any exception into `{ error }`,
 * so the command target also rejects errors whose text betrays a JavaScript fault (a bug
 * caught by that net rather than a message written for the user) unless the input itself
 * holds those words.
 */
import { parseCommand } from '../../../src/command/parse/index.js';
import { loadConfigText } from '../../../src/daemon/load.js';
import { FuzzFinding } from './finding.js';

/** Messages of TypeError, RangeError and friends: never a good answer to a command. */
const JS_FAULT =
  /Cannot read propert|Cannot set propert|is not a function|is not iterable|is not defined|Maximum call stack|Invalid array length|Invalid string length|undefined|\[object Object\]|NaN/;

export function runConfig(input: Buffer): void {
  const text = input.toString('utf8');
  const loaded = loadConfigText(text, 'fuzz.conf');
  for (const m of loaded.messages) {
    if (JS_FAULT.test(m) && !JS_FAULT.test(text))
      throw new FuzzFinding('config', `diagnostic looks like a JavaScript fault: ${m.slice(0, 300)}`);
  }
}

export function runCommand(input: Buffer): void {
  for (const line of input.toString('utf8').split('\n')) {
    const r = parseCommand(line);
    if ('error' in r && r.error !== undefined && JS_FAULT.test(r.error) && !JS_FAULT.test(line))
      throw new FuzzFinding('command', `error looks like a JavaScript fault: ${r.error.slice(0, 300)}`);
  }
}
