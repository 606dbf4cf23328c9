/**
 * LOCAL_PREF (type 5), RFC 4271 §4.3 / §5.1.5: well-known, sent to internal peers only.
 *
 *   +-------------------------------+
 *   | preference (4 octets)         |
 *   +-------------------------------+
 *
 * RFC 7606 §7.5: a length other than 4 -> treat-as-withdraw. (Received from an external peer
 * it is to be discarded: a session-dependent check for the UPDATE validation step.)
 */
import type { Reader } from '../buf/reader.js';
import type { Writer } from '../buf/writer.js';
import { expectLength } from './check.js';
import { ATTR_FLAG, type AttributeCodec } from './codec.js';

export interface LocalPrefAttribute {
  readonly kind: 'local-preference';
  readonly value: number;
}

export const localPrefCodec: AttributeCodec<LocalPrefAttribute> = {
  code: 5,
  kind: 'local-preference',
  name: 'local-preference',
  flags: ATTR_FLAG.TRANSITIVE,
  onError: 'treat-as-withdraw',
  decode(r: Reader): LocalPrefAttribute {
    expectLength(r, 'LOCAL_PREF', 4);
    return { kind: 'local-preference', value: r.u32() };
  },
  encode(w: Writer, v: LocalPrefAttribute): void {
    w.u32(v.value);
  },
  json(v, out): void {
    out['local-preference'] = v.value;
  },
  text(v): string {
    return `local-preference ${v.value}`;
  },
};
