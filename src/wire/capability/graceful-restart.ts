/**
 * Graceful Restart capability, code 64 (RFC 4724 §3): restart flags, restart time, and for each
 * family whether forwarding state was preserved.
 *
 *   +--------------------------------------------------+
 *   | Restart Flags (4 bits)                           |
 *   +--------------------------------------------------+
 *   | Restart Time in seconds (12 bits)                |
 *   +--------------------------------------------------+
 *   | Address Family Identifier (16 bits)              |
 *   +--------------------------------------------------+
 *   | Subsequent Address Family Identifier (8 bits)    |
 *   +--------------------------------------------------+
 *   | Flags for Address Family (8 bits)                |
 *   +--------------------------------------------------+
 *   | ...                                              |
 */
import type { Reader } from '../buf/reader.js';
import type { Writer } from '../buf/writer.js';
import { EncodeError } from '../error.js';
import type { JsonObject, JsonValue } from '../json.js';
import { BAD_CAPABILITY, type CapabilityCodec, familySlash, lastOf } from './codec.js';

/** RFC 4724 §3 Restart Flags: R (restarting); RFC 8538 §2: N (notification support). */
export const GR_RESTART_FLAG = { RESTART: 0x8, NOTIFICATION: 0x4 } as const;
/** RFC 4724 §3 per-family flags: F (forwarding state preserved). */
export const GR_FAMILY_FLAG = { FORWARDING: 0x80 } as const;
export const MAX_RESTART_TIME_SECONDS = 0x0fff;

export interface GracefulRestartFamily {
  readonly afi: number;
  readonly safi: number;
  /** The flags byte as received (F is 0x80). */
  readonly flags: number;
}

export interface GracefulRestartCapability {
  readonly kind: 'graceful-restart';
  /** The 4 high bits of the first two octets (R is 0x8, N is 0x4). */
  readonly restartFlags: number;
  readonly restartTimeSeconds: number;
  readonly families: readonly GracefulRestartFamily[];
}

const HEADER_BYTES = 2;
const ENTRY_BYTES = 4;

export const gracefulRestart: CapabilityCodec<GracefulRestartCapability> = {
  code: 64,
  kind: 'graceful-restart',
  name: 'graceful-restart',
  decode(r: Reader): GracefulRestartCapability {
    if (r.remaining < HEADER_BYTES || (r.remaining - HEADER_BYTES) % ENTRY_BYTES !== 0) {
      r.fail(`graceful-restart capability of ${r.remaining} bytes`, BAD_CAPABILITY);
    }
    const head = r.u16();
    const families: GracefulRestartFamily[] = [];
    // Bounded: the value is at most 255 bytes, so at most 63 entries.
    while (!r.done) families.push({ afi: r.u16(), safi: r.u8(), flags: r.u8() });
    return {
      kind: 'graceful-restart',
      restartFlags: head >>> 12,
      restartTimeSeconds: head & MAX_RESTART_TIME_SECONDS,
      families,
    };
  },
  encode(w: Writer, v: GracefulRestartCapability): void {
    if (v.restartFlags < 0 || v.restartFlags > 0xf || !Number.isInteger(v.restartFlags)) {
      throw new EncodeError('range', `graceful-restart flags ${v.restartFlags} do not fit in 4 bits`);
    }
    if (v.restartTimeSeconds > MAX_RESTART_TIME_SECONDS || v.restartTimeSeconds < 0) {
      throw new EncodeError('range', `graceful-restart time ${v.restartTimeSeconds} does not fit in 12 bits`);
    }
    w.u16((v.restartFlags << 12) | v.restartTimeSeconds);
    for (const f of v.families) w.u16(f.afi).u8(f.safi).u8(f.flags);
  },
  json(values: readonly GracefulRestartCapability[]): JsonObject {
    // INTEROP: ExaBGP 5.0 labels the per-family F bit "restart" and the R restart flag
    // "forwarding"; the labels are kept as ExaBGP writes them so consumers keep working.
    const last = lastOf(values);
    const families: JsonObject = {};
    for (const v of values) {
      for (const f of v.families) {
        families[familySlash(f.afi, f.safi)] = f.flags & GR_FAMILY_FLAG.FORWARDING ? ['restart'] : [];
      }
    }
    const restartFlags: JsonValue[] = last.restartFlags & GR_RESTART_FLAG.RESTART ? ['forwarding'] : [];
    return {
      name: 'graceful restart',
      time: last.restartTimeSeconds,
      'address-family-flags': families,
      'restart-flags': restartFlags,
    };
  },
};
