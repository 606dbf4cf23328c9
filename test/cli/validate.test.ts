import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { type CliIo, nodeIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';

function fakeIo(files: Record<string, string>, env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    readFile: (p) => {
      const text = files[p];
      if (text === undefined) throw new Error('ENOENT: no such file');
      return text;
    },
    env,
  };
  return { io, out, err };
}

const GOOD = 'neighbor 10.0.0.1 {\n\trouter-id 1.1.1.1;\n\tlocal-as 1;\n\tpeer-as 2;\n}\n';

describe('bgpknife validate', () => {
  it('exits 0 on a valid file and prints the canonical form with --print', async () => {
    const { io, out, err } = fakeIo({ 'a.conf': GOOD });
    assert.equal(await main(['validate', '--print', 'a.conf'], io), 0);
    assert.deepEqual(err, []);
    assert.equal(out.join(''), 'neighbor 10.0.0.1 {\n  router-id 1.1.1.1;\n  local-as 1;\n  peer-as 2;\n}\n');
  });

  it('exits 1 and prints every diagnostic with the line and a caret', async () => {
    const { io, out, err } = fakeIo({
      'a.conf': GOOD,
      'b.conf': 'neighbor 10.0.0.1 {\n  peer-as 2;\n  hold-time 1;\n}\n',
    });
    assert.equal(await main(['validate', 'a.conf', 'b.conf', 'missing.conf'], io), 1);
    assert.deepEqual(out, []);
    assert.equal(
      err.join(''),
      [
        'b.conf:1:1: error: neighbor 10.0.0.1 has no local-as',
        '  neighbor 10.0.0.1 {',
        '  ^~~~~~~~',
        'expected: local-as ASN;',
        'b.conf:3:3: error: hold-time 1 is out of range',
        '    hold-time 1;',
        '    ^~~~~~~~~~~',
        'expected: 0 or 3..65535',
        'missing.conf: error: cannot read: ENOENT: no such file',
        '',
      ].join('\n'),
    );
  });

  it('--print redacts md5-password unless --show-secrets is given', async () => {
    const text = GOOD.replace('peer-as 2;', 'peer-as 2;\n\tmd5-password "hunter2";');
    const redacted = fakeIo({ 'a.conf': text });
    assert.equal(await main(['validate', '--print', 'a.conf'], redacted.io), 0);
    assert.doesNotMatch(redacted.out.join(''), /hunter2/);
    assert.match(redacted.out.join(''), /md5-password "\(redacted: use --show-secrets\)";/);
    const shown = fakeIo({ 'a.conf': text });
    assert.equal(await main(['validate', '--print', '--show-secrets', 'a.conf'], shown.io), 0);
    assert.match(shown.out.join(''), /md5-password "hunter2";/);
  });

  it('a diagnostic quoting an md5-password line hides the key', async () => {
    const key = 'k'.repeat(81);
    const { io, err } = fakeIo({
      'a.conf': GOOD.replace('peer-as 2;', `peer-as 2;\n\tmd5-password "${key}";`),
    });
    assert.equal(await main(['validate', 'a.conf'], io), 1);
    assert.match(err.join(''), /longer than 80/);
    assert.doesNotMatch(err.join(''), /kkkk/);
    assert.match(err.join(''), / md5-password \*{83};/);
  });

  it('reads a file in pieces without --print and reports exactly what the whole text gives', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bgpknife-validate-'));
    try {
      const routes = Array.from(
        { length: 30000 },
        (_, i) => `    route 10.1.${i >> 8}.${i & 255}/32 next-hop 192.0.2.1;`,
      );
      routes[25000] = '    route 10.1.300.1/32 next-hop 192.0.2.1 med 5000000000;';
      const text = `neighbor 10.0.0.1 {\n  router-id 1.1.1.1;\n  local-as 1;\n  peer-as 2;\n  static {\n${routes.join('\n')}\n  }\n}\n`;
      const file = join(dir, 'big.conf');
      writeFileSync(file, text);
      const err: string[] = [];
      const io: CliIo = { ...nodeIo(), out: () => {}, err: (t) => err.push(t) };
      assert.ok(io.readPieces);
      assert.equal(await main(['validate', file], io), 1);
      const whole = fakeIo({ [file]: text });
      assert.equal(await main(['validate', file], whole.io), 1);
      assert.deepEqual(err, whole.err);
      assert.match(err.join(''), /:25006:5: error: invalid prefix/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('shows usage for no file or an unknown subcommand', async () => {
    assert.equal(await main(['validate'], fakeIo({}).io), 2);
    assert.equal(await main(['frobnicate'], fakeIo({}).io), 2);
  });
});

describe('bgpknife env', () => {
  it('lists settings, with --diff only those that are set', async () => {
    const { io, out } = fakeIo({}, { exabgp_tcp_port: '1790' });
    assert.equal(await main(['env', '--diff'], io), 0);
    assert.deepEqual(out, [
      "exabgp.tcp.port = '1790'  # TCP port to listen on and to connect to (environment; default '179')\n",
    ]);
  });

  it('reads the file named by --env', async () => {
    const { io, out } = fakeIo({ 'x.env': '[exabgp.api]\nencoder = text\n' });
    assert.equal(await main(['env', '--diff', '--env', 'x.env'], io), 0);
    assert.equal(out.length, 1);
    assert.match(out[0]!, /^exabgp\.api\.encoder = 'text' .*\(file; default 'json'\)/);
  });
});
