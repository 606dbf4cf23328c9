/**
 * The composition root: the only place that creates real sockets, reads the real clock, and
 * handles signals. It loads the configuration, runs one Peer per neighbor, listens where
 * asked, reloads by diffing old and new configuration, and shuts down with Cease.
 *
 * Signals (as ExaBGP): SIGHUP and SIGUSR1 reload (with debug.rotate, SIGUSR1 moves to the next
 * configuration file); SIGUSR2 reloads too and restarts the helper processes;
 * SIGTERM and SIGINT end every session with Cease/Administrative Shutdown and an RFC 9003
 * message, then exit.
 */
import { hostname } from 'node:os';
import { type Settings, setting } from '../config/env.js';
import type { NeighborConfig } from '../config/lower/model.js';
import { publishLog } from '../observe/channels.js';
import { type Listener, tcpListen } from '../transport/tcp.js';
import type { Connection } from '../transport/transport.js';
import { ApiWiring, type LoadedProcess } from './api-wiring.js';
import { SYSTEM_CLOCK } from './clock.js';
import { ControlSocket, controlSocketPath } from './control-socket.js';
import { loadConfigFile } from './load.js';
import { NamedPipes, pipeFolder } from './named-pipes.js';
import { Peer, peerId } from './peer.js';
import { ReceivedLog } from './received-log.js';
import { acceptSecurity, dialNeighbor, listenSecurity } from './tcp-security.js';

/** The version bgpknife announces (software-version capability) unless exabgp.version pins one. */
export const BGPKNIFE_VERSION = '0.1.0';

/** RFC 9003 shutdown communication sent when the daemon stops. */
export const SHUTDOWN_MESSAGE = 'bgpknife shutting down';
/** How long shutdown waits for NOTIFICATIONs to leave before exiting. */
export const SHUTDOWN_GRACE_MS = 1000;
/** Period of the timer that keeps the process alive (it does nothing when it fires). */
const ALIVE_INTERVAL_MS = 3_600_000;
/** Seconds between connection attempts; ExaBGP retries every few seconds. */
export const CONNECT_RETRY_SECONDS = 5;

export interface DaemonOptions {
  readonly files: readonly string[];
  readonly settings: Settings;
  /** Where diagnostics go (stderr). */
  readonly report: (text: string) => void;
}

function sameExceptRoutes(a: NeighborConfig, b: NeighborConfig): boolean {
  const strip = (n: NeighborConfig) => JSON.stringify({ ...n, routes: undefined, span: undefined });
  return strip(a) === strip(b);
}

export class Daemon {
  private readonly peers = new Map<string, Peer>();
  private readonly listeners: Listener[] = [];
  private fileIndex = 0;
  private stopping = false;
  private reloading = Promise.resolve();
  private readonly done: Promise<number>;
  /** Helper processes and the API (always present: the CLI may talk to it). */
  readonly api: ApiWiring;
  private processes: LoadedProcess[] = [];
  private control: ControlSocket | undefined;
  private pipes: NamedPipes | undefined;
  private exit!: (code: number) => void;
  private readonly receivedLog: ReceivedLog | undefined;
  /**
   * Keeps the process alive while the daemon runs: BGP timers are unreferenced, so without it a
   * daemon whose sessions are all down (waiting to reconnect) would simply exit.
   */
  private alive: NodeJS.Timeout | undefined;

  constructor(private readonly opts: DaemonOptions) {
    this.done = new Promise((r) => (this.exit = r));
    const received = String(setting(opts.settings, 'bgpknife.debug.received-file'));
    this.receivedLog = received ? new ReceivedLog(received) : undefined;
    const pinned = String(setting(opts.settings, 'exabgp.version'));
    this.api = new ApiWiring(opts.settings, {
      shutdown: () => void this.shutdown(0),
      reload: () => void this.reload(),
      version: pinned || BGPKNIFE_VERSION,
    });
  }

  /** Resolves with the exit status once the daemon has stopped. */
  get finished(): Promise<number> {
    return this.done;
  }

  private get rotate(): boolean {
    return setting(this.opts.settings, 'exabgp.debug.rotate') === true;
  }

  private num(name: string): number {
    return Number(setting(this.opts.settings, name));
  }

