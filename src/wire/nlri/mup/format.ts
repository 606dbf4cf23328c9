/**
 * BGP-MUP NLRI as ExaBGP 5.0 shows them: the JSON object of an `announce`/`withdraw` list, the
 * text of its `__str__`, and the route key used by RIBs.
 */
import { Writer } from '../../buf/writer.js';
import { assertNever } from '../../error.js';
import { hexUpper, type JsonObject } from '../../json.js';
import { familyOf } from '../family.js';
import { addressOf } from '../qualifier/address.js';
import { encodeMupRoute, mupType } from './routes.js';
import type { MupNlri } from './types.js';

/** ExaBGP's "name" of each route type. */
const NAMES: Readonly<Record<Exclude<MupNlri['route'], 'unknown'>, string>> = {
  isd: 'InterworkSegmentDiscoveryRoute',
  dsd: 'DirectSegmentDiscoveryRoute',
  t1st: 'Type1SessionTransformedRoute',
  t2st: 'Type2SessionTransformedRoute',
};

/** The whole route on the wire: architecture, type, length and body. */
export function mupRouteBytes(n: MupNlri): Buffer {
  const w = new Writer(64);
  encodeMupRoute(w, n, familyOf(n.family).afi);
  return w.toBuffer();
}

const bits = (ip: string) => addressOf(ip).length * 8;

/**
 * ExaBGP's JSON object of one MUP route, members in ExaBGP's order. TEID and QFI are strings
 * there, so they are here.
 */
export function mupJson(n: MupNlri): JsonObject {
  const raw = hexUpper(mupRouteBytes(n));
  if (n.route === 'unknown') {
    // INTEROP: ExaBGP 5.0.13 swaps the AFI and the architecture of an unknown MUP route
    // (GenericMUP's arguments); bgpknife shows the architecture and bytes that were received.
    return { arch: n.arch, code: n.code, raw };
  }
  const { arch, code } = mupType(n);
  const head: JsonObject = { name: NAMES[n.route], arch, code };
  switch (n.route) {
    case 'isd':
      return { ...head, prefix_ip_len: n.prefixLength, prefix_ip: n.prefix, rd: n.rd.text, raw };
    case 'dsd':
      return { ...head, ip: n.ip, rd: n.rd.text, raw };
    case 't1st':
      // INTEROP: ExaBGP 5.0.13 omits the comma after "endpoint_ip" (invalid JSON) and prints
      // an absent source as "b''"; bgpknife writes valid JSON and "" for an absent source.
      return {
        ...head,
        prefix_ip_len: n.prefixLength,
        prefix_ip: n.prefix,
        teid: String(n.teid),
        qfi: String(n.qfi),
        rd: n.rd.text,
        endpoint_ip_len: bits(n.endpoint),
        endpoint_ip: n.endpoint,
        source_ip_len: n.source === undefined ? 0 : bits(n.source),
        source_ip: n.source ?? '',
        raw,
      };
    case 't2st':
      return {
        ...head,
        endpoint_len: n.endpointLength,
        endpoint_ip: n.endpoint,
        rd: n.rd.text,
        teid: String(n.teid),
        raw,
      };
    default:
      return assertNever(n, 'MUP route');
  }
}

/**
 * ExaBGP's text of one MUP route, e.g. "mup:isd::100:100:10.0.1.0/24". The doubled colon, the
 * T1ST endpoint shown with the prefix length and the T2ST trailing colon are ExaBGP's.
 */
export function mupText(n: MupNlri): string {
  switch (n.route) {
    case 'isd':
      return `mup:isd::${n.rd.text}:${n.prefix}/${n.prefixLength}`;
    case 'dsd':
      return `mup:dsd::${n.rd.text}:${n.ip}`;
    case 't1st': {
      const text = `mup:t1st::${n.rd.text}:${n.prefix}/${n.prefixLength}:${n.teid}:${n.qfi}:${n.endpoint}/${n.prefixLength}`;
      return n.source === undefined ? text : `${text}:${n.source}/${bits(n.source)}`;
    }
    case 't2st':
      return `mup:t2st::${n.rd.text}:${n.endpointLength}:${n.endpoint}:${n.teid}:`;
    case 'unknown':
      return `mup:unknown:0x${n.raw.toString('hex')}`;
    default:
      return assertNever(n, 'MUP route');
  }
}

/** The route key; a T1ST route is keyed on its prefix alone, as ExaBGP indexes it. */
export function mupKey(n: MupNlri): string {
  switch (n.route) {
    case 'isd':
      return `isd:${n.rd.text}:${n.prefix}/${n.prefixLength}`;
    case 'dsd':
      return `dsd:${n.rd.text}:${n.ip}`;
    case 't1st':
      return `t1st:${n.rd.text}:${n.prefix}/${n.prefixLength}`;
    case 't2st':
      return `t2st:${n.rd.text}:${n.endpointLength}:${n.endpoint}:${n.teid}`;
    case 'unknown':
      return `${n.arch}:${n.code}:${n.raw.toString('hex')}`;
    default:
      return assertNever(n, 'MUP route');
  }
}
