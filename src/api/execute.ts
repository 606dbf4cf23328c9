/**
 * Executing a parsed command (command/types.ts) against the daemon's peers, as ExaBGP 5.0.13's
 * reactor/api/command/*.py do: route changes go into each matching peer's Adj-RIB-Out (only
 * peers with the route's family configured), EOR / ROUTE-REFRESH / OPERATIONAL / attribute-only
 * UPDATEs are sent at once, show commands print lines, and the answer is `done` or `error`
 * (with a reason, which the caller logs; ExaBGP writes only the word).
 */
import type { Command, NeighborSelector, ParsedCommand } from '../command/types.js';
import type { Route } from '../rib/route.js';
import { attributesUpdate, eorMessages, operationalMessage, refreshMessage } from './messages.js';
import type { ApiHost, ApiPeer } from './port.js';
import { showAdjRib, showNeighbor } from './show.js';

export type AckChange = 'enable' | 'disable' | 'silence';

export interface ExecResult {
  readonly ok: boolean;
  /** Why it failed, for the log. */
  readonly reason?: string;
  /** Lines written to the helper before the answer (show, version, help ...). */
  readonly output: readonly string[];
  /** enable-ack / disable-ack / silence-ack. */
  readonly ack?: AckChange;
  /** disable-ack answers `done` even though acks are now off. */
  readonly forceDone?: boolean;
  /** silence-ack answers nothing. */
  readonly silent?: boolean;
}

const OK: ExecResult = { ok: true, output: [] };

function fail(reason: string): ExecResult {
  return { ok: false, reason, output: [] };
}

/** Does a peer match one `neighbor IP [local-ip ..] [local-as ..] ...` selector? */
export function matchSelector(p: ApiPeer, s: NeighborSelector): boolean {
  const c = p.config;
  const local = c.localAddress ?? p.packContext?.localAddress;
  if (s.ip !== '*' && s.ip !== c.peerAddress) return false;
  if (s.localIp !== undefined && s.localIp !== local) return false;
  if (s.localAs !== undefined && s.localAs !== (c.localAs ?? p.negotiated?.peerAs)) return false;
  if (s.peerAs !== undefined && s.peerAs !== (c.peerAs ?? p.negotiated?.peerAs)) return false;
  if (s.routerId !== undefined && s.routerId !== (c.routerId ?? local)) return false;
  return true;
}

export function selectPeers(
  peers: readonly ApiPeer[],
  selectors: readonly NeighborSelector[] | undefined,
): readonly ApiPeer[] {
  if (!selectors || selectors.length === 0) return peers;
  return peers.filter((p) => selectors.some((s) => matchSelector(p, s)));
}

function applyRoutes(
  action: 'announce' | 'withdraw',
  routes: readonly Route[],
  peers: readonly ApiPeer[],
): void {
  for (const p of peers) {
    const families = p.config.families;
    let changed = false;
    for (const r of routes) {
      if (!families.includes(r.nlri.family)) continue;
      if (action === 'announce') p.adjRibOut.announce(r);
      else p.adjRibOut.withdraw(r);
      changed = true;
    }
    // ExaBGP's `auto-flush false`: changes wait for `flush adj-rib out`.
    if (changed && p.config.autoFlush) p.flush();
  }
}

/** Send per-peer messages now; error when no peer could take them. */
function sendEach(peers: readonly ApiPeer[], build: (p: ApiPeer) => Buffer[] | undefined): ExecResult {
  let sent = 0;
  for (const p of peers) {
    const ctx = p.packContext;
    if (!ctx) continue;
    const messages = build(p);
    if (messages && p.sendNow(messages)) sent++;
  }
  return sent > 0 ? OK : fail('no established session to send it on');
}

