/**
 * TEST HOOK (setting bgpknife.debug.received-file): appends what each peer sent us to a file as
 * ExaBGP 5.0 JSON `update` events, one per line, so interop tests can check bgpknife's
 * Adj-RIB-In until the API exposes it. Routes the daemon drops on its own (session loss without
 * graceful restart, stale routes purged) are written as synthetic withdrawals with
 * `"bgpknife-reason"` set, so folding the lines in order gives exactly the Adj-RIB-In.
 *
 * Not an interface for users: the API's receive events replace it. Writes go through a stream
 * and are dropped (counted) past RECEIVED_LOG_MAX_QUEUED_BYTES, so a slow disk never blocks.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { hostname } from 'node:os';
import { type EventNeighbor, eventJson } from '../api/json/envelope.js';
import type { Attribute } from '../wire/attribute/types.js';
import { stringifyJson } from '../wire/json.js';
import type { Update } from '../wire/message/update.js';
import { updateMessageJson } from '../wire/message/update-json.js';
import { type FamilyKey, familyOf, IPV4_UNICAST } from '../wire/nlri/family.js';
import type { Nlri } from '../wire/nlri/types.js';

/** Bytes queued to the file before further lines are dropped. */
export const RECEIVED_LOG_MAX_QUEUED_BYTES = 64 * 1024 * 1024;

/** Where received routes are reported (the file hook, or nothing). */
export interface ReceivedSink {
  update(peer: EventNeighbor, u: Update): void;
  removed(peer: EventNeighbor, nlri: readonly Nlri[], reason: string): void;
}

/** An UPDATE withdrawing `nlri` (IPv4 unicast in the Withdrawn Routes, others in MP_UNREACH). */
export function withdrawalUpdate(nlri: readonly Nlri[]): Update {
  const byFamily = new Map<FamilyKey, Nlri[]>();
  for (const n of nlri) {
    const list = byFamily.get(n.family) ?? [];
    list.push(n);
    byFamily.set(n.family, list);
  }
  const attributes: Attribute[] = [];
  for (const [family, list] of byFamily) {
    if (family === IPV4_UNICAST) continue;
    const { afi, safi } = familyOf(family);
    attributes.push({ kind: 'mp-unreach', afi, safi, nlri: list });
  }
  return {
    kind: 'update',
    withdrawn: byFamily.get(IPV4_UNICAST) ?? [],
    attributes,
    nlri: [],
    errors: [],
    action: 'ok',
  };
}

export class ReceivedLog implements ReceivedSink {
  private readonly out: WriteStream;
  private counter = 0;
  /** Lines dropped because the file could not keep up. */
  dropped = 0;

  constructor(file: string) {
    this.out = createWriteStream(file, { flags: 'a' });
    this.out.on('error', () => {
      this.dropped++;
    });
  }

  update(peer: EventNeighbor, u: Update): void {
    this.write(peer, u);
  }

  removed(peer: EventNeighbor, nlri: readonly Nlri[], reason: string): void {
    if (nlri.length > 0) this.write(peer, withdrawalUpdate(nlri), reason);
  }

  close(): Promise<void> {
    return new Promise((r) => this.out.end(r));
  }

  private write(peer: EventNeighbor, u: Update, reason?: string): void {
    if (this.out.writableLength > RECEIVED_LOG_MAX_QUEUED_BYTES) {
      this.dropped++;
      return;
    }
    const stamp = {
      timeSeconds: Date.now() / 1000,
      host: hostname(),
      pid: process.pid,
      ppid: process.ppid,
      counter: ++this.counter,
    };
    const event = eventJson('5.0', stamp, 'update', peer, 'in', { message: updateMessageJson(u) });
    if (reason) event['bgpknife-reason'] = reason;
    this.out.write(`${stringifyJson(event)}\n`);
  }
}
