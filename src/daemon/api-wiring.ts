/**
 * Wiring the API into the daemon: one Api (src/api) with real processes, the real clock and
 * setImmediate; an ApiPeerView per Peer; the daemon's shutdown/reload/restart behind ApiHost.
 * The daemon calls configure / attach / detach / stop / restartHelpers and nothing else.
 */
import { hostname } from 'node:os';
import { Api } from '../api/api.js';
import type { ApiHost, ApiPeer } from '../api/port.js';
import { type Settings, setting } from '../config/env.js';
import type { ProcessConfig } from '../config/lower/model.js';
import { publishLog } from '../observe/channels.js';
import type { JsonDialect } from '../wire/json.js';
import { ApiPeerView } from './api-peer.js';
import { SYSTEM_CLOCK } from './clock.js';
import { resolveRun, spawnHelper } from './helpers.js';
import type { Peer } from './peer.js';

/** A process and the configuration file it was read from (relative `run` paths start there). */
export interface LoadedProcess {
  readonly process: ProcessConfig;
  readonly file: string;
}

export interface DaemonControl {
  shutdown(): void;
  reload(): void;
  readonly version: string;
}

export class ApiWiring {
  readonly api: Api;
  private readonly views = new Map<Peer, ApiPeerView>();

  constructor(settings: Settings, control: DaemonControl) {
    const host: ApiHost = {
      peers: () => [...this.views.values()],
      shutdown: () => control.shutdown(),
      reload: () => control.reload(),
      restart: () => {
        this.api.restartHelpers();
        control.reload();
      },
      version: control.version,
      nowMs: () => SYSTEM_CLOCK.nowMs(),
    };
    const host0 = hostname();
    this.api = new Api({
      host,
      spawn: spawnHelper,
      clock: SYSTEM_CLOCK,
      defer: (fn) => setImmediate(fn),
      lineMaxBytes: Number(setting(settings, 'bgpknife.api.line-max')),
      queueMaxBytes: Number(setting(settings, 'bgpknife.api.queue-max')),
      ack: setting(settings, 'exabgp.api.ack') !== false,
      respawn: setting(settings, 'exabgp.api.respawn') !== false,
      dialect: String(setting(settings, 'bgpknife.json.dialect')) === '4' ? '4' : ('5.0' as JsonDialect),
      stamp: () => ({ timeSeconds: Date.now() / 1000, host: host0, pid: process.pid, ppid: process.ppid }),
      report: (level, message) => publishLog({ level, source: 'api', message }),
      gaveUp: (name) => {
        if (setting(settings, 'exabgp.api.terminate') === true) {
          publishLog({ level: 'error', source: 'api', message: `helper ${name} keeps dying: stopping` });
          control.shutdown();
        }
      },
    });
  }

  /** Every peer the API can act on. */
  peers(): readonly ApiPeer[] {
    return [...this.views.values()];
  }

  configure(processes: readonly LoadedProcess[]): void {
    this.api.configure(
      processes.map(({ process, file }) => ({ ...process, run: resolveRun(process.run, file) })),
    );
  }

  attach(peer: Peer): void {
    const view = new ApiPeerView(peer, this.api, () => SYSTEM_CLOCK.nowMs());
    this.views.set(peer, view);
    peer.observer = view;
  }

  detach(peer: Peer): void {
    this.views.delete(peer);
  }

  stop(): void {
    this.api.stop();
  }

  restartHelpers(): void {
    this.api.restartHelpers();
  }
}