  async start(): Promise<boolean> {
    this.alive = setInterval(() => {}, ALIVE_INTERVAL_MS);
    const config = await this.load(this.opts.files[0]!);
    if (!config || !(await this.listen(config))) {
      clearInterval(this.alive);
      return false;
    }
    for (const n of config) this.addPeer(n);
    this.api.configure(this.processes);
    if (setting(this.opts.settings, 'exabgp.api.cli') === true) {
      const path = controlSocketPath(this.opts.settings);
      this.control = new ControlSocket(path, this.api.api, this.num('bgpknife.api.line-max'));
      if (!(await this.control.start().catch(() => false))) this.control = undefined;
      const pipename = String(setting(this.opts.settings, 'exabgp.api.pipename')) || 'exabgp';
      const lineMax = this.num('bgpknife.api.line-max');
      this.pipes = new NamedPipes(
        pipeFolder(pipename).folder,
        pipename,
        this.api.api,
        lineMax,
        this.num('bgpknife.api.queue-max'),
      );
      if (!this.pipes.start()) this.pipes = undefined;
    }
    if (this.peers.size === 0)
      publishLog({ level: 'warning', source: 'daemon', message: 'no neighbor configured' });
    return true;
  }

  /** Load one file (all of them when not rotating: ExaBGP reads every file given). */
  private async load(first: string): Promise<NeighborConfig[] | undefined> {
    const files = this.rotate ? [first] : this.opts.files;
    const neighbors: NeighborConfig[] = [];
    const processes: LoadedProcess[] = [];
    for (const f of files) {
      const loaded = await loadConfigFile(f);
      for (const m of loaded.messages) this.opts.report(`${m}\n`);
      if (!loaded.config) return undefined;
      neighbors.push(...loaded.config.neighbors);
      for (const process of loaded.config.processes) processes.push({ process, file: f });
    }
    this.processes = processes;
    return neighbors;
  }

  private async listen(config: readonly NeighborConfig[]): Promise<boolean> {
    const port = this.num('exabgp.tcp.port');
    const bind = setting(this.opts.settings, 'exabgp.tcp.bind') as readonly string[];
    const wanted = new Map<string, [string, number]>();
    for (const address of bind) wanted.set(`${address}|${port}`, [address, port]);
    for (const n of config) {
      if (n.listen > 0)
        wanted.set(`${n.localAddress ?? '::'}|${n.listen}`, [n.localAddress ?? '::', n.listen]);
    }
    for (const [address, p] of wanted.values()) {
      try {
        const security = listenSecurity(config, address);
        const accepted = (remote: string) => this.acceptSecurity(remote);
        this.listeners.push(await tcpListen(address, p, (c) => this.incoming(c), { security, accepted }));
        publishLog({ level: 'info', source: 'daemon', message: `listening on ${address} port ${p}` });
      } catch (e) {
        this.opts.report(`bgpknife: cannot listen on ${address} port ${p}: ${(e as Error).message}\n`);
        return false;
      }
    }
    return true;
  }

  /** TTL options for a connection from this address (the first neighbor with that address). */
  private acceptSecurity(remote: string) {
    for (const p of this.peers.values()) if (p.config.peerAddress === remote) return acceptSecurity(p.config);
    return undefined;
  }

  private incoming(c: Connection): void {
    for (const p of this.peers.values()) {
      const n = p.config;
      if (
        n.peerAddress === c.info.remoteAddress &&
        (!n.localAddress || n.localAddress === c.info.localAddress)
      ) {
        p.accept(c);
        return;
      }
    }
    publishLog({
      level: 'warning',
      source: 'daemon',
      message: `refused connection from ${c.info.remoteAddress}: no such neighbor`,
    });
    c.close();
  }

