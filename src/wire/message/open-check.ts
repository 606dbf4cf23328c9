/**
 * OPEN checks that need the session's view (RFC 4271 §6.2, RFC 6286 §2.2, RFC 6793): the peer's
 * AS, the BGP Identifier and the Hold Time. The decoder (open.ts) only rejects malformed bytes;
 * these run once the session knows what it expects. Each throws the NotifyError to send.
 */
import { NotifyError } from '../error.js';
import { type Open, speakerAsn } from './open.js';

/** RFC 4271 §4.2: the smallest non-zero Hold Time; "MUST be either zero or at least three". */
export const MIN_HOLD_TIME_SECONDS = 3;

/**
 * RFC 4271 §6.2: "An implementation MUST reject Hold Time values of one or two seconds. An
 * implementation MAY reject any proposed Hold Time." Zero (no keepalives) is always accepted;
 * a session may raise `minimumSeconds` to refuse more. Throws 2/6.
 */
export function checkHoldTime(holdTimeSeconds: number, minimumSeconds = MIN_HOLD_TIME_SECONDS): void {
  if (holdTimeSeconds === 0) return;
  if (holdTimeSeconds < Math.max(minimumSeconds, MIN_HOLD_TIME_SECONDS)) {
    throw new NotifyError(2, 6, 'open-hold-time', `unacceptable hold time ${holdTimeSeconds}`);
  }
}

/**
 * RFC 6286 §2.2: the BGP Identifier is bad "if the BGP Identifier field of the OPEN message is
 * zero, or if it is the same as the BGP Identifier of the local BGP speaker and the message is
 * from an internal peer". Throws 2/3.
 */
export function checkRouterId(remote: string, local?: string, internal = false): void {
  if (remote === '0.0.0.0') {
    throw new NotifyError(2, 3, 'open-router-id', 'BGP identifier 0.0.0.0');
  }
  if (internal && local !== undefined && remote === local) {
    throw new NotifyError(2, 3, 'open-router-id', `BGP identifier ${remote} is our own (iBGP)`);
  }
}

/**
 * RFC 4271 §6.2: "If the Autonomous System field of the OPEN message is unacceptable, then the
 * Error Subcode MUST be set to Bad Peer AS." The speaker's AS is read from the 4-octet AS
 * capability when present (RFC 6793 §4.1). `expected` undefined accepts any AS. Throws 2/2.
 */
export function checkPeerAs(open: Open, expected: number | undefined): void {
  if (expected === undefined) return;
  const asn = speakerAsn(open);
  if (asn !== expected) {
    throw new NotifyError(2, 2, 'open-peer-as', `peer AS ${asn}, expected ${expected}`);
  }
}

export interface OpenExpectations {
  /** The configured peer AS; undefined accepts any. */
  readonly peerAsn?: number;
  readonly localRouterId?: string;
  /** True for an iBGP session (same AS on both sides). */
  readonly internal?: boolean;
  readonly minimumHoldTimeSeconds?: number;
}

/** Run every check in RFC 4271 §6.2 order: peer AS, BGP Identifier, Hold Time. */
export function checkOpen(open: Open, expect: OpenExpectations = {}): void {
  checkPeerAs(open, expect.peerAsn);
  checkRouterId(open.routerId, expect.localRouterId, expect.internal ?? false);
  checkHoldTime(open.holdTimeSeconds, expect.minimumHoldTimeSeconds);
}
