/**
 * `bgpknife cli` against a running daemon (`bgpknife run` as a child process): commands over
 * the control socket get ExaBGP's answers, the socket is private (0600), bad commands fail.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import {
  createReadStream,
  existsSync,
  mkdtempSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pipeFolder } from '../../src/daemon/named-pipes.js';
import { runCli } from '../support/cli.js';
import { REPO_ROOT } from '../support/corpus.js';

const CONFIG = `
neighbor 127.0.0.1 {
  router-id 10.0.0.1; local-address 127.0.0.1; local-as 65000; peer-as 65001; passive;
  family { ipv4 unicast; }
  static { route 10.1.0.0/16 next-hop 127.0.0.1; }
}`;

describe('bgpknife cli against a running daemon', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bgpknife-cli-'));
  const socket = join(dir, 'control.sock');
  const pipename = `bgpknife-test-${process.pid}`;
  let daemon: ChildProcess;

  before(async () => {
    writeFileSync(join(dir, 'test.conf'), CONFIG);
    daemon = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'bgpknife.js'), 'run', join(dir, 'test.conf')], {
      env: {
        ...process.env,
        exabgp_tcp_bind: '',
        bgpknife_api_socket: socket,
        exabgp_api_cli: 'true',
        exabgp_api_pipename: pipename,
      },
      stdio: 'ignore',
    });
    for (let i = 0; i < 100 && !existsSync(socket); i++) await new Promise((r) => setTimeout(r, 50));
  });

  after(async () => {
    const exited = new Promise((r) => daemon.once('exit', r));
    daemon.kill('SIGTERM');
    await exited;
    const { folder } = pipeFolder(pipename);
    for (const ext of ['.in', '.out'])
      if (existsSync(join(folder, pipename + ext))) unlinkSync(join(folder, pipename + ext));
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates a private socket', () => {
    assert.equal(statSync(socket).mode & 0o777, 0o600);
  });

  it('show neighbor summary in ExaBGP format', async () => {
    const r = await runCli(['cli', '--socket', socket, 'show', 'neighbor', 'summary']);
    assert.equal(r.status, 0, r.err);
    const lines = r.out.trimEnd().split('\n');
    assert.equal(lines[0], 'Peer            AS        up/down state       |     #sent     #recvd');
    assert.match(lines[1]!, /^127\.0\.0\.1 {7}65001 {8}down (active|idle|connect) +0 +0$/);
  });

  it('announce, then show adj-rib out [extensive]', async () => {
    const a = await runCli([
      'cli',
      '--socket',
      socket,
      'announce route 10.2.0.0/16 next-hop 127.0.0.1 med 5',
    ]);
    assert.equal(a.status, 0, a.err);
    const r = await runCli(['cli', '--socket', socket, 'show adj-rib out']);
    assert.deepEqual(r.out.trimEnd().split('\n'), [
      '127.0.0.1 ipv4 unicast 10.1.0.0/16 next-hop 127.0.0.1',
      '127.0.0.1 ipv4 unicast 10.2.0.0/16 next-hop 127.0.0.1',
    ]);
    const x = await runCli(['cli', '--socket', socket, 'show adj-rib out extensive']);
    assert.match(
      x.out,
      /^neighbor 127\.0\.0\.1 local-ip 127\.0\.0\.1 local-as 65000 peer-as 65001 router-id 10\.0\.0\.1 family-allowed in-open ipv4 unicast 10\.2\.0\.0\/16 next-hop 127\.0\.0\.1 .*med 5/m,
    );
  });

  it('a bad command fails with a reason and the daemon goes on', async () => {
    const r = await runCli(['cli', '--socket', socket, 'frobnicate']);
    assert.equal(r.status, 1);
    assert.match(r.out, /error: unknown command 'frobnicate'/);
    const v = await runCli(['cli', '--socket', socket, 'version']);
    assert.match(v.out, /^exabgp /);
  });

  it('answers on ExaBGP-style named pipes (PIPENAME.in / PIPENAME.out, mode 0600)', async () => {
    const { folder, exists } = pipeFolder(pipename);
    assert.ok(exists, 'the daemon created the pipes');
    const inPath = join(folder, `${pipename}.in`);
    const outPath = join(folder, `${pipename}.out`);
    assert.equal(statSync(inPath).mode & 0o777, 0o600);
    const reader = createReadStream(outPath);
    const answer = new Promise<string>((resolve) => {
      let text = '';
      reader.on('data', (c) => {
        text += c.toString();
        if (/^done$/m.test(text)) resolve(text);
      });
    });
    writeFileSync(inPath, 'version\n');
    assert.match(await answer, /^exabgp .*\ndone\n/);
    reader.destroy();
  });
});
