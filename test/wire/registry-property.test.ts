/**
 * Registry-driven properties (ARCHITECTURE.md §4.4): for every attribute code, NLRI family and
 * capability the registries hold, random bytes decode to a value or a NotifyError — never any
 * other exception — and every decoded value's JSON is valid, and re-encodes without throwing
 * anything but EncodeError. A new registry entry is covered without touching this file.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  attributeJson,
  decodeAttributeValue,
  encodeAttribute,
  knownAttributeCodes,
} from '../../src/wire/attribute/registry.js';
import { Reader, SHORT_NLRI } from '../../src/wire/buf/reader.js';
import { Writer } from '../../src/wire/buf/writer.js';
import {
  capabilitiesJson,
  decodeCapabilityValue,
  encodeCapability,
  knownCapabilityCodes,
} from '../../src/wire/capability/registry.js';
import { makeContext } from '../../src/wire/context.js';
import { EncodeError, NotifyError } from '../../src/wire/error.js';
import { DEFAULT_JSON_OPTIONS, type JsonObject, stringifyJson } from '../../src/wire/json.js';
import { familyOf } from '../../src/wire/nlri/family.js';
import { knownFamilies, nlriCodec } from '../../src/wire/nlri/registry.js';

const RUNS = 300;

/** Run `fn`; only NotifyError (decode) or EncodeError (encode) may escape it. */
function onlyCodecErrors(fn: () => void, allowed: (e: unknown) => boolean): void {
  try {
    fn();
  } catch (e) {
    if (!allowed(e)) throw e;
  }
}

const isNotify = (e: unknown) => e instanceof NotifyError;
const isEncode = (e: unknown) => e instanceof EncodeError;

describe('registry-driven properties: random bytes give a value or a NotifyError', () => {
  for (const asn4 of [true, false]) {
    it(`every path attribute code (asn4 ${asn4})`, () => {
      const ctx = makeContext({ asn4 });
      for (const code of knownAttributeCodes()) {
        fc.assert(
          fc.property(
            fc.uint8Array({ maxLength: 64 }),
            fc.constantFrom(0x40, 0x80, 0xc0, 0xe0),
            (bytes, flags) => {
              onlyCodecErrors(() => {
                const v = decodeAttributeValue(code, flags, Reader.of(Buffer.from(bytes)), ctx);
                const out: JsonObject = {};
                attributeJson(v, out, DEFAULT_JSON_OPTIONS);
                JSON.parse(stringifyJson(out));
                onlyCodecErrors(() => encodeAttribute(new Writer(), v, ctx), isEncode);
              }, isNotify);
            },
          ),
          { numRuns: RUNS },
        );
      }
    });
  }

  it('every NLRI family, with and without a path identifier', () => {
    for (const family of knownFamilies()) {
      const codec = nlriCodec(family)!;
      const fam = familyOf(family);
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 64 }), fc.boolean(), (bytes, addPath) => {
          onlyCodecErrors(() => {
            const r = new Reader(Buffer.from(bytes), 0, bytes.length, SHORT_NLRI);
            for (let i = 0; i < 16 && !r.done; i++) {
              const pathId = addPath ? r.u32() : undefined;
              const n = codec.decode(r, fam, pathId);
              JSON.parse(stringifyJson(codec.json(n, DEFAULT_JSON_OPTIONS)));
              assert.equal(typeof codec.text(n), 'string');
              assert.equal(typeof codec.key(n), 'string');
              onlyCodecErrors(() => codec.encode(new Writer(), n), isEncode);
            }
          }, isNotify);
        }),
        { numRuns: RUNS },
      );
    }
  });

  it('every capability code', () => {
    for (const code of knownCapabilityCodes()) {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 48 }), (bytes) => {
          onlyCodecErrors(() => {
            const c = decodeCapabilityValue(code, Reader.of(Buffer.from(bytes)));
            JSON.parse(stringifyJson(capabilitiesJson([c])));
            onlyCodecErrors(() => encodeCapability(new Writer(), c), isEncode);
          }, isNotify);
        }),
        { numRuns: RUNS },
      );
    }
  });
});
