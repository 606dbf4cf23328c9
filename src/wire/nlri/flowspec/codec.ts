/**
 * FlowSpec NLRI codec: ipv4/ipv6 flow (SAFI 133) and flow-vpn (SAFI 134), RFC 8955 §4 and §8,
 * RFC 8956 §3.
 *
 *   +-------------------------------+
 *   |   length (0xnn or 0xfn nn)    |   < 240: 1 byte; else 2 bytes, top nibble 0xf
 *   +-------------------------------+
 *   |   [route distinguisher (8)]   |   flow-vpn only, counted in the length
 *   +-------------------------------+
 *   |   components (variable)       |   increasing type order
 *   +-------------------------------+
 *
 * Errors are "Invalid Network Field" (3/10). RFC 7606 §5.4 leaves the whole NLRI field
 * unusable when one NLRI cannot be parsed; the caller decides between treat-as-withdraw,
 * AFI/SAFI disable and session reset. Errors inside a well-delimited NLRI carry an errorCode
 * starting with 'flow-' and leave the reader after the NLRI's length, so a lenient caller can
 * skip just that NLRI as ExaBGP does.
 */
import type { Reader } from '../../buf/reader.js';
import { SHORT_NLRI } from '../../buf/reader.js';
import { Writer } from '../../buf/writer.js';
import { EncodeError, NotifyError } from '../../error.js';
import { SAFI } from '../../iana/safi.js';
import type { NlriCodec } from '../codec.js';
import { type Family, familyKey, familyOf } from '../family.js';
import { addressBytes, formatIPv4, formatIPv6, prefixBytes } from '../prefix.js';
import { decodeRd, encodeRd } from '../qualifier/rd.js';
import {
  componentName,
  FLOW_LENGTH_EXTENDED,
  type FlowComponent,
  type FlowNlri,
  type FlowOperatorType,
  type FlowPrefix,
  type FlowPrefixType,
  isPrefixComponent,
  MAX_FLOW_COMPONENTS,
  MAX_FLOW_NLRI_BYTES,
} from './components.js';
import { flowJson, flowText } from './json.js';
import { decodeOperators, encodeOperators } from './operators.js';

export const FLOW_FAMILIES = [
  familyKey(1, SAFI.FLOW),
  familyKey(2, SAFI.FLOW),
  familyKey(1, SAFI.FLOW_VPN),
  familyKey(2, SAFI.FLOW_VPN),
] as const;

function malformed(errorCode: string, message: string, at: number): NotifyError {
  return new NotifyError(3, 10, errorCode, message, undefined, at);
}

/** RFC 8955 §4.1 length: one byte, or two when the first byte's top nibble is 0xf. */
function decodeLength(r: Reader): { length: number; long: boolean } {
  const at = r.pos;
  const long = r.remaining > 0 && (r.buf[r.pos]! & 0xf0) === 0xf0;
  if (r.remaining < (long ? 2 : 1)) throw malformed('nlri-truncated', 'no room for the flow NLRI length', at);
  const length = long ? r.u16() & 0x0fff : r.u8();
  if (r.remaining < length) {
    throw malformed('nlri-truncated', `flow NLRI of ${length} bytes, ${r.remaining} left`, at);
  }
  return { length, long };
}

/**
 * IPv4: <length, prefix>. IPv6 (RFC 8956 §3.1): <length, offset, pattern>.
 * INTEROP: ExaBGP sends and reads ceil(length / 8) pattern bytes whatever the offset, where
 * RFC 8956 has ceil((length - offset) / 8); with offset 0 (the common case) they agree, and
 * bgpknife follows ExaBGP so that each reads what the other sends.
 */
function decodePrefixComponent(r: Reader, afi: number, type: FlowPrefixType): FlowPrefix {
  const at = r.pos;
  const max = afi === 2 ? 128 : 32;
  const length = r.u8();
  if (length > max) throw malformed('flow-prefix-length', `prefix length ${length} > ${max}`, at);
  const offset = afi === 2 ? r.u8() : undefined;
  // RFC 8956 §3.1: "If length = 0 and offset = 0, this component matches every address;
  // otherwise, length MUST be in the range offset < length < 129 or the component is malformed."
  if (offset !== undefined && offset >= length && !(offset === 0 && length === 0)) {
    throw malformed('flow-prefix-offset', `prefix offset ${offset} not below length ${length}`, at);
  }
  const n = prefixBytes(length);
  if (r.remaining < n) throw malformed('flow-truncated', `prefix needs ${n} byte(s)`, at);
  const ip = afi === 2 ? formatIPv6(r.buf, r.pos, n) : formatIPv4(r.buf, r.pos, n);
  r.pos += n;
  return offset === undefined ? { type, ip, length } : { type, ip, length, offset };
}