  private addPeer(n: NeighborConfig): void {
    // exabgp.version pins the software-version text as ExaBGP announces it (its test harness
    // sets it); otherwise bgpknife names itself.
    const pinned = String(setting(this.opts.settings, 'exabgp.version'));
    const software = pinned ? `ExaBGP/${pinned}` : `bgpknife/${BGPKNIFE_VERSION}`;
    const host = hostname();
    const peer = new Peer(n, {
      clock: SYSTEM_CLOCK,
      random: Math.random,
      open: {
        softwareVersion: software,
        hostName: host.split('.')[0]!,
        domainName: host.split('.').slice(1).join('.'),
        restarted: false,
      },
      connect: (cfg) => dialNeighbor(cfg, cfg.connect > 0 ? cfg.connect : this.num('exabgp.tcp.port')),
      connectRetrySeconds: CONNECT_RETRY_SECONDS,
      attempts: this.num('exabgp.tcp.attempts'),
      finished: () => this.peerFinished(),
      received: this.receivedLog,
      groupAllFamilies: setting(this.opts.settings, 'bgpknife.update.group-all-families') === true,
    });
    this.peers.set(peer.id, peer);
    this.api.attach(peer);
    peer.start();
  }

  /** With a limited number of attempts (tcp.once / tcp.connections), stop when all are used. */
  private peerFinished(): void {
    if ([...this.peers.values()].every((p) => p.session.stateName === 'idle')) void this.shutdown(0);
  }

  /** Re-read the configuration and apply only the differences. */
  reload(): Promise<void> {
    this.reloading = this.reloading.then(() => this.reloadNow());
    return this.reloading;
  }

  private async reloadNow(): Promise<void> {
    if (this.stopping) return;
    if (this.rotate && this.opts.files.length > 1)
      this.fileIndex = (this.fileIndex + 1) % this.opts.files.length;
    const next = await this.load(this.opts.files[this.fileIndex]!);
    if (!next) {
      publishLog({
        level: 'error',
        source: 'daemon',
        message: 'reload failed: the running configuration is kept',
      });
      return;
    }
    const wanted = new Map(next.map((n) => [peerId(n), n]));
    for (const [id, p] of this.peers) {
      const n = wanted.get(id);
      if (!n) {
        p.stop({ code: 6, subcode: 3 }); // Cease / Peer De-configured (RFC 4486)
        this.peers.delete(id);
        this.api.detach(p);
      } else if (sameExceptRoutes(p.config, n)) p.replaceRoutes(n);
      else {
        p.stop({ code: 6, subcode: 6 }); // Cease / Other Configuration Change
        this.peers.delete(id);
        this.api.detach(p);
        this.addPeer(n);
      }
    }
    for (const [id, n] of wanted) if (!this.peers.has(id)) this.addPeer(n);
    this.secureListeners(next);
    this.api.configure(this.processes);
    publishLog({ level: 'info', source: 'daemon', message: `reloaded ${this.opts.files[this.fileIndex]}` });
  }

  /** After a reload: the listening sockets hold exactly the new neighbors' keys and TTLs. */
  private secureListeners(config: readonly NeighborConfig[]): void {
    for (const l of this.listeners) {
      try {
        l.setSecurity(listenSecurity(config, l.address.address));
      } catch (e) {
        publishLog({
          level: 'error',
          source: 'daemon',
          message: `listener security: ${(e as Error).message}`,
        });
      }
    }
  }

  async shutdown(code = 0): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    const text = Buffer.from(SHUTDOWN_MESSAGE, 'utf8');
    const data = Buffer.concat([Buffer.from([text.length]), text]);
    for (const p of this.peers.values()) p.stop({ code: 6, subcode: 2, data });
    this.api.stop();
    await this.control?.stop();
    this.pipes?.stop();
    await Promise.all(this.listeners.map((l) => l.close()));
    // A referenced timer: with every socket closed, an unreferenced one would let the event loop
    // drain before exit() runs (node then exits with 13, "unsettled top-level await").
    await new Promise((r) => setTimeout(r, SHUTDOWN_GRACE_MS));
    await this.receivedLog?.close();
    clearInterval(this.alive);
    this.exit(code);
  }

  /** Install the signal handlers; returns a function that removes them. */
  handleSignals(): () => void {
    const reload = () => void this.reload();
    const stop = () => void this.shutdown(0);
    const table: [NodeJS.Signals, () => void][] = [
      ['SIGHUP', reload],
      ['SIGUSR1', reload],
      [
        'SIGUSR2',
        () => {
          this.api.restartHelpers();
          reload();
        },
      ],
      ['SIGTERM', stop],
      ['SIGINT', stop],
    ];
    for (const [s, f] of table) process.on(s, f);
    return () => {
      for (const [s, f] of table) process.off(s, f);
    };
  }
}
