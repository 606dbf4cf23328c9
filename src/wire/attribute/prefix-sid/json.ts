/**
 * ExaBGP's JSON and text for the BGP Prefix-SID attribute.
 *
 * JSON: { "sr-label-index": N, "sr-srgbs": [[base, range]], "l3-service": [ { "sid": ...,
 * "flags": 0, "endpoint_behavior": N, "structure": { ... } } ], "attribute-not-implemented-T": "0x.." }.
 * INTEROP: ExaBGP 5.0.13 leaves the SID and behaviour placeholders of the SID information
 * unformatted (its output is not JSON there); we write the values, as ExaBGP 6 does. It also
 * always prints "flags": 0, which is kept. Unknown service sub-TLVs print nothing, as in ExaBGP.
 */
import { hexUpper, type JsonObject, type JsonValue } from '../../json.js';
import type { PrefixSidTlv, SidInformation, Srv6ServiceTlv } from './types.js';

function sidInformationJson(s: SidInformation): JsonObject {
  const out: JsonObject = { sid: s.sid, flags: 0, endpoint_behavior: s.behavior };
  for (const ss of s.subSubTlvs) {
    if (ss.kind !== 'sid-structure') continue;
    out.structure = {
      'locator-block-length': ss.locatorBlockLength,
      'locator-node-length': ss.locatorNodeLength,
      'function-length': ss.functionLength,
      'argument-length': ss.argumentLength,
      'transposition-length': ss.transpositionLength,
      'transposition-offset': ss.transpositionOffset,
    };
  }
  return out;
}

function serviceJson(t: Srv6ServiceTlv): JsonValue[] {
  const out: JsonValue[] = [];
  for (const s of t.subTlvs) if (s.kind === 'sid-information') out.push(sidInformationJson(s));
  return out;
}

export function prefixSidJson(tlvs: readonly PrefixSidTlv[]): JsonObject {
  const out: JsonObject = {};
  for (const t of tlvs) {
    if (t.kind === 'label-index') out['sr-label-index'] = t.labelIndex;
    else if (t.kind === 'originator-srgb') out['sr-srgbs'] = t.ranges.map((g) => [g.base, g.range]);
    else if (t.kind === 'srv6-l3-service') out['l3-service'] = serviceJson(t);
    else if (t.kind === 'srv6-l2-service') out['l2-service'] = serviceJson(t);
    else if (t.kind === 'unknown') out[`attribute-not-implemented-${t.type}`] = `0x${hexUpper(t.value)}`;
  }
  return out;
}

/**
 * Text as the route command reads it: 'bgp-prefix-sid [ 300, [ ( 800000,4096 ) ] ]' for the
 * label index, 'bgp-prefix-sid-srv6 ( l3-service SID 0xBEHAVIOR [a,b,c,d,e,f] )' for SRv6.
 */
export function prefixSidText(tlvs: readonly PrefixSidTlv[]): string {
  const index = tlvs.find((t) => t.kind === 'label-index');
  if (index) {
    const srgb = tlvs.find((t) => t.kind === 'originator-srgb');
    if (!srgb) return `bgp-prefix-sid [ ${index.labelIndex} ]`;
    const ranges = srgb.ranges.map((g) => `( ${g.base},${g.range} )`).join(', ');
    return `bgp-prefix-sid [ ${index.labelIndex}, [ ${ranges} ] ]`;
  }
  const service = tlvs.find(
    (t): t is Srv6ServiceTlv => t.kind === 'srv6-l3-service' || t.kind === 'srv6-l2-service',
  );
  const info = service?.subTlvs.find((s): s is SidInformation => s.kind === 'sid-information');
  if (service && info) {
    const name = service.kind === 'srv6-l3-service' ? 'l3-service' : 'l2-service';
    const st = info.subSubTlvs.find((s) => s.kind === 'sid-structure');
    const structure = st
      ? ` [${st.locatorBlockLength},${st.locatorNodeLength},${st.functionLength},${st.argumentLength},${st.transpositionLength},${st.transpositionOffset}]`
      : '';
    return `bgp-prefix-sid-srv6 ( ${name} ${info.sid} 0x${info.behavior.toString(16)}${structure} )`;
  }
  return `bgp-prefix-sid [ ${tlvs.map((t) => (t.kind === 'unknown' ? `Attribute with code [ ${t.type} ] not implemented` : '')).join(', ')} ]`;
}
