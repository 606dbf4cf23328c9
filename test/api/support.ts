/** Fakes for API tests: peers over a real AdjRibOut, a host that records what it was asked. */
import type { ApiHost, ApiPeer } from '../../src/api/port.js';
import type { NeighborConfig } from '../../src/config/lower/model.js';
import { loadConfigText } from '../../src/daemon/load.js';
import { AdjRibIn } from '../../src/rib/adj-rib-in.js';
import { AdjRibOut } from '../../src/rib/adj-rib-out.js';

/** A neighbor from configuration text (the first of the file). */
export function neighbor(text: string): NeighborConfig {
  const loaded = loadConfigText(text, 'test.conf');
  if (!loaded.config) throw new Error(loaded.messages.join('\n'));
  return loaded.config.neighbors[0]!;
}

export const CONFIG = `
process helper { run /bin/true; encoder json; }
neighbor 192.0.2.1 {
  router-id 10.0.0.1; local-address 192.0.2.2; local-as 65000; peer-as 65001;
  family { ipv4 unicast; ipv6 unicast; }
  api { processes [ helper ]; neighbor-changes; receive { parsed; update; } }
}`;

export class FakePeer implements ApiPeer {
  readonly adjRibOut = new AdjRibOut();
  readonly adjRibIn = new AdjRibIn();
  readonly updates = { received: 0, sent: 0 };
  readonly sentNow: Buffer[] = [];
  readonly torn: number[] = [];
  flushes = 0;
  state = 'established';
  upSinceMs: number | undefined = 0;
  readonly negotiated = undefined;
  readonly packContext = undefined;
  constructor(readonly config: NeighborConfig) {}
  flush(): void {
    this.flushes++;
  }
  sendNow(messages: readonly Buffer[]): boolean {
    this.sentNow.push(...messages);
    return true;
  }
  teardown(subcode: number): void {
    this.torn.push(subcode);
  }
}

export class FakeHost implements ApiHost {
  readonly calls: string[] = [];
  readonly version = '5.0.0-test';
  constructor(readonly list: ApiPeer[]) {}
  peers(): readonly ApiPeer[] {
    return this.list;
  }
  shutdown(): void {
    this.calls.push('shutdown');
  }
  reload(): void {
    this.calls.push('reload');
  }
  restart(): void {
    this.calls.push('restart');
  }
  nowMs(): number {
    return 5000;
  }
}
