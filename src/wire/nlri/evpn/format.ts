/**
 * EVPN NLRI as ExaBGP 5.0 shows them: the JSON object of an `announce`/`withdraw` list, the
 * text of its `__str__`, and the route key used by RIBs.
 */
import { Writer } from '../../buf/writer.js';
import { assertNever } from '../../error.js';
import { hexUpper, type JsonObject } from '../../json.js';
import { type LabelStack, labelsJson } from '../qualifier/labels.js';
import { encodeEvpnRoute, evpnCode } from './routes.js';
import type { EvpnNlri, EvpnRoute } from './types.js';

/** ExaBGP's "name" of each route type. */
const NAMES: Readonly<Record<EvpnNlri['route'], string>> = {
  'ethernet-ad': 'Ethernet Auto-Discovery',
  'mac-ip': 'MAC/IP advertisement',
  multicast: 'Inclusive Multicast Ethernet Tag',
  segment: 'Ethernet Segment',
  prefix: 'IP Prefix Advertisement',
  unknown: 'Unknown',
};

/** ExaBGP's short name, the second word of the text form. */
const SHORT_NAMES: Readonly<Record<EvpnNlri['route'], string>> = {
  'ethernet-ad': 'ethernetad',
  'mac-ip': 'macadv',
  multicast: 'multicast',
  segment: 'segment',
  prefix: 'prfxadv',
  unknown: 'unknown',
};

/** The whole route on the wire: type, length and body. */
export function evpnRouteBytes(n: EvpnRoute): Buffer {
  const w = new Writer(64);
  encodeEvpnRoute(w, n);
  return w.toBuffer();
}

// INTEROP: ExaBGP 5.0 reads one label from each route (Label1 of a MAC/IP route, the first
// entry of an Ethernet A-D stack) and shows only that one; bgpknife keeps the rest for
// re-encoding but shows the same.
function firstLabel(labels: LabelStack): LabelStack {
  return labels.slice(0, 1);
}

function labelText(labels: LabelStack): string {
  const raw = labels[0];
  if (raw === undefined) return '';
  return raw === 0 ? ` label ${raw >>> 4}` : ` label ${raw >>> 4} (${raw})`;
}

function head(n: EvpnRoute): JsonObject {
  return { code: evpnCode(n), parsed: true, raw: hexUpper(evpnRouteBytes(n)), name: NAMES[n.route] };
}

/** ExaBGP's JSON object of one EVPN route. */
export function evpnJson(n: EvpnRoute): JsonObject {
  switch (n.route) {
    case 'ethernet-ad': {
      const o: JsonObject = { ...head(n), rd: n.rd.text, esi: n.esi, 'ethernet-tag': n.etag };
      if (n.labels.length > 0) o.label = labelsJson(firstLabel(n.labels));
      return o;
    }
    case 'mac-ip': {
      const o: JsonObject = { ...head(n), rd: n.rd.text, esi: n.esi, 'ethernet-tag': n.etag, mac: n.mac };
      o.label = labelsJson(firstLabel(n.labels));
      if (n.ip !== undefined) o.ip = n.ip;
      return o;
    }
    case 'multicast':
      return { ...head(n), rd: n.rd.text, 'ethernet-tag': n.etag, ip: n.ip };
    case 'segment':
      return { ...head(n), rd: n.rd.text, esi: n.esi, ip: n.ip };
    case 'prefix':
      return {
        ...head(n),
        rd: n.rd.text,
        esi: n.esi,
        'ethernet-tag': n.etag,
        label: labelsJson(n.labels),
        ip: n.ip,
        iplen: n.prefixLength,
        gateway: n.gateway,
      };
    case 'unknown':
      return { code: n.code, parsed: false, raw: hexUpper(evpnRouteBytes(n)) };
    default:
      return assertNever(n, 'EVPN route');
  }
}

/**
 * ExaBGP's text of one EVPN route, e.g.
 * "evpn:macadv::65000:1:-:0:00:11:22:33:44:55/48:10.0.0.1: label 100 (1601)".
 * The doubled colon after the short name is ExaBGP's.
 */
export function evpnText(n: EvpnRoute): string {
  const p = `evpn:${SHORT_NAMES[n.route]}:`;
  switch (n.route) {
    case 'ethernet-ad':
      return `${p}:${n.rd.text}:${n.esi}:${n.etag}:${labelText(n.labels)}`;
    case 'mac-ip':
      return `${p}:${n.rd.text}:${n.esi}:${n.etag}:${n.mac}/${n.macLength}:${n.ip ?? ''}:${labelText(n.labels)}`;
    case 'multicast':
      return `${p}:${n.rd.text}:${n.etag}:${n.ip}`;
    case 'segment':
      return `${p}:${n.rd.text}:${n.esi}:${n.ip}`;
    case 'prefix':
      return `${p}:${n.rd.text}:${n.esi}:${n.etag}:${n.ip}/${n.prefixLength}:${n.gateway}:${labelText(n.labels)}`;
    case 'unknown':
      return `${p}0x${n.raw.toString('hex')}`;
    default:
      return assertNever(n, 'EVPN route');
  }
}

/**
 * The route key: the fields RFC 7432 §7 and RFC 9136 §3.1 make "part of the prefix" (labels,
 * and the ESI of MAC/IP and IP Prefix routes, are attributes of the route, not its identity).
 */
export function evpnKey(n: EvpnRoute): string {
  switch (n.route) {
    case 'ethernet-ad':
      return `1:${n.rd.text}:${n.esi}:${n.etag}`;
    case 'mac-ip':
      return `2:${n.rd.text}:${n.etag}:${n.macLength}:${n.mac}:${n.ip ?? ''}`;
    case 'multicast':
      return `3:${n.rd.text}:${n.etag}:${n.ip}`;
    case 'segment':
      return `4:${n.rd.text}:${n.esi}:${n.ip}`;
    case 'prefix':
      return `5:${n.rd.text}:${n.etag}:${n.ip}/${n.prefixLength}`;
    case 'unknown':
      return `${n.code}:${n.raw.toString('hex')}`;
    default:
      return assertNever(n, 'EVPN route');
  }
}
