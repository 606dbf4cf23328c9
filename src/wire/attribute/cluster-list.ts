/**
 * CLUSTER_LIST (type 10), RFC 4456 §8: optional non-transitive, the cluster IDs a reflected
 * route went through, most recent first.
 *
 *   +-------------------------------+-------------------------------+-----
 *   | cluster ID (4 octets)         | cluster ID (4 octets)         | ...
 *   +-------------------------------+-------------------------------+-----
 *
 * RFC 7606 §7.10: a length that is not a non-zero multiple of 4 -> treat-as-withdraw.
 */
import type { Reader } from '../buf/reader.js';
import type { Writer } from '../buf/writer.js';
import { formatIPv4 } from '../nlri/prefix.js';
import { writeSpeaker } from './aggregator.js';
import { checkNotEmpty, expectMultiple } from './check.js';
import { ATTR_FLAG, type AttributeCodec } from './codec.js';

export interface ClusterListAttribute {
  readonly kind: 'cluster-list';
  readonly clusters: readonly string[];
}

export const clusterListCodec: AttributeCodec<ClusterListAttribute> = {
  code: 10,
  kind: 'cluster-list',
  name: 'cluster-list',
  flags: ATTR_FLAG.OPTIONAL,
  onError: 'treat-as-withdraw',
  decode(r: Reader): ClusterListAttribute {
    const n = expectMultiple(r, 'CLUSTER_LIST', 4);
    const clusters: string[] = new Array(n);
    for (let i = 0; i < n; i++) clusters[i] = formatIPv4(r.bytes(4));
    return { kind: 'cluster-list', clusters };
  },
  encode(w: Writer, v: ClusterListAttribute): void {
    checkNotEmpty('CLUSTER_LIST', v.clusters);
    for (const c of v.clusters) writeSpeaker(w, c);
  },
  json(v, out): void {
    out['cluster-list'] = [...v.clusters];
  },
  text(v): string {
    // ExaBGP brackets the list even when it holds a single cluster ID.
    return `cluster-list [ ${v.clusters.join(' ')} ]`;
  },
};
