/**
 * The conformance test peer: a minimal BGP speaker that checks what the daemon under test sends,
 * behaving as ExaBGP's functional-test peer does (../shared/conformance/README.md):
 * it echoes the daemon's OPEN with the router-id's last byte plus one (and the ASN replaced
 * when `asn` is set), answers every message with a KEEPALIVE, and compares every other
 * message byte for byte with the current group of expected messages. Signal and notification
 * steps are performed when they reach the head of the queue.
 */
import net from 'node:net';
import { Framer } from '../../src/wire/frame.js';
import type { Step, TestFile } from './expectations.js';

export interface TestPeerOptions {
  readonly host: string;
  /** Answer as this ASN (eBGP), rewriting the OPEN's AS field and 4-octet AS capability. */
  readonly asn?: number;
  readonly sendUnknownCapability?: boolean;
  readonly sendUnknownMessage?: boolean;
  readonly sendDefaultRoute?: boolean;
  readonly inspectOpen?: boolean;
  /** Called for a `signal:` step: the runner signals the daemon. */
  readonly onSignal: (name: string) => void;
  /** Called with the hex of each expected message received (API pacing). */
  readonly onMatched?: (hex: string) => void;
  /** Called when the daemon's OPEN arrives. */
  readonly onOpen?: () => void;
}

export interface TestOutcome {
  readonly ok: boolean;
  readonly reason: string;
}

const MARKER = 'F'.repeat(32);
const KEEPALIVE = Buffer.from(`${'ff'.repeat(16)}001304`, 'hex');
const EOR_IPV4 = `${MARKER}001702` + '00000000';
const DEFAULT_ROUTE = Buffer.from(
  `${'ff'.repeat(16)}00310200000015400101004002004003047f000001400504000000642000000000`,
  'hex',
);

function notify(text: string): Buffer {
  const t = Buffer.from(text, 'utf8');
  const b = Buffer.alloc(21 + t.length, 0xff);
  b.writeUInt16BE(21 + t.length, 16);
  b[18] = 3;
  b[19] = 6; // Cease
  b[20] = 0;
  t.copy(b, 21);
  return b;
}

/** The OPEN to answer with: the daemon's own, router-id + 1, ASN replaced when asked. */
export function echoOpen(open: Buffer, asn?: number, unknownCapability = false): Buffer {
  const out = Buffer.from(open);
  out[19 + 8] = (out[19 + 8]! + 1) & 0xff;
  if (asn !== undefined) {
    out.writeUInt16BE(asn > 0xffff ? 23456 : asn, 19 + 1);
    // Rewrite the 4-octet AS capability (code 65) wherever it is.
    const end = 19 + 10 + out[19 + 9]!;
    for (let p = 29; p + 2 <= end; p += 2 + out[p + 1]!) {
      if (out[p] !== 2) continue;
      for (let c = p + 2; c + 2 <= p + 2 + out[p + 1]!; c += 2 + out[c + 1]!) {
        if (out[c] === 65 && out[c + 1] === 4) out.writeUInt32BE(asn, c + 2);
      }
    }
  }
  if (!unknownCapability) return out;
  const content = Buffer.from('loremipsum');
  const param = Buffer.concat([Buffer.from([2, content.length + 2, 66, content.length]), content]);
  const grown = Buffer.concat([out, param]);
  grown.writeUInt16BE(grown.length, 16);
  grown[28] = grown[28]! + param.length;
  return grown;
}

export class TestPeer {
  private readonly queue: Step[][];
  private current: Step[] = [];
  private readonly updatesSeen: Buffer[] = [];
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();
  private settle!: (o: TestOutcome) => void;
  readonly outcome: Promise<TestOutcome>;
  private done = false;
  /** Human-readable trace of what happened, for failure reports. */
  readonly log: string[] = [];

  constructor(
    test: TestFile,
    private readonly opts: TestPeerOptions,
  ) {
    this.queue = test.groups.map((g) => g.steps.filter((s) => s.kind !== 'cmd'));
    this.outcome = new Promise((r) => (this.settle = r));
  }

