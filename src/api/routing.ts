/**
 * Which helpers hear about what, from a neighbor's `api { }` blocks, as ExaBGP 5.0.13 flattens
 * them (configuration/neighbor/api.py, reactor/protocol.py):
 *
 *   neighbor-changes  connected / up / down          negotiated  the negotiated event, and the
 *   receive|send { T }   messages of type T            negotiated object inside UPDATE events
 *   receive|send { packets }  raw header/body events (unless consolidate)
 *   receive|send { parsed }   parsed events; { consolidate } parsed events with header/body
 *
 * The switches are per neighbor, not per block: ExaBGP tests whether any block set `parsed`,
 * and then tells every process that asked for type T.
 */
import type { ApiBinding, NeighborConfig } from '../config/lower/model.js';

export type Way = 'send' | 'receive';

export interface MessageRouting {
  /** Helpers told about the parsed message (type T set). */
  readonly parsed: readonly string[];
  /** Helpers told about the raw packet. */
  readonly packets: readonly string[];
  /** Parsed events carry header and body. */
  readonly consolidate: boolean;
  /** Events carry the negotiated object. */
  readonly negotiated: boolean;
}

const NONE: MessageRouting = { parsed: [], packets: [], consolidate: false, negotiated: false };

function union(bindings: readonly ApiBinding[], pick: (b: ApiBinding) => boolean): string[] {
  const out = new Set<string>();
  for (const b of bindings) if (pick(b)) for (const p of b.processes) out.add(p);
  return [...out];
}

export function neighborChangeHelpers(n: NeighborConfig): string[] {
  return union(n.api, (b) => b.neighborChanges);
}

export function negotiatedHelpers(n: NeighborConfig): string[] {
  return union(n.api, (b) => b.negotiated);
}

/** Who gets a message of this type (ExaBGP's short name: open, update, refresh ...). */
export function messageRouting(n: NeighborConfig, way: Way, type: string): MessageRouting {
  const wanted = union(n.api, (b) => b[way][type] === true);
  if (wanted.length === 0) return NONE;
  const any = (key: string) => n.api.some((b) => b[way][key] === true);
  const consolidate = any('consolidate');
  const packets = any('packets') && !consolidate ? union(n.api, (b) => b[way].packets === true) : [];
  const parsed = consolidate || any('parsed') ? wanted : [];
  return { parsed, packets, consolidate, negotiated: any('negotiated') || n.api.some((b) => b.negotiated) };
}

/** Is this helper bound to the neighbor (processes, or a processes-match regex)? */
export function boundTo(n: NeighborConfig, helper: string): boolean {
  return n.api.some(
    (b) =>
      b.processes.includes(helper) ||
      b.processesMatch.some((r) => {
        try {
          return new RegExp(`^(?:${r})`).test(helper);
        } catch {
          return false;
        }
      }),
  );
}
