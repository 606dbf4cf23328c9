/**
 * FlowSpec operator/value lists: numeric operators (RFC 8955 §4.2.1.1) and bitmask operators
 * (RFC 8955 §4.2.1.2). Both share the first byte's layout:
 *
 *     0   1   2   3   4   5   6   7
 *   +---+---+---+---+---+---+---+---+
 *   | e | a |  len  | 0 |lt |gt |eq |   numeric
 *   +---+---+---+---+---+---+---+---+
 *   | e | a |  len  | 0 | 0 |not| m |   bitmask
 *   +---+---+---+---+---+---+---+---+
 *
 *   e: end of list   a: AND with the previous term (else OR)   len: value is 1 << len bytes
 *
 * Operator bytes are kept whole, reserved bits included, so a list re-encodes byte for byte.
 */
import type { Reader } from '../../buf/reader.js';
import type { Writer } from '../../buf/writer.js';
import { EncodeError, NotifyError } from '../../error.js';
import { type FlowOp, MAX_FLOW_OPERATORS } from './components.js';

export const OP_EOL = 0x80;
export const OP_AND = 0x40;
export const OP_LEN = 0x30;
// Numeric comparison bits.
export const OP_LT = 0x04;
export const OP_GT = 0x02;
export const OP_EQ = 0x01;
// Bitmask test bits.
export const OP_NOT = 0x02;
export const OP_MATCH = 0x01;

/** The value size (1, 2, 4 or 8 bytes) an operator byte announces. */
export function opValueBytes(op: number): 1 | 2 | 4 | 8 {
  return (1 << ((op & OP_LEN) >> 4)) as 1 | 2 | 4 | 8;
}

/** The length bits for a value size. */
export function opLengthBits(bytes: 1 | 2 | 4 | 8): number {
  return (bytes === 1 ? 0 : bytes === 2 ? 1 : bytes === 4 ? 2 : 3) << 4;
}

/**
 * Read operator/value pairs up to and including the one with the end-of-list bit.
 * RFC 8955 §4.2.1.1: "e - end-of-list bit: Set in the last {op, value} pair in the list."
 */
export function decodeOperators(r: Reader): FlowOp[] {
  const ops: FlowOp[] = [];
  for (;;) {
    if (ops.length >= MAX_FLOW_OPERATORS) {
      throw new NotifyError(3, 10, 'flow-too-many-operators', `more than ${MAX_FLOW_OPERATORS} operators`);
    }
    const at = r.pos;
    if (r.done)
      throw new NotifyError(3, 10, 'flow-truncated', 'operator list ends without end-of-list', undefined, at);
    const op = r.u8();
    const n = opValueBytes(op);
    if (r.remaining < n) {
      throw new NotifyError(
        3,
        10,
        'flow-truncated',
        `operator announces ${n} byte(s), ${r.remaining} left`,
        undefined,
        at,
      );
    }
    const value = n === 8 ? r.u64() : n === 4 ? r.u32() : n === 2 ? r.u16() : r.u8();
    ops.push({ op, value });
    if (op & OP_EOL) return ops;
  }
}

/** Write an operator list exactly as held; EncodeError when it cannot be sent as is. */
export function encodeOperators(w: Writer, ops: readonly FlowOp[]): void {
  if (ops.length === 0) throw new EncodeError('flow-operators', 'a FlowSpec component needs an operator');
  if (ops.length > MAX_FLOW_OPERATORS) throw new EncodeError('flow-operators', 'too many FlowSpec operators');
  for (let i = 0; i < ops.length; i++) {
    const { op, value } = ops[i]!;
    const last = i === ops.length - 1;
    if (!Number.isInteger(op) || op < 0 || op > 0xff)
      throw new EncodeError('flow-operator', `bad operator ${op}`);
    if (Boolean(op & OP_EOL) !== last) {
      throw new EncodeError('flow-operator', 'the end-of-list bit must be set on the last operator only');
    }
    const n = opValueBytes(op);
    w.u8(op);
    if (n === 8) {
      if (typeof value !== 'bigint')
        throw new EncodeError('flow-value', '8-byte FlowSpec values are bigints');
      w.u64(value);
    } else if (typeof value !== 'number') {
      throw new EncodeError('flow-value', `${n}-byte FlowSpec values are numbers`);
    } else if (n === 4) w.u32(value);
    else if (n === 2) w.u16(value);
    else w.u8(value);
  }
}

/** The smallest value size (1, 2 or 4 bytes, at most `maxBytes`) that holds `value`. */
export function valueBytesFor(value: number, maxBytes: 1 | 2 | 4): 1 | 2 | 4 {
  if (value < 0x100) return 1;
  if (value < 0x10000 && maxBytes >= 2) return 2;
  if (maxBytes >= 4) return 4;
  throw new EncodeError('flow-value', `${value} does not fit in ${maxBytes} byte(s)`);
}

/**
 * Build an operator list from comparisons: sets the length bits from each value (smallest
 * size, as ExaBGP does) and the end-of-list bit on the last one.
 * `bits` holds the and/comparison bits of each term (its e and len bits are ignored).
 */
export function makeOps(terms: readonly { bits: number; value: number }[], maxBytes: 1 | 2 | 4): FlowOp[] {
  return terms.map((t, i) => {
    const n = valueBytesFor(t.value, maxBytes);
    const eol = i === terms.length - 1 ? OP_EOL : 0;
    return { op: (t.bits & ~(OP_EOL | OP_LEN) & 0xff) | opLengthBits(n) | eol, value: t.value };
  });
}

// ExaBGP's rendering of the operator bits (without end-of-list and length).
const NUMERIC_TEXT: Readonly<Record<number, string>> = {
  [OP_LT]: '<',
  [OP_GT]: '>',
  [OP_EQ]: '=',
  [OP_LT | OP_EQ]: '<=',
  [OP_GT | OP_EQ]: '>=',
  [OP_LT | OP_GT]: '!=',
  [OP_AND | 7]: '&true',
  [OP_AND | OP_LT]: '&<',
  [OP_AND | OP_GT]: '&>',
  [OP_AND | OP_EQ]: '&=',
  [OP_AND | OP_LT | OP_EQ]: '&<=',
  [OP_AND | OP_GT | OP_EQ]: '&>=',
  [OP_AND | OP_LT | OP_GT]: '&!=',
  [OP_AND]: '&false',
};

const BITMASK_TEXT: Readonly<Record<number, string>> = {
  0: '',
  [OP_NOT]: '!',
  [OP_MATCH]: '=',
  [OP_NOT | OP_MATCH]: '!=',
  [OP_AND]: '&',
  [OP_AND | OP_NOT]: '&!',
  [OP_AND | OP_MATCH]: '&=',
  [OP_AND | OP_NOT | OP_MATCH]: '&!=',
};

function hexByte(n: number): string {
  return n.toString(16).toUpperCase().padStart(2, '0');
}

/**
 * One numeric term as ExaBGP prints it: "=80", "&<8088"; "true" and "false" alone (the value
 * says nothing then); unknown bit patterns as two hex digits before the value.
 */
export function numericTermText(op: number, value: string): string {
  const bits = op & (OP_AND | 0x0f);
  if (bits === 7) return 'true';
  if (bits === 0) return 'false';
  return `${NUMERIC_TEXT[bits] ?? hexByte(bits)}${value}`;
}

/** One bitmask term as ExaBGP prints it: "syn", "=rst", "&!fin". */
export function bitmaskTermText(op: number, value: string): string {
  const bits = op & (OP_AND | 0x0f);
  return `${BITMASK_TEXT[bits] ?? hexByte(bits)}${value}`;
}
