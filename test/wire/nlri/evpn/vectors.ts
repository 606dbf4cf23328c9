/**
 * EVPN route vectors built field by field from the RFC 7432 / RFC 9136 layouts. The expected
 * text and JSON are what ExaBGP 5.0.13 prints for the same bytes (its __str__ and json()).
 */
import type { JsonValue } from '../../../../src/wire/json.js';

/** Join hex fields written apart for reading. */
export const hex = (...fields: string[]) => Buffer.from(fields.join('').replace(/\s/g, ''), 'hex');

/** Route type, then the length octet computed from the body, then the body. */
export function route(type: number, ...fields: string[]): Buffer {
  const body = hex(...fields);
  return Buffer.concat([Buffer.from([type, body.length]), body]);
}

export const RD_65000_1 = '0000 FDE8 00000001';
export const ESI_SET = '00 11 22 33 44 55 66 77 88 99';
export const ESI_ZERO = '00000000000000000000';

export const VECTORS: { name: string; bytes: Buffer; text: string; json: Record<string, JsonValue> }[] = [
  {
    name: 'type 1 Ethernet A-D with a label',
    bytes: route(1, RD_65000_1, ESI_SET, '00000064', '000641'),
    text: 'evpn:ethernetad::65000:1:00:11:22:33:44:55:66:77:88:99:100: label 100 (1601)',
    json: {
      code: 1,
      parsed: true,
      raw: '01190000FDE8000000010011223344556677889900000064000641',
      name: 'Ethernet Auto-Discovery',
      rd: '65000:1',
      esi: '00:11:22:33:44:55:66:77:88:99',
      'ethernet-tag': 100,
      label: [[100, 1601]],
    },
  },
  {
    name: 'type 1 Ethernet A-D without a label',
    bytes: route(1, RD_65000_1, ESI_SET, '00000064'),
    text: 'evpn:ethernetad::65000:1:00:11:22:33:44:55:66:77:88:99:100:',
    json: {
      code: 1,
      parsed: true,
      raw: '01160000FDE8000000010011223344556677889900000064',
      name: 'Ethernet Auto-Discovery',
      rd: '65000:1',
      esi: '00:11:22:33:44:55:66:77:88:99',
      'ethernet-tag': 100,
    },
  },
  {
    name: 'type 2 MAC/IP with IPv6 and two labels (RD type 1)',
    bytes: route(
      2,
      '0001 C0A80001 0005',
      ESI_ZERO,
      '00000000',
      '30 00112AABBCC0',
      '80 20010DB8000000000000000000000001',
      '000641 0007D1',
    ),
    text: 'evpn:macadv::192.168.0.1:5:-:0:00:11:2A:AB:BC:C0/48:2001:db8::1: label 100 (1601)',
    json: {
      code: 2,
      parsed: true,
      raw: '02340001C0A80001000500000000000000000000000000003000112AABBCC08020010DB80000000000000000000000010006410007D1',
      name: 'MAC/IP advertisement',
      rd: '192.168.0.1:5',
      esi: '-',
      'ethernet-tag': 0,
      mac: '00:11:2A:AB:BC:C0',
      label: [[100, 1601]],
      ip: '2001:db8::1',
    },
  },
  {
    name: 'type 2 MAC/IP with IPv4',
    bytes: route(2, RD_65000_1, ESI_SET, '0000000A', '30 00112AABBCC0', '20 C0000201', '000641'),
    text: 'evpn:macadv::65000:1:00:11:22:33:44:55:66:77:88:99:10:00:11:2A:AB:BC:C0/48:192.0.2.1: label 100 (1601)',
    json: {
      code: 2,
      parsed: true,
      raw: '02250000FDE800000001001122334455667788990000000A3000112AABBCC020C0000201000641',
      name: 'MAC/IP advertisement',
      rd: '65000:1',
      esi: '00:11:22:33:44:55:66:77:88:99',
      'ethernet-tag': 10,
      mac: '00:11:2A:AB:BC:C0',
      label: [[100, 1601]],
      ip: '192.0.2.1',
    },
  },
  {
    name: 'type 3 Inclusive Multicast, IPv4 (RD type 2)',
    bytes: route(3, '0002 00010000 0007', '00000000', '20 0A000001'),
    text: 'evpn:multicast::65536:7:0:10.0.0.1',
    json: {
      code: 3,
      parsed: true,
      raw: '0311000200010000000700000000200A000001',
      name: 'Inclusive Multicast Ethernet Tag',
      rd: '65536:7',
      'ethernet-tag': 0,
      ip: '10.0.0.1',
    },
  },
  {
    name: 'type 3 Inclusive Multicast, IPv6',
    bytes: route(3, RD_65000_1, '0000000A', '80 20010DB8000000000000000000000002'),
    text: 'evpn:multicast::65000:1:10:2001:db8::2',
    json: {
      code: 3,
      parsed: true,
      raw: '031D0000FDE8000000010000000A8020010DB8000000000000000000000002',
      name: 'Inclusive Multicast Ethernet Tag',
      rd: '65000:1',
      'ethernet-tag': 10,
      ip: '2001:db8::2',
    },
  },
  {
    name: 'type 4 Ethernet Segment, IPv4',
    bytes: route(4, RD_65000_1, '0102030405060708090A', '20 0A000002'),
    text: 'evpn:segment::65000:1:01:02:03:04:05:06:07:08:09:0a:10.0.0.2',
    json: {
      code: 4,
      parsed: true,
      raw: '04170000FDE8000000010102030405060708090A200A000002',
      name: 'Ethernet Segment',
      rd: '65000:1',
      esi: '01:02:03:04:05:06:07:08:09:0a',
      ip: '10.0.0.2',
    },
  },
  {
    name: 'type 4 Ethernet Segment, IPv6',
    bytes: route(4, RD_65000_1, ESI_ZERO, '80 20010DB8000000000000000000000003'),
    text: 'evpn:segment::65000:1:-:2001:db8::3',
    json: {
      code: 4,
      parsed: true,
      raw: '04230000FDE800000001000000000000000000008020010DB8000000000000000000000003',
      name: 'Ethernet Segment',
      rd: '65000:1',
      esi: '-',
      ip: '2001:db8::3',
    },
  },
  {
    name: 'type 5 IP Prefix, IPv4',
    bytes: route(5, RD_65000_1, ESI_ZERO, '00000000', '18', '0A010000', '0A000001', '000641'),
    text: 'evpn:prfxadv::65000:1:-:0:10.1.0.0/24:10.0.0.1: label 100 (1601)',
    json: {
      code: 5,
      parsed: true,
      raw: '05220000FDE8000000010000000000000000000000000000180A0100000A000001000641',
      name: 'IP Prefix Advertisement',
      rd: '65000:1',
      esi: '-',
      'ethernet-tag': 0,
      label: [[100, 1601]],
      ip: '10.1.0.0',
      iplen: 24,
      gateway: '10.0.0.1',
    },
  },
  {
    name: 'type 5 IP Prefix, IPv6 with label 0',
    bytes: route(
      5,
      RD_65000_1,
      ESI_SET,
      '00000005',
      '40',
      '20010DB8000100000000000000000000',
      '00000000000000000000000000000000',
      '000000',
    ),
    text: 'evpn:prfxadv::65000:1:00:11:22:33:44:55:66:77:88:99:5:2001:db8:1::/64:::: label 0',
    json: {
      code: 5,
      parsed: true,
      raw: '053A0000FDE80000000100112233445566778899000000054020010DB800010000000000000000000000000000000000000000000000000000000000',
      name: 'IP Prefix Advertisement',
      rd: '65000:1',
      esi: '00:11:22:33:44:55:66:77:88:99',
      'ethernet-tag': 5,
      label: [[0]],
      ip: '2001:db8:1::',
      iplen: 64,
      gateway: '::',
    },
  },
  {
    name: 'unknown route type 9',
    bytes: route(9, 'AABBCC'),
    text: 'evpn:unknown:0xaabbcc',
    json: { code: 9, parsed: false, raw: '0903AABBCC' },
  },
];
