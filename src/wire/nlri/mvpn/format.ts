/**
 * MCAST-VPN NLRI as ExaBGP 5.0 shows them: the JSON object of an `announce`/`withdraw` list,
 * the text of its `__str__`, and the route key used by RIBs.
 */
import { Writer } from '../../buf/writer.js';
import { assertNever } from '../../error.js';
import { hexUpper, type JsonObject } from '../../json.js';
import { encodeMvpnRoute, mvpnCode } from './routes.js';
import type { MvpnRoute } from './types.js';

const NAMES = {
  'source-ad': 'Source Active A-D Route',
  'shared-join': 'C-Multicast Shared Tree Join route',
  'source-join': 'C-Multicast Source Tree Join route',
} as const;

const SHORT_NAMES = {
  'source-ad': 'sourcead',
  'shared-join': 'shared-join',
  'source-join': 'source-join',
  unknown: 'unknown',
} as const;

/** The whole route on the wire: type, length and body. */
export function mvpnRouteBytes(n: MvpnRoute): Buffer {
  const w = new Writer(64);
  encodeMvpnRoute(w, n);
  return w.toBuffer();
}

/** ExaBGP's JSON object of one MVPN route ("source-as" is a string there, so it is here). */
export function mvpnJson(n: MvpnRoute): JsonObject {
  const raw = hexUpper(mvpnRouteBytes(n));
  switch (n.route) {
    case 'source-ad':
      return {
        code: mvpnCode(n),
        parsed: true,
        raw,
        name: NAMES[n.route],
        rd: n.rd.text,
        source: n.source,
        group: n.group,
      };
    case 'shared-join':
    case 'source-join':
      return {
        code: mvpnCode(n),
        parsed: true,
        raw,
        name: NAMES[n.route],
        rd: n.rd.text,
        'source-as': String(n.sourceAs),
        source: n.source,
        group: n.group,
      };
    case 'unknown':
      return { code: n.code, parsed: false, raw };
    default:
      return assertNever(n, 'MVPN route');
  }
}

/** ExaBGP's text, e.g. "mvpn:shared-join::65000:99999:65000:10.99.199.1:239.251.255.228". */
export function mvpnText(n: MvpnRoute): string {
  const p = `mvpn:${SHORT_NAMES[n.route]}:`;
  switch (n.route) {
    case 'source-ad':
      return `${p}:${n.rd.text}:${n.source}:${n.group}`;
    case 'shared-join':
    case 'source-join':
      return `${p}:${n.rd.text}:${n.sourceAs}:${n.source}:${n.group}`;
    case 'unknown':
      return `${p}0x${n.raw.toString('hex')}`;
    default:
      return assertNever(n, 'MVPN route');
  }
}

export function mvpnKey(n: MvpnRoute): string {
  switch (n.route) {
    case 'source-ad':
      return `5:${n.rd.text}:${n.source}:${n.group}`;
    case 'shared-join':
    case 'source-join':
      return `${mvpnCode(n)}:${n.rd.text}:${n.sourceAs}:${n.source}:${n.group}`;
    case 'unknown':
      return `${n.code}:${n.raw.toString('hex')}`;
    default:
      return assertNever(n, 'MVPN route');
  }
}
