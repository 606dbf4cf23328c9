/**
 * Parsers for `birdc` text: `show route table T all` (routes and FlowSpec rules), and
 * `show protocols all nN` (session state, per-channel route counts).
 *
 *   10.1.1.0/24          unreachable [n1 05:59:07.029 from 127.0.0.12] * (100) [AS65001i]
 *   \tType: BGP univ
 *   \tBGP.as_path: 65001
 *   \tBGP.next_hop: 192.0.2.1
 *   \tBGP.community: (65001,1) (65001,2)
 *   flow4 { dst 10.9.0.0/24; proto 6; dport 80; }  [n1 05:59:07.072 from 127.0.0.12] * (100) [AS65001i]
 */
import { actionFromWords, addComponent, asPathFromText } from './normalise.js';
import type { FlowRoute, Route, SessionState } from './types.js';

interface RawEntry {
  /** The prefix or the flow4 { ... } text. */
  readonly key: string;
  readonly proto: string;
  readonly best: boolean;
  readonly attrs: Map<string, string>;
}

/** Most routes one `show route` parse accepts (the harness is for small tables). */
const MAX_ENTRIES = 100_000;

/**
 * The route's key from the text before its '[proto ...]': a whole 'flow4 { ... }', an
 * 'rd prefix' pair (VPN tables), or else the first word (the prefix).
 */
function entryKey(head: string): string {
  const h = head.trim();
  if (h.startsWith('flow')) return h.slice(0, h.lastIndexOf('}') + 1);
  const words = h.split(/\s+/);
  if (/^[\d.]+:\d+$/.test(words[0]!) && words[1]?.includes('/')) return `${words[0]} ${words[1]}`;
  return words[0]!;
}

/** Splits `show route ... all` output into entries (alternative paths share the prefix). */
export function parseBirdEntries(text: string): RawEntry[] {
  const out: RawEntry[] = [];
  let key = '';
  let current: RawEntry | undefined;
  for (const line of text.split('\n')) {
    if (line.startsWith('\t')) {
      const m = /^\t(\S[^:]*):\s*(.*)$/.exec(line);
      if (m && current) current.attrs.set(m[1]!, m[2]!);
      continue;
    }
    const bracket = /\[(\S+)\s[^\]]*\]\s*(\*)?/.exec(line);
    if (!bracket || line.startsWith('Table ') || line.startsWith('BIRD ')) continue;
    const head = line.slice(0, bracket.index);
    if (head.trim()) key = entryKey(head);
    if (!key) continue;
    current = { key, proto: bracket[1]!, best: bracket[2] === '*', attrs: new Map() };
    out.push(current);
    if (out.length >= MAX_ENTRIES) break;
  }
  return out;
}

function groups(text: string | undefined): string[] {
  return text ? [...text.matchAll(/\(([^)]*)\)/g)].map((m) => m[1]!.replace(/\s+/g, '')) : [];
}

function optNumber(text: string | undefined): number | undefined {
  return text === undefined ? undefined : Number(text);
}

/** Best BGP routes from `protocols` (the harness's `nN` BGP protocols). */
export function parseBirdRoutes(text: string, protocols: ReadonlySet<string>): Route[] {
  return parseBirdEntries(text)
    .filter((e) => e.best && protocols.has(e.proto))
    .map((e) => {
      const a = e.attrs;
      const med = optNumber(a.get('BGP.med'));
      const localPref = optNumber(a.get('BGP.local_pref'));
      const [first, second] = e.key.split(' ');
      const labels = asPathFromText(a.get('BGP.mpls_label_stack') ?? '');
      return {
        prefix: second ?? first!,
        ...(second !== undefined ? { rd: first! } : {}),
        ...(labels.length > 0 ? { labels } : {}),
        nextHop: (a.get('BGP.next_hop') ?? '').split(/\s+/)[0]!,
        asPath: asPathFromText(a.get('BGP.as_path') ?? ''),
        ...(med !== undefined ? { med } : {}),
        ...(localPref !== undefined ? { localPref } : {}),
        communities: groups(a.get('BGP.community')).map((g) => g.replace(',', ':')),
        largeCommunities: groups(a.get('BGP.large_community')).map((g) => g.replace(/,/g, ':')),
        extCommunities: groups(a.get('BGP.ext_community')).map((g) => g.replace(/,/g, ':').toLowerCase()),
      };
    });
}

/** BIRD's two-word FlowSpec component names; the rest are one word. */
const TWO_WORD = ['next header', 'icmp type', 'icmp code', 'tcp flags'];

function flowComponents(key: string): Record<string, string> {
  const out: Record<string, string> = {};
  const body = /\{(.*)\}/.exec(key)?.[1] ?? '';
  for (const part of body.split(';')) {
    const p = part.trim();
    if (!p) continue;
    const two = TWO_WORD.find((w) => p.startsWith(`${w} `));
    const name = two ?? p.split(/\s+/)[0]!;
    addComponent(out, name, p.slice(name.length));
  }
  return out;
}

function flowActions(extCommunities: string | undefined): string[] {
  return groups(extCommunities).map((g) => {
    const [kind, high, low] = g.split(',');
    const action = kind === 'generic' ? actionFromWords(Number(high), Number(low)) : undefined;
    return action ?? g.replace(/,/g, ':').toLowerCase();
  });
}

export function parseBirdFlows(text: string, protocols: ReadonlySet<string>): FlowRoute[] {
  return parseBirdEntries(text)
    .filter((e) => e.best && protocols.has(e.proto) && e.key.startsWith('flow'))
    .map((e) => ({
      raw: e.key,
      components: flowComponents(e.key),
      actions: flowActions(e.attrs.get('BGP.ext_community')),
    }));
}

const BIRD_STATES: Readonly<Record<string, SessionState>> = {
  established: 'established',
  active: 'active',
  connect: 'connect',
  opensent: 'opensent',
  openconfirm: 'openconfirm',
  idle: 'idle',
  passive: 'idle',
};

/** `show protocols nN`: the Info column ("Established", "Active", "Passive", ...). */
export function parseBirdState(text: string, proto: string): SessionState {
  const line = text.split('\n').find((l) => l.startsWith(`${proto} `));
  if (!line) return 'down';
  const cols = line.trim().split(/\s+/);
  const state = cols[3] ?? '';
  const info = (cols[5] ?? '').toLowerCase();
  if (state === 'down') return 'down';
  return BIRD_STATES[info] ?? 'idle';
}

/** `show protocols all nN`: "Routes: N imported" inside the "Channel <name>" section. */
export function parseBirdImported(text: string, channel: string): number {
  let inChannel = false;
  for (const line of text.split('\n')) {
    const ch = /^\s+Channel (\S+)/.exec(line);
    if (ch) inChannel = ch[1] === channel;
    const routes = /^\s+Routes:\s+(\d+) imported/.exec(line);
    if (inChannel && routes) return Number(routes[1]);
  }
  return 0;
}