  async listen(): Promise<number> {
    const server = net.createServer((s) => this.accept(s));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: this.opts.host, port: 0 }, () => resolve());
    });
    return (server.address() as net.AddressInfo).port;
  }

  finish(ok: boolean, reason: string): void {
    if (this.done) return;
    this.done = true;
    this.settle({ ok, reason });
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  private refill(): void {
    if (this.current.length === 0 && this.queue.length > 0) this.current = this.queue.shift()!;
  }

  private get completed(): boolean {
    return this.current.length === 0 && this.queue.length === 0;
  }

  private accept(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.setNoDelay(true);
    this.refill();
    this.log.push('new connection');
    const framer = new Framer(true);
    let opened = false;
    socket.on('data', (chunk: Buffer) => {
      try {
        for (const f of framer.push(chunk)) {
          if (this.done) return;
          if (!opened) {
            opened = true;
            this.handleOpen(socket, Buffer.from(f.raw));
          } else this.handleMessage(socket, Buffer.from(f.raw));
        }
      } catch (e) {
        this.finish(false, `bad bytes from the daemon: ${(e as Error).message}`);
      }
    });
    socket.on('error', () => {});
    socket.on('close', () => this.sockets.delete(socket));
  }

  private handleOpen(socket: net.Socket, open: Buffer): void {
    if (open[18] !== 1) {
      this.finish(false, `first message is type ${open[18]}, not OPEN`);
      return;
    }
    socket.write(echoOpen(open, this.opts.asn, this.opts.sendUnknownCapability));
    this.opts.onOpen?.();
    socket.write(KEEPALIVE);
    if (this.opts.sendUnknownMessage) socket.write(Buffer.from(`${'ff'.repeat(16)}0013ff`, 'hex'));
    if (this.opts.inspectOpen) {
      if (!this.check(socket, open)) return;
    } else this.performActions(socket, open);
    if (this.opts.sendDefaultRoute) socket.write(DEFAULT_ROUTE);
  }

  private handleMessage(socket: net.Socket, msg: Buffer): void {
    socket.write(KEEPALIVE);
    this.check(socket, msg);
  }

  /** Compare one message with the current group; true when it was expected. */
  private check(socket: net.Socket, msg: Buffer): boolean {
    if (msg[18] === 4) return true;
    const hex = msg.toString('hex').toUpperCase();
    if (this.completed) {
      if (hex === EOR_IPV4) return true;
      this.finish(false, `received an extra message after all expected ones:\n  ${hex}`);
      return false;
    }
    const idx = this.current.findIndex(
      (s) => s.kind === 'raw' && (s.hex.startsWith(MARKER) ? s.hex === hex : s.hex === hex.slice(32)),
    );
    if (idx === -1) {
      const options = this.current
        .filter((s) => s.kind === 'raw')
        .map((s) => `  expected ${(s as { hex: string }).hex}`);
      this.finish(false, `unexpected message:\n  received ${hex}\n${options.join('\n')}`);
      return false;
    }
    this.current.splice(idx, 1);
    this.log.push(`matched ${hex.slice(32, 80)}`);
    this.opts.onMatched?.(hex);
    const isEor = msg[18] === 2 && (msg.length === 23 || (msg.length === 29 && msg.readUInt16BE(21) === 6));
    if (msg[18] === 2 && !isEor) this.updatesSeen.push(msg);
    this.performActions(socket, msg);
    if (this.completed) this.finish(true, 'all expected messages received');
    return true;
  }

  private performActions(socket: net.Socket, msg: Buffer): void {
    this.refill();
    const head = this.current[0];
    if (head?.kind === 'signal') {
      this.current.shift();
      this.refill();
      this.log.push(`signal ${head.name}`);
      this.opts.onSignal(head.name);
    }
    const next = this.current[0];
    if (next?.kind === 'notification') {
      this.current.shift();
      this.refill();
      this.log.push(`notification '${next.text}'`);
      socket.write(notify(next.text));
    }
    if (msg[18] === 5) {
      for (const u of this.updatesSeen) socket.write(u);
      socket.write(KEEPALIVE);
    }
    if (this.completed && !this.done) this.finish(true, 'all expected messages received');
  }
}