/**
 * RFC 8955 §4.2: "Flow Specification components must follow strict type ordering by
 * increasing numerical order. A given component type may (exactly once) or may not be
 * present in the Flow Specification."
 * INTEROP: ExaBGP accepts a repeated destination or source prefix ("allowed by some vendor")
 * and so does bgpknife; other repeats and any decrease are malformed.
 */
function decodeComponents(r: Reader, afi: number): FlowComponent[] {
  const components: FlowComponent[] = [];
  let last = 0;
  while (!r.done) {
    const at = r.pos;
    if (components.length >= MAX_FLOW_COMPONENTS) {
      throw malformed('flow-too-many-components', `more than ${MAX_FLOW_COMPONENTS} components`, at);
    }
    const type = r.u8();
    if (componentName(afi, type) === undefined) {
      throw malformed('flow-component-unknown', `unknown component type ${type} for afi ${afi}`, at);
    }
    if (type < last || (type === last && type > 2)) {
      throw malformed('flow-component-order', `component type ${type} after type ${last}`, at);
    }
    last = type;
    components.push(
      type <= 2
        ? decodePrefixComponent(r, afi, type as FlowPrefixType)
        : { type: type as FlowOperatorType, ops: decodeOperators(r) },
    );
  }
  return components;
}

export function decodeFlow(r: Reader, family: Family, pathId: number | undefined): FlowNlri {
  const { length, long } = decodeLength(r);
  const body = r.sub(length, SHORT_NLRI, 'flow NLRI');
  const vpn = family.safi === SAFI.FLOW_VPN;
  const rd = vpn ? decodeRd(body) : undefined;
  const components = decodeComponents(body, family.afi);
  const nlri: FlowNlri = {
    kind: 'flow',
    family: familyKey(family.afi, family.safi),
    ...(pathId === undefined ? {} : { pathId }),
    ...(rd === undefined ? {} : { rd }),
    components,
    ...(long && length < FLOW_LENGTH_EXTENDED ? { longLength: true as const } : {}),
  };
  return nlri;
}

function encodePrefixComponent(w: Writer, afi: number, c: FlowPrefix): void {
  const max = afi === 2 ? 128 : 32;
  if (!Number.isInteger(c.length) || c.length < 0 || c.length > max) {
    throw new EncodeError('flow-prefix-length', `prefix length ${c.length} > ${max}`);
  }
  if ((afi === 2) !== (c.offset !== undefined)) {
    throw new EncodeError('flow-prefix', 'an IPv6 flow prefix has an offset, an IPv4 one has none');
  }
  w.u8(c.type).u8(c.length);
  if (c.offset !== undefined) w.u8(c.offset);
  w.bytes(addressBytes(c.ip, afi).subarray(0, prefixBytes(c.length)));
}

function encodeComponents(w: Writer, afi: number, components: readonly FlowComponent[]): void {
  let last = 0;
  for (const c of components) {
    if (componentName(afi, c.type) === undefined) {
      throw new EncodeError('flow-component', `component type ${c.type} does not exist for afi ${afi}`);
    }
    if (c.type < last || (c.type === last && c.type > 2)) {
      throw new EncodeError('flow-component-order', `component type ${c.type} after type ${last}`);
    }
    last = c.type;
    if (isPrefixComponent(c)) encodePrefixComponent(w, afi, c);
    else {
      w.u8(c.type);
      encodeOperators(w, c.ops);
    }
  }
}

/** The NLRI value (RD and components) without its length. */
export function encodeFlowBody(n: FlowNlri): Buffer {
  const { afi, safi } = familyOf(n.family);
  if ((safi === SAFI.FLOW_VPN) !== (n.rd !== undefined)) {
    throw new EncodeError('flow-rd', 'flow-vpn NLRI need a route distinguisher, flow NLRI none');
  }
  if (n.components.length > MAX_FLOW_COMPONENTS)
    throw new EncodeError('flow-components', 'too many components');
  const w = new Writer();
  if (n.rd) encodeRd(w, n.rd);
  encodeComponents(w, afi, n.components);
  return w.view();
}

export function encodeFlow(w: Writer, n: FlowNlri): void {
  const body = encodeFlowBody(n);
  if (body.length > MAX_FLOW_NLRI_BYTES) {
    throw new EncodeError('flow-too-long', `FlowSpec NLRI of ${body.length} bytes > ${MAX_FLOW_NLRI_BYTES}`);
  }
  if (body.length >= FLOW_LENGTH_EXTENDED || n.longLength) w.u16(0xf000 | body.length);
  else w.u8(body.length);
  w.bytes(body);
}

export const FLOW_CODEC: NlriCodec<FlowNlri> = {
  kind: 'flow',
  families: FLOW_FAMILIES,
  decode: decodeFlow,
  encode: encodeFlow,
  json: (n, _opts, nextHop) => flowJson(n, nextHop),
  text: (n, nextHop) => flowText(n, nextHop),
  key: (n) => encodeFlowBody(n).toString('hex'),
};
