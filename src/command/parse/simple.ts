/**
 * The API commands that are not routes: show, flush, clear, teardown, the reactor commands,
 * and the family and operational arguments of announce eor / route-refresh / operational.
 */
import type { Item } from '../../config/parse-core.js';
import { type FamilyKey, familyKey, parseFamily } from '../../wire/nlri/family.js';
import { OPERATIONAL_MESSAGES } from '../grammar/flow.js';
import type { Command } from '../types.js';
import { fail, word } from './state.js';

/** `AFI SAFI` at items[at], the last words of the command. */
export function familyWords(items: readonly Item[], at: number): FamilyKey {
  const afi = word(items[at]);
  const safi = word(items[at + 1]);
  const family = afi !== undefined && safi !== undefined ? parseFamily(`${afi} ${safi}`) : undefined;
  if (!family)
    fail('expected AFI SAFI (ipv4 unicast, ipv6 flow, l2vpn vpls ...)', items[at] ?? items[at - 1]);
  if (items.length > at + 2) fail('unexpected word after the family', items[at + 2]);
  return familyKey(family.afi, family.safi);
}

function noMore(items: readonly Item[], count: number): void {
  if (items.length > count) fail('unexpected word', items[count]);
}

const ALONE = [
  'shutdown',
  'reload',
  'restart',
  'version',
  'help',
  'enable-ack',
  'disable-ack',
  'silence-ack',
] as const;

function show(items: readonly Item[]): Command {
  const what = word(items[1]);
  if (what === 'neighbor' || what === 'neighbors') {
    const detail = word(items[2]) ?? 'default';
    if (detail !== 'default' && detail !== 'summary' && detail !== 'extensive' && detail !== 'configuration')
      fail('expected summary, extensive or configuration', items[2]);
    noMore(items, 3);
    return { kind: 'show-neighbor', detail };
  }
  if (what === 'adj-rib') {
    const direction = word(items[2]);
    if (direction !== 'in' && direction !== 'out') fail("expected 'in' or 'out'", items[2] ?? items[1]);
    const extensive = word(items[3]) === 'extensive';
    if (items.length > 3 && !extensive) fail("expected 'extensive'", items[3]);
    noMore(items, 4);
    return { kind: 'show-adj-rib', direction, extensive };
  }
  return fail("expected 'neighbor' or 'adj-rib' after 'show'", items[1] ?? items[0]);
}

function adjRib(items: readonly Item[], verb: 'flush' | 'clear'): Command {
  if (word(items[1]) !== 'adj-rib') fail(`expected 'adj-rib' after '${verb}'`, items[1] ?? items[0]);
  const direction = word(items[2]);
  if (verb === 'flush') {
    if (direction !== 'out') fail("expected 'out' (flush adj-rib out)", items[2] ?? items[1]);
    noMore(items, 3);
    return { kind: 'flush-adj-rib-out' };
  }
  if (direction !== 'in' && direction !== 'out') fail("expected 'in' or 'out'", items[2] ?? items[1]);
  noMore(items, 3);
  return { kind: 'clear-adj-rib', direction };
}

function integer(item: Item | undefined, max: number, what: string, at: Item): number {
  const t = word(item) ?? '';
  const n = /^[0-9]{1,10}$/.test(t) ? Number(t) : Number.NaN;
  if (!(n <= max)) fail(`${what} must be a number 0..${max}`, item ?? at);
  return n;
}

/** announce operational MSG afi AFI safi SAFI [advisory TEXT] [sequence N] [counter N]. */
function operational(items: readonly Item[]): Command {
  const message = (word(items[2]) ?? '').toLowerCase();
  if (!(OPERATIONAL_MESSAGES as readonly string[]).includes(message))
    fail(`expected ${OPERATIONAL_MESSAGES.join(', ')}`, items[2] ?? items[1]);
  let afi: string | undefined;
  let safi: string | undefined;
  const out: { advisory?: string; sequence?: number; counter?: number } = {};
  for (let i = 3; i < items.length; i += 2) {
    const key = word(items[i]);
    const value = items[i + 1];
    if (!value) fail(`'${key ?? ''}' needs a value`, items[i]!);
    if (key === 'afi') afi = word(value);
    else if (key === 'safi') safi = word(value);
    else if (key === 'advisory') out.advisory = word(value) ?? '';
    else if (key === 'sequence') out.sequence = integer(value, 0xffffffff, 'sequence', items[i]!);
    else if (key === 'counter') out.counter = integer(value, 0xffffffff, 'counter', items[i]!);
    else fail('expected afi, safi, advisory, sequence or counter', items[i]!);
  }
  const family = afi !== undefined && safi !== undefined ? parseFamily(`${afi} ${safi}`) : undefined;
  if (!family) fail('an operational message needs afi AFI safi SAFI', items[2]!);
  return { kind: 'operational', message, family: familyKey(family.afi, family.safi), ...out };
}

/** The non-route commands by their first word. */
export function simpleCommand(items: readonly Item[], verb: string): Command {
  if ((ALONE as readonly string[]).includes(verb)) {
    noMore(items, 1);
    return { kind: verb as (typeof ALONE)[number] };
  }
  switch (verb) {
    case 'show':
      return show(items);
    case 'flush':
    case 'clear':
      return adjRib(items, verb);
    case 'teardown': {
      const subcode = integer(items[1], 255, 'teardown', items[0]!);
      noMore(items, 2);
      return { kind: 'teardown', subcode };
    }
    case 'operational':
      return operational(items);
    default:
      return fail(
        `unknown command '${verb}' (expected announce, withdraw, show, flush, clear, teardown, shutdown, reload, restart, version, help, enable-ack, disable-ack, silence-ack)`,
        items[0],
      );
  }
}
