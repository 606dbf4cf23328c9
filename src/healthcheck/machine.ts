/**
 * The health-check state machine, as ExaBGP's healthcheck runs it: a service is INIT, RISING
 * (checks succeeding, fewer than --rise), UP, FALLING (checks failing, fewer than --fall), DOWN,
 * or DISABLED (the --disable file exists); EXIT withdraws everything (SIGTERM), END leaves the
 * routes in place (--interval 0). Pure: the runner feeds check results and writes the commands.
 */

export type HealthState = 'INIT' | 'DISABLED' | 'RISING' | 'FALLING' | 'UP' | 'DOWN' | 'EXIT' | 'END';

export interface HealthStep {
  readonly state: HealthState;
  /** Consecutive checks counted towards --rise or --fall. */
  readonly checks: number;
}

export interface Thresholds {
  readonly rise: number;
  readonly fall: number;
}

/** RISING with rise ≤ 1 goes straight to UP; FALLING with fall ≤ 1 straight to DOWN. */
function target(t: HealthState, th: Thresholds): HealthState {
  if (t === 'RISING' && th.rise <= 1) return 'UP';
  if (t === 'FALLING' && th.fall <= 1) return 'DOWN';
  return t;
}

/** One iteration: the check's result (and whether the disable file exists) moves the state. */
export function nextState(
  prev: HealthStep,
  successful: boolean,
  disabled: boolean,
  th: Thresholds,
): HealthStep {
  const { state, checks } = prev;
  if (state !== 'DISABLED' && disabled) return { state: 'DISABLED', checks };
  switch (state) {
    case 'INIT':
      if (successful && th.rise <= 1) return { state: 'UP', checks };
      return { state: target(successful ? 'RISING' : 'FALLING', th), checks: 1 };
    case 'DISABLED':
      return disabled ? prev : { state: 'INIT', checks };
    case 'RISING':
      if (!successful) return { state: target('FALLING', th), checks: 1 };
      return checks + 1 >= th.rise ? { state: 'UP', checks: checks + 1 } : { state, checks: checks + 1 };
    case 'FALLING':
      if (successful) return { state: target('RISING', th), checks: 1 };
      return checks + 1 >= th.fall ? { state: 'DOWN', checks: checks + 1 } : { state, checks: checks + 1 };
    case 'UP':
      return successful ? prev : { state: target('FALLING', th), checks: 1 };
    case 'DOWN':
      return successful ? { state: target('RISING', th), checks: 1 } : prev;
    default:
      return prev;
  }
}

/** States that announce (or withdraw): the others (RISING, FALLING, INIT) send nothing. */
export function announces(state: HealthState): boolean {
  return state === 'UP' || state === 'DOWN' || state === 'DISABLED' || state === 'EXIT';
}

export interface AnnounceOptions {
  readonly ips: readonly string[];
  readonly nextHop?: string;
  /** '*' or specific neighbor addresses. */
  readonly neighbors: readonly string[];
  readonly withdrawOnDown: boolean;
  readonly upMetric: number;
  readonly downMetric: number;
  readonly disabledMetric: number;
  readonly increase: number;
  /** -1: not sent. */
  readonly localPreference: number;
  readonly community?: string;
  readonly disabledCommunity?: string;
  readonly extendedCommunity?: string;
  readonly largeCommunity?: string;
  readonly asPath?: string;
  readonly upAsPath?: string;
  readonly downAsPath?: string;
  readonly disabledAsPath?: string;
  readonly pathId?: number;
}

/** The API commands ExaBGP's healthcheck writes for a state, one per IP, in its exact words. */
export function commandsFor(state: HealthState, o: AnnounceOptions): string[] {
  if (!announces(state)) return [];
  const specific = o.neighbors.length > 0 && !o.neighbors.includes('*');
  const prefix = specific ? o.neighbors.map((n) => `neighbor ${n}`).join(', ') : 'neighbor *';
  let metric =
    state === 'UP'
      ? o.upMetric
      : state === 'DOWN'
        ? o.downMetric
        : state === 'DISABLED'
          ? o.disabledMetric
          : 0;
  const asPath =
    (state === 'UP'
      ? o.upAsPath
      : state === 'DOWN'
        ? o.downAsPath
        : state === 'DISABLED'
          ? o.disabledAsPath
          : undefined) ?? o.asPath;
  const out: string[] = [];
  for (const ip of o.ips) {
    const action =
      o.withdrawOnDown || state === 'EXIT' ? (state === 'UP' ? 'announce' : 'withdraw') : 'announce';
    let route = `route ${ip} next-hop ${o.nextHop ?? 'self'}`;
    if (action === 'announce') {
      route += ` med ${metric}`;
      if (o.localPreference >= 0) route += ` local-preference ${o.localPreference}`;
      const community =
        state === 'DOWN' || state === 'DISABLED' ? (o.disabledCommunity ?? o.community) : o.community;
      if (community) route += ` community [ ${community} ]`;
      if (o.extendedCommunity) route += ` extended-community [ ${o.extendedCommunity} ]`;
      if (o.largeCommunity) route += ` large-community [ ${o.largeCommunity} ]`;
      if (asPath) route += ` as-path [ ${asPath} ]`;
    }
    if (o.pathId) route += ` path-information ${o.pathId}`;
    metric += o.increase;
    out.push(`${prefix} ${action} ${route}`);
  }
  return out;
}
