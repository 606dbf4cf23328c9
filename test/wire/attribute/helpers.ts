/**
 * Test helpers: decode a value given as hex, encode a value to the whole attribute's hex, and
 * print JSON and text, all through the registry as the UPDATE codec uses it.
 */

import {
  attributeCodec,
  attributeJson,
  decodeAttributeValue,
  encodeAttribute,
} from '../../../src/wire/attribute/registry.js';
import { attributeText } from '../../../src/wire/attribute/text.js';
import type { Attribute } from '../../../src/wire/attribute/types.js';
import { Reader } from '../../../src/wire/buf/reader.js';
import { Writer } from '../../../src/wire/buf/writer.js';
import { type CodecContext, makeContext } from '../../../src/wire/context.js';
import { NotifyError } from '../../../src/wire/error.js';
import { type JsonDialect, type JsonObject, stringifyJson } from '../../../src/wire/json.js';

export const ASN4 = makeContext({ asn4: true });
export const ASN2 = makeContext({ asn4: false });

export function decodeHex(code: number, hex: string, ctx: CodecContext = ASN4, flags?: number): Attribute {
  const value = Buffer.from(hex.replace(/\s/g, ''), 'hex');
  return decodeAttributeValue(code, flags ?? attributeCodec(code)?.flags ?? 0xc0, Reader.of(value), ctx);
}

/** The whole attribute (flags, code, length, value) as hex. */
export function encodeHex(a: Attribute, ctx: CodecContext = ASN4): string {
  const w = new Writer();
  encodeAttribute(w, a, ctx);
  return w.toBuffer().toString('hex');
}

export function jsonOf(a: Attribute, dialect: JsonDialect = '5.0'): JsonObject {
  const out: JsonObject = {};
  attributeJson(a, out, { dialect });
  return JSON.parse(stringifyJson(out)) as JsonObject;
}

export function textOf(a: Attribute): string {
  return attributeText(a);
}

/** A predicate for assert.throws: a NotifyError with this code and subcode. */
export function notify(code: number, subcode: number): (e: unknown) => boolean {
  return (e: unknown) => e instanceof NotifyError && e.code === code && e.subcode === subcode;
}
