/**
 * ExaBGP's functional-test expectation files: `[conn]seq:kind:payload` lines (see
 * ../shared/conformance/README.md). Groups with the same connection and sequence number may
 * arrive in any order; groups are consumed in order, connection A's before B's.
 */

export type Step =
  | { readonly kind: 'raw'; readonly hex: string }
  | { readonly kind: 'signal'; readonly name: string }
  | { readonly kind: 'notification'; readonly text: string }
  /** main/api only: the API command that must produce the raw lines that follow. */
  | { readonly kind: 'cmd'; readonly command: string };

export interface Group {
  readonly conn: string;
  readonly seq: number;
  readonly steps: Step[];
}

export interface TestFile {
  readonly name: string;
  /** Config file names (5.0.13: the .ci's first line; main/api: option:file: lines). */
  readonly configs: string[];
  /** option:KEY:VALUE lines (main/api). */
  readonly options: Map<string, string[]>;
  readonly groups: Group[];
}

const LINE = /^([A-Z]?)(\d+):(raw|signal|notification|cmd|json):(.*)$/i;

/** Parse expectation lines; comments ('#') and blank lines are skipped. */
export function parseExpectations(name: string, text: string, configs: string[] = []): TestFile {
  const options = new Map<string, string[]>();
  const byKey = new Map<string, Group>();
  for (const rawLine of text.split('\n')) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#') || line.includes('#')) continue;
    if (line.startsWith('option:')) {
      const [, key = '', ...rest] = line.split(':');
      const list = options.get(key) ?? [];
      list.push(rest.join(':'));
      options.set(key, list);
      if (key === 'file') configs.push(rest.join(':'));
      continue;
    }
    const m = LINE.exec(line);
    if (!m) throw new Error(`${name}: cannot read line: ${line.slice(0, 80)}`);
    const conn = (m[1] || 'A').toUpperCase();
    const seq = Number(m[2]);
    const kind = m[3]!.toLowerCase();
    const payload = m[4]!;
    if (kind === 'json') continue; // informative only (another dialect)
    const key = `${conn}:${seq}`;
    let group = byKey.get(key);
    if (!group) {
      group = { conn, seq, steps: [] };
      byKey.set(key, group);
    }
    if (kind === 'raw') group.steps.push({ kind: 'raw', hex: payload.replace(/[:\s]/g, '').toUpperCase() });
    else if (kind === 'signal') group.steps.push({ kind: 'signal', name: payload.trim().toUpperCase() });
    else if (kind === 'notification') group.steps.push({ kind: 'notification', text: payload });
    else group.steps.push({ kind: 'cmd', command: payload.trim() });
  }
  const groups = [...byKey.values()].sort((a, b) =>
    a.conn === b.conn ? a.seq - b.seq : a.conn < b.conn ? -1 : 1,
  );
  return { name, configs, options, groups };
}
