/**
 * Observability through node:diagnostics_channel (as undici does): the core publishes facts on
 * named channels and never imports a logger; logging and metrics subscribe (src/daemon/log.ts).
 * Publishing costs almost nothing when nobody subscribes (`hasSubscribers` is checked first).
 */
import diagnostics from 'node:diagnostics_channel';

/** A session changed FSM state. */
export interface SessionStateEvent {
  readonly peer: string;
  readonly from: string;
  readonly to: string;
  readonly reason?: string;
}

/** A BGP message crossed the wire. */
export interface MessageEvent {
  readonly peer: string;
  readonly direction: 'in' | 'out';
  readonly type: number;
  readonly bytes: number;
}

/** Something went wrong that the daemon survived (bad input, a helper crash ...). */
export interface ProblemEvent {
  readonly source: string;
  readonly message: string;
  readonly peer?: string;
}

/** A free-form log line from a component. */
export interface LogEvent {
  readonly level: 'debug' | 'info' | 'warning' | 'error';
  readonly source: string;
  readonly message: string;
  readonly fields?: Readonly<Record<string, unknown>>;
}

export const CHANNELS = {
  sessionState: diagnostics.channel('bgpknife:session:state'),
  message: diagnostics.channel('bgpknife:session:message'),
  problem: diagnostics.channel('bgpknife:problem'),
  log: diagnostics.channel('bgpknife:log'),
} as const;

export function publishState(e: SessionStateEvent): void {
  if (CHANNELS.sessionState.hasSubscribers) CHANNELS.sessionState.publish(e);
}

export function publishMessage(e: MessageEvent): void {
  if (CHANNELS.message.hasSubscribers) CHANNELS.message.publish(e);
}

export function publishProblem(e: ProblemEvent): void {
  if (CHANNELS.problem.hasSubscribers) CHANNELS.problem.publish(e);
}

export function publishLog(e: LogEvent): void {
  if (CHANNELS.log.hasSubscribers) CHANNELS.log.publish(e);
}
