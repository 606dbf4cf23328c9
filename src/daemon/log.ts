/**
 * The daemon's log: subscribes to the core's diagnostics channels and writes one line per event
 * to stderr, as text or as JSON lines. Peer-supplied text is escaped (JSON) or made printable
 * (text) so it can never break a log line or a terminal.
 */
import {
  CHANNELS,
  type LogEvent,
  type MessageEvent,
  type ProblemEvent,
  type SessionStateEvent,
} from '../observe/channels.js';

export type LogLevel = LogEvent['level'];
const RANK: Readonly<Record<LogLevel, number>> = { debug: 0, info: 1, warning: 2, error: 3 };

export interface LogOptions {
  readonly level: LogLevel;
  readonly json: boolean;
  /** Also log every message in and out (debug volume). */
  readonly packets: boolean;
  readonly write: (line: string) => void;
  readonly now: () => Date;
}

/** Replace control characters so peer text cannot forge lines or terminal escapes. */
export function printable(text: string): string {
  return text.replace(
    /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g,
    (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}

export function formatLine(opts: Pick<LogOptions, 'json' | 'now'>, e: LogEvent): string {
  if (opts.json) {
    return JSON.stringify({
      time: opts.now().toISOString(),
      level: e.level,
      source: e.source,
      message: e.message,
      ...e.fields,
    });
  }
  const fields = e.fields
    ? Object.entries(e.fields)
        .map(([k, v]) => ` ${k}=${printable(typeof v === 'string' ? v : JSON.stringify(v))}`)
        .join('')
    : '';
  return `${opts.now().toISOString()} ${e.level.padEnd(7)} ${e.source.padEnd(10)} ${printable(e.message)}${fields}`;
}

/** Start logging; returns a function that stops it. */
export function startLogging(opts: LogOptions): () => void {
  const emit = (e: LogEvent) => {
    if (RANK[e.level] >= RANK[opts.level]) opts.write(`${formatLine(opts, e)}\n`);
  };
  const onLog = (m: unknown) => emit(m as LogEvent);
  const onState = (m: unknown) => {
    const s = m as SessionStateEvent;
    emit({
      level: s.to === 'established' || s.from === 'established' ? 'info' : 'debug',
      source: 'session',
      message: `${s.peer} ${s.from} -> ${s.to}`,
      fields: s.reason ? { reason: s.reason } : undefined,
    });
  };
  const onProblem = (m: unknown) => {
    const p = m as ProblemEvent;
    emit({
      level: 'warning',
      source: p.source,
      message: p.message,
      fields: p.peer ? { peer: p.peer } : undefined,
    });
  };
  const onMessage = (m: unknown) => {
    const x = m as MessageEvent;
    emit({
      level: 'debug',
      source: 'wire',
      message: `${x.peer} ${x.direction} type ${x.type} (${x.bytes} bytes)`,
    });
  };
  CHANNELS.log.subscribe(onLog);
  CHANNELS.sessionState.subscribe(onState);
  CHANNELS.problem.subscribe(onProblem);
  if (opts.packets) CHANNELS.message.subscribe(onMessage);
  return () => {
    CHANNELS.log.unsubscribe(onLog);
    CHANNELS.sessionState.unsubscribe(onState);
    CHANNELS.problem.unsubscribe(onProblem);
    if (opts.packets) CHANNELS.message.unsubscribe(onMessage);
  };
}
