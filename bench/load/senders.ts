/**
 * The senders the load benchmark runs in turn against the BIRD receiver: bgpknife (API one
 * route per line, API grouped, static configuration), ExaBGP 4.2 (the same three) and BIRD's
 * static protocol. Each writes its configuration into a fresh work dir and starts exactly one
 * daemon whose PID the benchmark reads /proc for and ends.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../test/support/corpus.js';
import { type Daemon, makeWorkDir, startDaemon } from '../../test/support/peers/common.js';
import { EXABGP_ENV } from '../../test/support/peers/exabgp-config.js';
import { RECEIVER_AS, SENDER_AS, startBirdSender } from './bird.js';
import { gobgpMrt } from './gobgp.js';
import { attributeWords, nextHop, prefix, type RouteSet, setOf } from './routes.js';

export interface SenderContext {
  readonly local: string;
  readonly receiver: string;
  readonly receiverPort: number;
  readonly routes: RouteSet;
}

export interface RunningSender {
  readonly daemon: Daemon;
  readonly workDir: string;
  /** Written by the API helper: the wall-clock ms of its first command. */
  readonly markFile?: string;
}

export interface Sender {
  readonly name: string;
  /** Routes this sender is measured with, at most (references too slow for N). */
  readonly maxRoutes?: number;
  /** Whether time counts from the helper's first command (else from Established). */
  readonly fromFirstCommand: boolean;
  start(ctx: SenderContext): RunningSender;
  /** Routes loaded once the session is up (GoBGP's API); time counts from its start. */
  load?(running: RunningSender): Promise<void>;
}

const HELPER = join(REPO_ROOT, 'dist', 'bench', 'load', 'helper.js');
const BGPKNIFE = join(REPO_ROOT, 'bin', 'bgpknife.js');
/** Extra node flags for bgpknife's process, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`. */
const KNIFE_NODE_ARGS = (process.env.BENCH_KNIFE_NODE_ARGS ?? '').split(' ').filter(Boolean);
const KNIFE_ENV = { exabgp_tcp_bind: '', exabgp_api_cli: 'false', exabgp_log_level: 'INFO' };

type Feed = 'lines' | 'grouped' | 'static';

function staticRoutes(r: RouteSet): string[] {
  const nh = nextHop(r.v6);
  const out: string[] = ['    static {'];
  for (let i = 0; i < r.n; i++)
    out.push(`      route ${prefix(i, r.v6)} next-hop ${nh} ${attributeWords(setOf(i, r), r)};`);
  out.push('    }');
  return out;
}

/** ExaBGP-syntax configuration (bgpknife and ExaBGP 4.2 read the same text). */
function exabgpSyntax(ctx: SenderContext, feed: Feed, markFile: string): string {
  const r = ctx.routes;
  const lines: string[] = [];
  if (feed !== 'static') {
    const args = [feed, r.n, r.v6 ? 1 : 0, r.sets, markFile].join(' ');
    lines.push(`process feed {`, `    run ${process.execPath} ${HELPER} ${args};`, '    encoder json;', '}');
  }
  lines.push(
    `neighbor ${ctx.receiver} {`,
    `    router-id ${ctx.local};`,
    `    local-address ${ctx.local};`,
    `    local-as ${SENDER_AS};`,
    `    peer-as ${RECEIVER_AS};`,
    `    connect ${ctx.receiverPort};`,
    `    family { ${r.v6 ? 'ipv6' : 'ipv4'} unicast; }`,
  );
  if (feed === 'static') for (const l of staticRoutes(r)) lines.push(l);
  else lines.push('    api { processes [ feed ]; neighbor-changes; }');
  lines.push('}', '');
  return lines.join('\n');
}

/** `groupAll`: bgpknife.update.group-all-families (many NLRI per MP_REACH_NLRI, not ExaBGP's bytes). */
function knife(feed: Feed, groupAll = false): Sender {
  const kind = feed === 'lines' ? 'API per line' : feed === 'grouped' ? 'API grouped' : 'static config';
  return {
    name: `bgpknife ${kind}${groupAll ? ' +group-all' : ''}`,
    fromFirstCommand: feed !== 'static',
    start(ctx) {
      const workDir = makeWorkDir('bench-knife');
      const conf = join(workDir, 'bgpknife.conf');
      const markFile = join(workDir, 'mark');
      writeFileSync(conf, exabgpSyntax(ctx, feed, markFile));
      const daemon = startDaemon(
        process.execPath,
        [...KNIFE_NODE_ARGS, BGPKNIFE, 'run', conf],
        join(workDir, 'log'),
        groupAll ? { ...KNIFE_ENV, bgpknife_update_group_all_families: 'true' } : KNIFE_ENV,
      );
      return { daemon, workDir, ...(feed === 'static' ? {} : { markFile }) };
    },
  };
}

function exabgp(feed: Feed, maxRoutes: number): Sender {
  return {
    name: `exabgp 4.2 ${feed === 'lines' ? 'API per line' : feed === 'grouped' ? 'API grouped' : 'static config'}`,
    maxRoutes,
    fromFirstCommand: feed !== 'static',
    start(ctx) {
      const workDir = makeWorkDir('bench-exabgp');
      const conf = join(workDir, 'exabgp.conf');
      const markFile = join(workDir, 'mark');
      writeFileSync(conf, exabgpSyntax(ctx, feed, markFile));
      const daemon = startDaemon('exabgp', [conf], join(workDir, 'log'), {
        ...EXABGP_ENV,
        exabgp_log_level: 'WARNING',
      });
      return { daemon, workDir, ...(feed === 'static' ? {} : { markFile }) };
    },
  };
}

const birdStatic: Sender = {
  name: 'bird 2 static protocol',
  fromFirstCommand: false,
  start(ctx) {
    const b = startBirdSender(ctx.local, ctx.receiver, ctx.receiverPort, ctx.routes);
    return { daemon: b.daemon, workDir: b.workDir };
  },
};

const RAW_SENDER = join(REPO_ROOT, 'dist', 'bench', 'load', 'raw-sender.js');

/** UPDATEs built beforehand written straight to the socket: the machine's limit. */
const preEncoded: Sender = {
  name: 'pre-encoded stream',
  fromFirstCommand: false,
  start(ctx) {
    const workDir = makeWorkDir('bench-raw');
    const r = ctx.routes;
    const args = [RAW_SENDER, ctx.local, ctx.receiver, ctx.receiverPort, r.n, r.v6 ? 1 : 0, r.sets].map(
      String,
    );
    return { daemon: startDaemon(process.execPath, args, join(workDir, 'log')), workDir };
  },
};

/**
 * Every sender, bgpknife's first; `exabgpMax` bounds ExaBGP's slow per-line API. With `v6`,
 * bgpknife also runs with group-all-families (ExaBGP sends one IPv6 route per UPDATE).
 */
export function senders(exabgpLinesMax: number, exabgpMax: number, v6 = false): Sender[] {
  return [
    knife('lines'),
    knife('grouped'),
    knife('static'),
    ...(v6 ? [knife('lines', true), knife('grouped', true), knife('static', true)] : []),
    exabgp('lines', exabgpLinesMax),
    exabgp('grouped', exabgpMax),
    exabgp('static', exabgpMax),
    birdStatic,
    gobgpMrt,
    preEncoded,
  ];
}
