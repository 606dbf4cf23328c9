/**
 * `bgpknife encode [--config FILE] [--neighbor IP] [--family "AFI SAFI"] "COMMAND"`: the
 * UPDATE(s) (or EOR, ROUTE-REFRESH, OPERATIONAL) an API command produces for one neighbor,
 * one message in hex per line. The session is the one the neighbor's configuration would
 * negotiate with a peer that echoes our OPEN (as ExaBGP's test peer does): its families,
 * add-path, 4-octet AS and extended next hop. Without --config: an iBGP neighbor 127.0.0.1,
 * AS 65000, with IPv4 unicast and the --family / command's families.
 */
import { attributesUpdate, eorMessages, operationalMessage, refreshMessage } from '../api/messages.js';
import { parseCommand } from '../command/parse/index.js';
import type { Command } from '../command/types.js';
import type { NeighborConfig } from '../config/lower/model.js';
import { loadConfigText } from '../daemon/load.js';
import { localOpen } from '../daemon/local-open.js';
import { negotiate } from '../fsm/negotiate.js';
import { AdjRibOut } from '../rib/adj-rib-out.js';
import { newPackStats, type PackContext, pack } from '../rib/pack.js';
import type { Open } from '../wire/message/open.js';
import { type FamilyKey, familyKey, parseFamily } from '../wire/nlri/family.js';
import { type CliIo, type Subcommand, UsageError } from './io.js';

const USAGE = `usage: bgpknife encode [--config FILE] [--neighbor IP] [--family "AFI SAFI"] "COMMAND"

Print, in hex, the messages an API command (announce/withdraw route|flow|vpls|attributes,
announce eor|route-refresh|operational) sends to a neighbor, one per line. The session is the
one the neighbor's configuration negotiates with a peer that echoes its OPEN.
  --config FILE    the configuration (default: an iBGP neighbor 127.0.0.1 in AS 65000)
  --neighbor IP    which neighbor of the configuration (default: the first)
  --family F       also negotiate this family (repeatable)`;

/** The neighbor used without --config. */
function defaultNeighbor(families: readonly FamilyKey[]): NeighborConfig {
  const text = `neighbor 127.0.0.1 { router-id 127.0.0.1; local-address 127.0.0.1; local-as 65000; peer-as 65000; }`;
  const n = loadConfigText(text, '<default>').config!.neighbors[0]!;
  return { ...n, families: [...new Set([familyKey(1, 1), ...families])] };
}

/** The OPEN a test peer answers with: ours, router-id + 1. */
function echo(open: Open): Open {
  const parts = open.routerId.split('.').map(Number);
  parts[3] = (parts[3]! + 1) & 0xff;
  return { ...open, routerId: parts.join('.') };
}

export function packContextFor(n: NeighborConfig): PackContext {
  const local = localOpen(n, {
    softwareVersion: 'bgpknife',
    hostName: 'host',
    domainName: '',
    restarted: false,
    fallbackRouterId: n.localAddress && !n.localAddress.includes(':') ? n.localAddress : '127.0.0.1',
  });
  const negotiated = negotiate(local, echo(local));
  const localAddress = n.localAddress ?? '127.0.0.1';
  return {
    localAs: n.localAs ?? negotiated.peerAs,
    peerAs: n.peerAs ?? negotiated.peerAs,
    localAddress,
    routerId: n.routerId ?? localAddress,
    codec: negotiated.encode,
    families: negotiated.families,
    groupUpdates: n.groupUpdates,
  };
}

/** The messages a command sends on a session with this context; throws Error on a bad command. */
export function encodeCommand(command: Command, ctx: PackContext): Buffer[] {
  switch (command.kind) {
    case 'routes': {
      const rib = new AdjRibOut();
      for (const r of command.routes) {
        if (command.action === 'announce') rib.announce(r);
        else rib.withdraw(r);
      }
      return pack(rib.flush(), ctx, newPackStats());
    }
    case 'group':
      return command.commands.flatMap((c) => encodeCommand(c, ctx));
    case 'attributes':
      return [attributesUpdate(command.attributes, ctx)];
    case 'eor':
      return eorMessages(ctx, command.family);
    case 'route-refresh':
      return [refreshMessage(command.family)];
    case 'operational':
      return [operationalMessage(command, ctx)];
    default:
      throw new Error(`'${command.kind}' sends no UPDATE`);
  }
}

interface Args {
  config?: string;
  neighbor?: string;
  families: FamilyKey[];
  command: string;
}

function parseArgs(args: readonly string[]): Args {
  const out: Args = { families: [], command: '' };
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = () => {
      const v = args[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === '--config') out.config = value();
    else if (a === '--neighbor') out.neighbor = value();
    else if (a === '--family') {
      const f = parseFamily(value());
      if (!f) throw new UsageError(`unknown family '${args[i]}'`);
      out.families.push(familyKey(f.afi, f.safi));
    } else words.push(a);
  }
  out.command = words.join(' ').trim();
  if (!out.command) throw new UsageError('no command given');
  return out;
}

function neighborOf(args: Args, io: CliIo): NeighborConfig | undefined {
  if (!args.config) return defaultNeighbor(args.families);
  const loaded = loadConfigText(io.readFile(args.config), args.config);
  if (!loaded.config) {
    for (const m of loaded.messages) io.err(`${m}\n`);
    return undefined;
  }
  const all = loaded.config.neighbors;
  const n = args.neighbor ? all.find((x) => x.peerAddress === args.neighbor) : all[0];
  if (!n) {
    io.err(`bgpknife encode: no neighbor ${args.neighbor ?? ''} in ${args.config}\n`);
    return undefined;
  }
  return { ...n, families: [...new Set([...n.families, ...args.families])] };
}

export const encode: Subcommand = {
  summary: 'print the hex of the UPDATE(s) an API command sends to a neighbor',
  usage: USAGE,
  run(args: readonly string[], io: CliIo): number {
    const parsed = parseArgs(args);
    const n = neighborOf(parsed, io);
    if (!n) return 1;
    const result = parseCommand(parsed.command);
    if ('error' in result) {
      io.err(`bgpknife encode: ${result.error}\n`);
      return 1;
    }
    try {
      for (const m of encodeCommand(result.command, packContextFor(n)))
        io.out(`${m.toString('hex').toUpperCase()}\n`);
      return 0;
    } catch (e) {
      io.err(`bgpknife encode: ${(e as Error).message}\n`);
      return 1;
    }
  },
};
