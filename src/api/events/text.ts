/**
 * The text encoder of API events, as ExaBGP 5.0.13 writes them (reactor/api/response/text.py):
 * one line per event (`neighbor IP up`, `neighbor IP in open version 4 asn ...`), and for an
 * UPDATE a `start` line, one line per route and an `end` line. Peer-supplied text is kept on
 * its line: characters that are not printable are written as \xNN, as ExaBGP's oneline() does.
 */
import { attributesText } from '../../wire/attribute/text.js';
import type { Attribute } from '../../wire/attribute/types.js';
import type { Message } from '../../wire/message/types.js';
import type { Update } from '../../wire/message/update.js';
import { afiName, familyKey, safiName } from '../../wire/nlri/family.js';
import { nlriCodec } from '../../wire/nlri/registry.js';
import type { Nlri } from '../../wire/nlri/types.js';
import type { ApiEvent } from './types.js';

/** Escape what is not printable, so a peer's text cannot forge another event line. */
export function oneLine(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    out += c < 0x20 || c === 0x7f || (c >= 0x80 && c < 0xa0) ? `\\x${c.toString(16).padStart(2, '0')}` : ch;
  }
  return out;
}

function headerBody(raw: Buffer | undefined): string {
  if (!raw) return '';
  const hex = (b: Buffer) => b.toString('hex').toUpperCase();
  return ` header ${hex(raw.subarray(0, 19))}${raw.length > 19 ? ` body ${hex(raw.subarray(19))}` : ''}`;
}

/** ExaBGP's nlri.extensive(): the NLRI, then ` next-hop IP` when it has one. */
function nlriText(n: Nlri, nextHop?: string): string {
  const codec = nlriCodec(n.family);
  const text = codec ? codec.text(n as never, nextHop) : `family ${n.family}`;
  return nextHop && !text.includes(' next-hop ') ? `${text} next-hop ${nextHop}` : text;
}

function updateLines(prefix: string, u: Update, raw: Buffer | undefined): string[] {
  const lines = [`${prefix} start`];
  const attrs = u.attributes.filter(
    (a: Attribute) => a.kind !== 'mp-reach' && a.kind !== 'mp-unreach' && a.kind !== 'next-hop',
  );
  const text = attributesText(attrs);
  const tail = text ? ` ${text}` : '';
  const nh = u.attributes.find((a) => a.kind === 'next-hop');
  const v4hop = nh && nh.kind === 'next-hop' ? nh.ip : undefined;
  for (const n of u.withdrawn) lines.push(`${prefix} withdrawn ${nlriText(n)}`);
  for (const a of u.attributes)
    if (a.kind === 'mp-unreach') for (const n of a.nlri) lines.push(`${prefix} withdrawn ${nlriText(n)}`);
  for (const n of u.nlri) lines.push(`${prefix} announced ${nlriText(n, v4hop)}${tail}`);
  for (const a of u.attributes)
    if (a.kind === 'mp-reach')
      for (const n of a.nlri) lines.push(`${prefix} announced ${nlriText(n, a.nextHop[0])}${tail}`);
  const empty = lines.length === 1;
  if (empty) {
    const mp = u.attributes.find((a) => a.kind === 'mp-reach' || a.kind === 'mp-unreach');
    const f =
      mp && (mp.kind === 'mp-reach' || mp.kind === 'mp-unreach')
        ? familyKey(mp.afi, mp.safi)
        : familyKey(1, 1);
    lines.push(`${prefix} route eor ${f >> 8}/${f & 0xff} (${afiName(f >> 8)} ${safiName(f & 0xff)})`);
  }
  if (raw) lines.push(headerBody(raw).trimStart());
  lines.push(`${prefix} end`);
  return lines;
}

function messageText(ip: string, dir: string, m: Message, raw: Buffer | undefined): string | undefined {
  const p = `neighbor ${ip} ${dir}`;
  const hb = headerBody(raw);
  switch (m.kind) {
    case 'open':
      return `${p} open version ${m.version} asn ${m.asn} hold_time ${m.holdTimeSeconds} router_id ${m.routerId} capabilities [${oneLine(
        m.parameters
          .flat()
          .map((c) => c.kind)
          .join(', '),
      ).toLowerCase()}]${hb}`;
    case 'update':
      return updateLines(`${p} update`, m, raw).join('\n');
    case 'notification':
      return `${p} notification code ${m.code} subcode ${m.subcode} data ${m.data.toString('hex').toUpperCase()}${hb}`;
    case 'keepalive':
      return `${p} keepalive${hb}`;
    case 'route-refresh':
      return `${p} route-refresh afi ${afiName(m.afi)} safi ${safiName(m.safi)} ${m.subtype}${hb}`;
    case 'operational':
      if (m.category === 'advisory')
        return `${p} operational adm afi ${afiName(m.afi)} safi ${safiName(m.safi)} advisory "${oneLine(m.advisory.toString('utf8'))}"${hb}`;
      return undefined;
    default:
      return undefined;
  }
}

/** One event as text (possibly several lines, without the final newline); undefined: nothing. */
export function eventText(e: ApiEvent, peerAddress: string): string | undefined {
  const ip = peerAddress;
  switch (e.kind) {
    case 'connected':
    case 'up':
      return `neighbor ${ip} ${e.kind}`;
    case 'down':
      return `neighbor ${ip} down - ${oneLine(e.reason)}`;
    case 'negotiated':
      return undefined;
    case 'packets':
      return `neighbor ${ip} ${e.direction} ${e.raw[18] ?? 0}${headerBody(e.raw)}`;
    case 'message':
      return messageText(ip, e.direction, e.message, e.raw);
  }
}

/** ExaBGP's text shutdown event. */
export function shutdownText(pid: number, ppid: number): string {
  return `shutdown ${pid} ${ppid}`;
}