function peerCommand(c: Command, peers: readonly ApiPeer[]): ExecResult | undefined {
  switch (c.kind) {
    case 'routes':
      applyRoutes(c.action, c.routes, peers);
      return OK;
    case 'group': {
      for (const sub of c.commands) {
        const r = peerCommand(sub, peers);
        if (r && !r.ok) return r;
      }
      return OK;
    }
    case 'attributes':
      return sendEach(peers, (p) => [attributesUpdate(c.attributes, p.packContext!)]);
    case 'eor':
      return sendEach(peers, (p) => eorMessages(p.packContext!, c.family));
    case 'route-refresh':
      return sendEach(peers, () => [refreshMessage(c.family)]);
    case 'operational':
      return sendEach(peers, (p) => [operationalMessage(c, p.packContext!)]);
    case 'watchdog':
      for (const p of peers) {
        if (c.action === 'announce') p.adjRibOut.announceWatchdog(c.name);
        else p.adjRibOut.withdrawWatchdog(c.name);
        p.flush();
      }
      return OK;
    case 'flush-adj-rib-out':
      for (const p of peers) {
        p.adjRibOut.resendAll();
        p.flush();
      }
      return OK;
    case 'clear-adj-rib':
      for (const p of peers) {
        if (c.direction === 'in') p.adjRibIn?.clear();
        else {
          p.adjRibOut.withdrawAll();
          p.flush();
        }
      }
      return OK;
    case 'teardown':
      for (const p of peers) p.teardown(c.subcode);
      return OK;
    default:
      return undefined;
  }
}

function hostCommand(c: Command, peers: readonly ApiPeer[], host: ApiHost): ExecResult {
  switch (c.kind) {
    case 'show-neighbor':
      return { ok: true, output: showNeighbor(peers, c.detail, host.nowMs()) };
    case 'show-adj-rib':
      return { ok: true, output: showAdjRib(peers, c.direction, c.extensive) };
    case 'shutdown':
      host.shutdown();
      return { ok: true, output: ['shutdown in progress'] };
    case 'reload':
      host.reload();
      return { ok: true, output: ['reload in progress'] };
    case 'restart':
      host.restart();
      return { ok: true, output: ['restart in progress'] };
    case 'version':
      return { ok: true, output: [`exabgp ${host.version}`] };
    case 'help':
      return { ok: true, output: HELP };
    case 'enable-ack':
      return { ok: true, output: [], ack: 'enable' };
    case 'disable-ack':
      return { ok: true, output: [], ack: 'disable', forceDone: true };
    case 'silence-ack':
      return { ok: true, output: [], ack: 'silence', silent: true };
    default:
      return fail(`cannot execute ${c.kind}`);
  }
}

const NEEDS_PEERS = new Set([
  'routes',
  'group',
  'attributes',
  'eor',
  'route-refresh',
  'operational',
  'watchdog',
  'flush-adj-rib-out',
  'clear-adj-rib',
  'teardown',
]);

/**
 * Execute one command. `bound` are the peers of the helper (or every peer for the CLI); the
 * command's selectors narrow them.
 */
export function execute(parsed: ParsedCommand, bound: readonly ApiPeer[], host: ApiHost): ExecResult {
  const peers = selectPeers(bound, parsed.neighbors);
  const c = parsed.command;
  if (NEEDS_PEERS.has(c.kind)) {
    if (peers.length === 0) return fail('no neighbor matching the command');
    return peerCommand(c, peers) ?? fail(`cannot execute ${c.kind}`);
  }
  return hostCommand(c, peers, host);
}

const HELP: readonly string[] = [
  '',
  'available API commands are listed here:',
  '=======================================',
  '',
  'announce route|flow|vpls|attributes ... | announce eor [AFI SAFI] | announce route-refresh AFI SAFI',
  'announce operational ... | announce|withdraw watchdog NAME | withdraw route|flow|vpls ...',
  'show neighbor [summary|extensive|configuration] | show adj-rib in|out [extensive]',
  'flush adj-rib out | clear adj-rib in|out | teardown N',
  'shutdown | reload | restart | version | help | enable-ack | disable-ack | silence-ack',
  'any command may start with: neighbor IP [local-ip IP] [local-as N] [peer-as N] [router-id ID]',
  '',
];
