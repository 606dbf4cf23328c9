/**
 * Setting up a main/api test: a temporary folder with copies of the test's configuration files
 * whose `run ...;` lines start our relay helper (tools/api-helper.ts), a unix control socket the relay
 * connects to, and the CommandDriver that paces the test's `cmd:` lines over it. Everything is
 * removed by close().
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfigText } from '../../src/daemon/load.js';
import { type Cmd, CommandDriver } from './api-driver.js';

/** The test peer's addresses: neighbors with these addresses are the ones the test watches. */
const TEST_PEER_ADDRESSES = new Set(['127.0.0.1', '::1']);

/**
 * The processes bound to the neighbors the test peer plays: only such a helper can make the
 * messages the test expects (api-multiple-api binds another helper to a neighbor nobody answers).
 * Empty when the configuration cannot say: then any helper may send the commands.
 */
export function watchedProcesses(configs: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const c of configs) {
    const loaded = loadConfigText(readFileSync(c, 'utf8'), c);
    for (const n of loaded.config?.neighbors ?? []) {
      if (!TEST_PEER_ADDRESSES.has(n.peerAddress)) continue;
      for (const api of n.api) for (const p of api.processes) out.add(p);
    }
  }
  return out;
}

/** Lines kept from what the daemon wrote to the helpers (acks, events), for failure reports. */
export const MAX_HELPER_LINES = 50;

export interface HelperSetup {
  readonly configs: string[];
  readonly driver: CommandDriver;
  /** The last lines the daemon wrote to the helpers. */
  readonly received: string[];
  close(): Promise<void>;
}

const HELPER = fileURLToPath(new URL('../../tools/api-helper.js', import.meta.url));

/** The configuration with every `run ...;` replaced by the relay (named after its process). */
export function rewriteRun(text: string, socketPath: string): string {
  let name = 'helper';
  return text
    .split('\n')
    .map((line) => {
      const p = /^\s*process\s+(\S+)\s*\{/.exec(line);
      if (p) name = p[1]!;
      return line.replace(
        /^(\s*)run\s+[^;]*;/,
        (_m, indent: string) => `${indent}run ${process.execPath} ${HELPER} ${socketPath} ${name};`,
      );
    })
    .join('\n');
}

export async function setupHelper(
  commands: readonly Cmd[],
  configs: readonly string[],
): Promise<HelperSetup> {
  const dir = mkdtempSync(join(tmpdir(), 'bgpknife-api-'));
  const socketPath = join(dir, 'control.sock');
  const copies = configs.map((c) => {
    const out = join(dir, basename(c));
    writeFileSync(out, rewriteRun(readFileSync(c, 'utf8'), socketPath));
    return out;
  });
  const driver = new CommandDriver(commands, undefined);
  const watched = watchedProcesses(configs);
  const received: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => {});
    let buffered = '';
    let greeted = false;
    s.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const l of lines) {
        if (!greeted && l.startsWith('hello ')) {
          greeted = true;
          // The first watched helper to connect sends the commands (a respawned one takes over).
          const name = l.slice('hello '.length);
          if ((watched.size === 0 || watched.has(name)) && (!driverOwner || driverOwner === l)) {
            driverOwner = l;
            driver.connected((line) => s.write(line));
          }
          continue;
        }
        received.push(l);
        if (received.length > MAX_HELPER_LINES) received.shift();
      }
      if (buffered.length > 65536) buffered = '';
    });
  });
  let driverOwner: string | undefined;
  await new Promise<void>((r) => server.listen(socketPath, () => r()));
  return {
    configs: copies,
    driver,
    received,
    async close() {
      driver.stop();
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
