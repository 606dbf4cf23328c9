/**
 * Builders for extended communities, for the command and configuration layers: each writes the
 * 8 bytes as ExaBGP does for the same text, then decodes them, so fields and raw always agree.
 */
import { EncodeError } from '../../error.js';
import { parseIPv4 } from '../../nlri/prefix.js';
import { checkRange } from '../check.js';
import { decodeExtCommunity } from './registry.js';
import type { ExtCommunity } from './types.js';

function make(type: number, subtype: number, fill: (b: Buffer) => void): ExtCommunity {
  const b = Buffer.alloc(8);
  b[0] = type;
  b[1] = subtype;
  fill(b);
  return decodeExtCommunity(b);
}

function ipv4(text: string): Buffer {
  const ip = parseIPv4(text);
  if (!ip) throw new EncodeError('extended-community', `'${text}' is not an IPv4 address`);
  return ip;
}

/**
 * Route target (subtype 0x02) or origin (0x03): an IPv4 administrator uses type 0x01, an ASN
 * above 65535 type 0x02 with a 16-bit local part, otherwise type 0x00 with a 32-bit one.
 */
export function adminLocalCommunity(
  subtype: 0x02 | 0x03,
  global: number | string,
  local: number,
): ExtCommunity {
  if (typeof global === 'string') {
    checkRange('local administrator', local, 0xffff);
    const ip = ipv4(global);
    return make(0x01, subtype, (b) => {
      ip.copy(b, 2);
      b.writeUInt16BE(local, 6);
    });
  }
  if (global > 0xffff) {
    checkRange('ASN', global, 0xffffffff);
    checkRange('local administrator', local, 0xffff);
    return make(0x02, subtype, (b) => {
      b.writeUInt32BE(global, 2);
      b.writeUInt16BE(local, 6);
    });
  }
  checkRange('ASN', global, 0xffff);
  checkRange('local administrator', local, 0xffffffff);
  return make(0x00, subtype, (b) => {
    b.writeUInt16BE(global, 2);
    b.writeUInt32BE(local, 4);
  });
}

export function routeTarget(global: number | string, local: number): ExtCommunity {
  return adminLocalCommunity(0x02, global, local);
}

/** FlowSpec rate limit in bytes per second (0 discards). */
export function trafficRate(asn: number, bytesPerSecond: number): ExtCommunity {
  checkRange('ASN', asn, 0xffff);
  return make(0x80, 0x06, (b) => {
    b.writeUInt16BE(asn, 2);
    b.writeFloatBE(bytesPerSecond, 4);
  });
}

export function trafficAction(sample: boolean, terminal: boolean): ExtCommunity {
  return make(0x80, 0x07, (b) => {
    b[7] = (sample ? 0x02 : 0) | (terminal ? 0x01 : 0);
  });
}

/** Redirect to VRF: a 2-byte ASN with a 32-bit target (0x8008) or a 4-byte ASN (0x8208). */
export function redirect(asn: number, target: number): ExtCommunity {
  if (asn > 0xffff) {
    checkRange('ASN', asn, 0xffffffff);
    checkRange('target', target, 0xffff);
    return make(0x82, 0x08, (b) => {
      b.writeUInt32BE(asn, 2);
      b.writeUInt16BE(target, 6);
    });
  }
  checkRange('target', target, 0xffffffff);
  return make(0x80, 0x08, (b) => {
    b.writeUInt16BE(asn, 2);
    b.writeUInt32BE(target, 4);
  });
}

export function trafficMark(dscp: number): ExtCommunity {
  checkRange('DSCP', dscp, 0x3f);
  return make(0x80, 0x09, (b) => {
    b[7] = dscp;
  });
}

/** Redirect (or copy) to the UPDATE's next hop (0x0800). */
export function redirectToNextHop(copy: boolean): ExtCommunity {
  return make(0x08, 0x00, (b) => {
    b[7] = copy ? 1 : 0;
  });
}

/** Redirect (or copy) to an IPv4 next hop (0x010c). */
export function redirectToNextHopIetf(ip: string, copy: boolean): ExtCommunity {
  const addr = ipv4(ip);
  return make(0x01, 0x0c, (b) => {
    addr.copy(b, 2);
    b[7] = copy ? 1 : 0;
  });
}

export function encapsulation(tunnelType: number): ExtCommunity {
  checkRange('tunnel type', tunnelType, 0xffff);
  return make(0x03, 0x0c, (b) => b.writeUInt16BE(tunnelType, 6));
}
