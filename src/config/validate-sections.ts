/**
 * Semantic checks of the sections inside a neighbor: family pairs, nexthop pairs, route
 * prefixes and attribute values, FlowSpec redirect forms.
 */
import { IP_SAFIS } from '../command/grammar/safi-names.js';
import { table } from '../wire/lookup.js';
import type { Diagnostic, DiagnosticSink } from './diagnostic.js';
import { isIP, isIPv4, isPrefix, isRouteDistinguisher } from './ip.js';
import type {
  AnnounceBlock,
  AttributeValue,
  FamilyBlock,
  FlowBlock,
  L2vpnBlock,
  NexthopBlock,
  OperationalBlock,
  Route,
  RouteAttribute,
  StaticBlock,
} from './model.js';
import type { Span } from './span.js';

/** ExaBGP 5.0's AFI/SAFI keyword pairs. */
export const FAMILIES: Readonly<Record<string, readonly string[]>> = table({
  ipv4: IP_SAFIS,
  ipv6: IP_SAFIS,
  l2vpn: ['vpls', 'evpn'],
  'bgp-ls': ['bgp-ls', 'bgp-ls-vpn'],
});

const DIRECTIONS = ['send', 'receive', 'send/receive'];
const NEXTHOP_SAFIS = ['unicast', 'multicast', 'nlri-mpls', 'labeled-unicast', 'mpls-vpn'];

export function checkFamily(sink: DiagnosticSink, block: FamilyBlock): void {
  for (const e of block.entries) {
    const safis = FAMILIES[e.afi];
    if (e.afi === 'all' || e.afi === 'minimal') {
      if (e.safi !== undefined) sink.error(e.span, `'${e.afi}' takes no SAFI`);
    } else if (e.safi !== undefined && safis && !safis.includes(e.safi)) {
      sink.error(e.span, `unknown family '${e.afi} ${e.safi}'`, safis);
    }
    if (e.direction !== undefined && !DIRECTIONS.includes(e.direction))
      sink.error(e.span, `invalid add-path direction '${e.direction}'`, DIRECTIONS);
  }
}

export function checkNexthop(sink: DiagnosticSink, block: NexthopBlock): void {
  for (const e of block.entries) {
    const ok =
      (e.afi === 'ipv4' || e.afi === 'ipv6') &&
      NEXTHOP_SAFIS.includes(e.safi) &&
      (e.nexthopAfi === 'ipv4' || e.nexthopAfi === 'ipv6');
    if (!ok)
      sink.error(e.span, `invalid nexthop entry '${e.afi} ${e.safi} ${e.nexthopAfi}'`, ['ipv4 unicast ipv6']);
  }
}

function checkAttribute(sink: DiagnosticSink, v: AttributeValue, span: Span): void {
  switch (v.kind) {
    case 'next-hop':
      if (v.address !== 'self' && !isIP(v.address)) sink.error(span, `invalid next-hop '${v.address}'`);
      return;
    case 'originator-id':
      if (!isIPv4(v.address)) sink.error(span, `invalid originator-id '${v.address}'`, ['A.B.C.D']);
      return;
    case 'aggregator':
      if (!isIPv4(v.address))
        sink.error(span, `invalid aggregator address '${v.address}'`, ['( ASN:A.B.C.D )']);
      return;
    case 'cluster-list':
      for (const id of v.ids)
        if (!isIPv4(id) && !/^\d{1,10}$/.test(id))
          sink.error(span, `invalid cluster id '${id}'`, ['A.B.C.D']);
      return;
    case 'label':
      for (const l of v.labels) if (l > 0xfffff) sink.error(span, `label ${l} is larger than 20 bits`);
      return;
    case 'rd':
      if (!isRouteDistinguisher(v.value))
        sink.error(span, `invalid route distinguisher '${v.value}'`, ['ASN:NN', 'A.B.C.D:NN']);
      return;
    default:
      return;
  }
}

const PREFIXED = new Set(['route', 'unicast', 'multicast', 'nlri-mpls', 'labeled-unicast', 'mpls-vpn']);

/**
 * validate's checks of one route statement, run by the grammar while parsing: `attributes` are
 * the route's values with their spans, which the Route itself does not keep.
 */
export function checkRoute(sink: DiagnosticSink, r: Route, attributes: readonly RouteAttribute[]): void {
  if (r.prefix !== undefined && PREFIXED.has(r.keyword) && !isPrefix(r.prefix))
    sink.error(r.span, `invalid prefix '${r.prefix}'`, ['A.B.C.D/LEN', 'X:X::X/LEN']);
  for (const a of attributes) checkAttribute(sink, a, a.span);
}

function checkFlow(sink: DiagnosticSink, block: FlowBlock): void {
  for (const route of block.routes) {
    for (const a of route.attributes) checkAttribute(sink, a, a.span);
    if (route.match.length === 0) sink.error(route.span, 'a flow route needs at least one match component');
    for (const t of route.then) {
      // `redirect A.B.C.D:NN` (an IPv4-administered route target) was accepted by ExaBGP 3.x only.
      if (t.name === 'redirect' && /^\d+\.\d+\.\d+\.\d+:\d+$/.test(t.text)) {
        sink.note(
          t.span,
          `'redirect ${t.text}' is a legacy form: ExaBGP 4.2+ writes 'redirect ASN:NN' (route target) or 'redirect-to-nexthop-ietf ${t.text.split(':')[0]}' (next hop)`,
        );
      }
    }
  }
}

export function checkRoutes(
  sink: DiagnosticSink,
  block: StaticBlock | AnnounceBlock | FlowBlock | L2vpnBlock | OperationalBlock,
): void {
  if (block.kind === 'flow') checkFlow(sink, block);
  else if (block.kind !== 'operational') {
    if (block.checks) for (const d of block.checks) replay(sink, d);
    // A section built without the parser has no checks: its attributes are reported at the route.
    else
      for (const r of block.routes)
        checkRoute(
          sink,
          r,
          r.attributes.map((a) => ({ ...a, span: r.span })),
        );
  }
}

/** Passes on a diagnostic collected earlier, as if it were reported now. */
export function replay(sink: DiagnosticSink, d: Diagnostic): void {
  if (d.severity === 'error') sink.error(d.span, d.message, d.expected);
  else sink[d.severity](d.span, d.message);
}
