/**
 * Per-frame BGP fields from a capture (tshark -T fields), for the interop suite's wire checks:
 * who sent the frame, the BGP message types in it, IPv4 NLRI announced and withdrawn,
 * ROUTE-REFRESH subtypes, NOTIFICATION codes and RFC 9003 shutdown text.
 */
import { binPath, runCli } from '../support/peers/common.js';

export interface BgpFrame {
  readonly src: string;
  readonly types: readonly number[];
  readonly nlri: readonly string[];
  readonly withdrawn: readonly string[];
  readonly refreshSubtypes: readonly number[];
  readonly notify: readonly string[];
  readonly communication: string;
}

const FIELDS = [
  'ip.src',
  'ipv6.src',
  'bgp.type',
  'bgp.nlri_prefix',
  'bgp.withdrawn_prefix',
  'bgp.route_refresh.subtype',
  'bgp.notify.major_error',
  'bgp.notify.minor_error_cease',
  'bgp.notify.communication',
];

const list = (s: string | undefined): string[] => (s ? s.split(',').filter(Boolean) : []);

export async function bgpFrames(pcap: string, port: number): Promise<BgpFrame[]> {
  const args = ['-r', pcap, '-d', `tcp.port==${port},bgp`, '-Y', 'bgp', '-T', 'fields'];
  for (const f of FIELDS) args.push('-e', f);
  args.push('-E', 'occurrence=a', '-E', 'aggregator=,', '-E', 'separator=\t');
  const r = await runCli(binPath('tshark'), args, 30_000);
  if (r.code !== 0) throw new Error(`tshark failed: ${r.stderr}`);
  return r.stdout
    .split('\n')
    .filter((l) => l.trim())
    .map((line) => {
      const c = line.split('\t');
      const major = list(c[6]);
      const minor = list(c[7]);
      return {
        src: c[0] || c[1] || '',
        types: list(c[2]).map(Number),
        nlri: list(c[3]),
        withdrawn: list(c[4]),
        refreshSubtypes: list(c[5]).map(Number),
        notify: major.map((m, i) => `${m}/${minor[i] ?? ''}`),
        communication: c[8] ?? '',
      };
    });
}

/** How often `prefix` (its address) was announced and withdrawn in frames from `src`. */
export function countPrefix(frames: readonly BgpFrame[], src: string, address: string) {
  let announced = 0;
  let withdrawn = 0;
  for (const f of frames) {
    if (f.src !== src) continue;
    announced += f.nlri.filter((n) => n === address).length;
    withdrawn += f.withdrawn.filter((n) => n === address).length;
  }
  return { announced, withdrawn };
}
