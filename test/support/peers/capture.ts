/**
 * Packet capture for interop tests: dumpcap on `lo` filtered to one TCP port into a pcap in a
 * work dir, then an independent decode with tshark (`-d tcp.port==PORT,bgp`). Any
 * "[Malformed Packet]" or expert warning on BGP traffic is reported: on our own traffic it is a
 * bug, since Wireshark's BGP dissector knows nothing of bgpknife.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  binPath,
  makeWorkDir,
  removeWorkDir,
  runCli,
  skipOrFail,
  sleep,
  startDaemon,
  tailFile,
  waitFor,
} from './common.js';

/** How long dumpcap may take to start capturing. */
const CAPTURE_START_TIMEOUT_MS = 5_000;
/** tshark on a small capture; generous because CI machines are slow. */
const DECODE_TIMEOUT_MS = 30_000;

export interface Capture {
  readonly pcap: string;
  readonly pid: number;
  /** Stops dumpcap (exactly its PID) and waits for it to flush the file. */
  stop(): Promise<void>;
  /** stop(), then removes the work dir (unless BGPKNIFE_KEEP_PEERS=1). */
  dispose(): Promise<void>;
}

export interface CaptureReport {
  /** The full `tshark -V` text. */
  readonly text: string;
  readonly malformed: boolean;
  /** Expert infos of severity Warning or Error ("[Expert Info (Warning/...): ...]"). */
  readonly expertWarnings: readonly string[];
  /** bgp.type of every BGP message in the capture, in order (1 OPEN, 2 UPDATE, 3 NOTIFICATION, 4 KEEPALIVE). */
  readonly messageTypes: readonly number[];
}

/** Thrown when this machine does not allow capturing on the interface. */
export class CaptureUnavailableError extends Error {}

/**
 * startCapture for a test: when this machine cannot capture, the test is skipped (a failure
 * under CI=true, skipOrFail) and undefined returned; any other error is thrown.
 */
export async function captureOrSkip(
  t: { skip(msg?: string): void },
  opts: { port: number; iface?: string },
): Promise<Capture | undefined> {
  try {
    return await startCapture(opts);
  } catch (e) {
    if (!(e instanceof CaptureUnavailableError)) throw e;
    skipOrFail(e.message, t);
    return undefined;
  }
}

export async function startCapture(opts: { port: number; iface?: string }): Promise<Capture> {
  const workDir = makeWorkDir('capture');
  const pcap = join(workDir, `port-${opts.port}.pcap`);
  const log = join(workDir, 'dumpcap.log');
  const daemon = startDaemon(
    binPath('dumpcap'),
    ['-i', opts.iface ?? 'lo', '-f', `tcp port ${opts.port}`, '-w', pcap, '-P'],
    log,
  );
  try {
    await waitFor(
      'dumpcap to start capturing',
      async () => {
        if (!daemon.running()) throw new Error(`dumpcap exited: ${tailFile(log, 5)}`);
        return readFileSync(log, 'utf8').includes('Capturing on') ? true : undefined;
      },
      { timeoutMs: CAPTURE_START_TIMEOUT_MS, intervalMs: 50 },
    );
    // dumpcap announces itself just before the filter is installed on the socket.
    await sleep(200);
  } catch (e) {
    await daemon.stop();
    removeWorkDir(workDir);
    throw new CaptureUnavailableError(`cannot capture on ${opts.iface ?? 'lo'}: ${(e as Error).message}`);
  }
  const stop = async (): Promise<void> => {
    // A short pause lets the last packets of a closing session reach the capture.
    if (daemon.running()) await sleep(200);
    await daemon.stop();
  };
  return {
    pcap,
    pid: daemon.pid,
    stop,
    dispose: async () => {
      await stop();
      removeWorkDir(workDir);
    },
  };
}

/** Decodes `pcap` with tshark, treating `port` as BGP. */
export async function decodeCapture(pcap: string, port: number): Promise<CaptureReport> {
  const decodeAs = ['-r', pcap, '-d', `tcp.port==${port},bgp`];
  const verbose = await runCli(binPath('tshark'), [...decodeAs, '-V'], DECODE_TIMEOUT_MS);
  if (verbose.code !== 0) throw new Error(`tshark -V failed: ${verbose.stderr}`);
  const fields = await runCli(
    binPath('tshark'),
    [...decodeAs, '-Y', 'bgp', '-T', 'fields', '-e', 'bgp.type'],
    DECODE_TIMEOUT_MS,
  );
  if (fields.code !== 0) throw new Error(`tshark -T fields failed: ${fields.stderr}`);
  const text = verbose.stdout;
  const expertWarnings = [...text.matchAll(/\[Expert Info \((?:Warning|Error)\/[^)]*\):[^\]]*\]/g)].map(
    (m) => m[0],
  );
  const messageTypes = fields.stdout
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map(Number);
  return { text, malformed: text.includes('[Malformed Packet'), expertWarnings, messageTypes };
}
