/**
 * JSON values as the codec produces them for ExaBGP-compatible output, and a serializer that
 * always emits valid JSON: bigints (AIGP, 64-bit counters) print as integer literals, strings
 * are escaped by JSON.stringify, non-finite numbers become null.
 */
export type JsonValue = null | boolean | number | bigint | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/** Which ExaBGP JSON dialect to write. '5.0' is the default; '4' is ExaBGP 4.x's. */
export type JsonDialect = '5.0' | '4';

export interface JsonOptions {
  readonly dialect: JsonDialect;
}

export const DEFAULT_JSON_OPTIONS: JsonOptions = Object.freeze({ dialect: '5.0' });

export function stringifyJson(value: JsonValue): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'bigint' ? BIGINT_MARK + v.toString() : v,
  ).replace(BIGINT_RE, '$1');
}

// A marker that JSON.stringify keeps inside a string, then unwrapped to a bare number. The
// marker contains a character (U+0001) that JSON.stringify always escapes in ordinary strings,
// so a peer-supplied string can never produce it.
const BIGINT_MARK = '\u0001bigint:';
const BIGINT_RE = /"\\u0001bigint:(\d+)"/g;

/** Upper-case hex of bytes with a 0x prefix, as ExaBGP prints raw values. */
export function hex0x(data: Uint8Array): string {
  return `0x${Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('hex').toUpperCase()}`;
}

/** Upper-case hex without prefix. */
export function hexUpper(data: Uint8Array): string {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('hex').toUpperCase();
}
