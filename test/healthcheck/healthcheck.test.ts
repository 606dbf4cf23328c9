import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { commandsFor, type HealthStep, nextState } from '../../src/healthcheck/machine.js';
import {
  DEFAULT_HEALTH_OPTIONS,
  exabgpHealthcheckArgs,
  parseHealthOptions,
} from '../../src/healthcheck/options.js';
import { REPO_ROOT } from '../support/corpus.js';

const th = { rise: 3, fall: 2 };

function walk(results: boolean[], disabled: boolean[] = []): string[] {
  let s: HealthStep = { state: 'INIT', checks: 0 };
  return results.map((ok, i) => {
    s = nextState(s, ok, disabled[i] ?? false, th);
    return s.state;
  });
}

describe('healthcheck state machine (as ExaBGP healthcheck)', () => {
  it('rises after --rise successes and falls after --fall failures', () => {
    assert.deepEqual(walk([true, true, true, true, false, false, true]), [
      'RISING',
      'RISING',
      'UP',
      'UP',
      'FALLING',
      'DOWN',
      'RISING',
    ]);
    assert.deepEqual(walk([false, false, true, false]), ['FALLING', 'DOWN', 'RISING', 'FALLING']);
  });

  it('goes straight up or down with rise/fall 1, and disabled wins while the file exists', () => {
    let s: HealthStep = { state: 'INIT', checks: 0 };
    s = nextState(s, true, false, { rise: 1, fall: 1 });
    assert.equal(s.state, 'UP');
    assert.equal(nextState(s, false, false, { rise: 1, fall: 1 }).state, 'DOWN');
    assert.deepEqual(walk([true, true, true, true], [false, true, true, false]), [
      'RISING',
      'DISABLED',
      'DISABLED',
      'INIT',
    ]);
  });

  it("writes ExaBGP's commands: metric by state, increase per IP, withdraw-on-down, EXIT withdraws", () => {
    const o = {
      ...DEFAULT_HEALTH_OPTIONS,
      ips: ['192.0.2.10/32', '192.0.2.11/32'],
      community: '65000:1',
      disabledCommunity: '65000:666',
    };
    assert.deepEqual(commandsFor('UP', o), [
      'neighbor * announce route 192.0.2.10/32 next-hop self med 100 community [ 65000:1 ]',
      'neighbor * announce route 192.0.2.11/32 next-hop self med 101 community [ 65000:1 ]',
    ]);
    assert.deepEqual(
      commandsFor('DOWN', o)[0],
      'neighbor * announce route 192.0.2.10/32 next-hop self med 1000 community [ 65000:666 ]',
    );
    assert.deepEqual(commandsFor('RISING', o), []);
    assert.deepEqual(commandsFor('EXIT', o)[1], 'neighbor * withdraw route 192.0.2.11/32 next-hop self');
    const w = {
      ...o,
      withdrawOnDown: true,
      neighbors: ['192.0.2.1', '192.0.2.2'],
      nextHop: '198.51.100.1',
      pathId: 7,
    };
    assert.deepEqual(
      commandsFor('DOWN', w)[0],
      'neighbor 192.0.2.1, neighbor 192.0.2.2 withdraw route 192.0.2.10/32 next-hop 198.51.100.1 path-information 7',
    );
    assert.match(
      commandsFor('UP', { ...o, localPreference: 50, asPath: '65000 65001', largeCommunity: '1:2:3' })[0]!,
      /med 100 local-preference 50 community \[ 65000:1 \] large-community \[ 1:2:3 \] as-path \[ 65000 65001 \]$/,
    );
  });
});

describe('healthcheck options', () => {
  it("reads ExaBGP's option names, --config files and short forms", () => {
    const o = parseHealthOptions(
      ['-c', 'true', '--ip', '192.0.2.1', '--config', 'hc.conf', '--rise=2'],
      () => 'fall = 5\n# comment\nwithdraw-on-down\nip = 2001:DB8::1\n',
    );
    assert.equal(o.command, 'true');
    assert.deepEqual(o.ips, ['2001:db8::1/128', '192.0.2.1/32']);
    assert.equal(o.fall, 5);
    assert.equal(o.rise, 2);
    assert.equal(o.withdrawOnDown, true);
  });

  it('rejects unknown options and bad values with a reason, and needs an --ip', () => {
    assert.throws(
      () => parseHealthOptions(['--ip', '192.0.2.1', '--frobnicate'], () => ''),
      /unknown option --frobnicate/,
    );
    assert.throws(() => parseHealthOptions(['--ip', '192.0.2.300'], () => ''), /not an IP address/);
    assert.throws(
      () => parseHealthOptions(['--ip', '192.0.2.1', '--rise', 'x'], () => ''),
      /--rise takes an integer/,
    );
    assert.throws(() => parseHealthOptions(['--cmd', 'true'], () => ''), /no --ip/);
  });

  it('splits networks with --deaggregate-networks, bounded', () => {
    const o = parseHealthOptions(['--ip', '192.0.2.0/30', '--deaggregate-networks'], () => '');
    assert.deepEqual(o.ips, ['192.0.2.0/32', '192.0.2.1/32', '192.0.2.2/32', '192.0.2.3/32']);
    assert.throws(
      () => parseHealthOptions(['--ip', '10.0.0.0/8', '--deaggregate-networks'], () => ''),
      /more than/,
    );
  });

  it("recognises ExaBGP's healthcheck invocations in a process's run line", () => {
    assert.deepEqual(exabgpHealthcheckArgs(['python3', '-m', 'exabgp', 'healthcheck', '--ip', '1.2.3.4']), [
      '--ip',
      '1.2.3.4',
    ]);
    assert.deepEqual(exabgpHealthcheckArgs(['/usr/bin/exabgp', 'healthcheck', '-c', 'true']), ['-c', 'true']);
    assert.deepEqual(exabgpHealthcheckArgs(['/usr/local/bin/exabgp-healthcheck', '--ip', '1.2.3.4']), [
      '--ip',
      '1.2.3.4',
    ]);
    assert.equal(exabgpHealthcheckArgs(['./my-script.py', 'healthcheck']), undefined);
  });
});

describe('bgpknife healthcheck (a real process)', () => {
  it('announces when the check passes, a worse metric when it fails, withdraws on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bgpknife-hc-'));
    const flag = join(dir, 'healthy');
    writeFileSync(flag, '');
    const child = spawn(
      process.execPath,
      [
        join(REPO_ROOT, 'bin', 'bgpknife.js'),
        'healthcheck',
        '--cmd',
        `test -f ${flag}`,
        '--ip',
        '192.0.2.10',
        '--interval',
        '0.2',
        '--fast-interval',
        '0.1',
        '--rise',
        '2',
        '--fall',
        '2',
        '--no-ack',
        '--debounce',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    const waitFor = async (re: RegExp) => {
      for (let i = 0; i < 100 && !re.test(out); i++) await new Promise((r) => setTimeout(r, 50));
      assert.match(out, re);
    };
    try {
      await waitFor(/announce route 192\.0\.2\.10\/32 next-hop self med 100\n/);
      rmSync(flag);
      await waitFor(/med 1000\n/);
      child.kill('SIGTERM');
      await waitFor(/withdraw route 192\.0\.2\.10\/32 next-hop self\n/);
      assert.deepEqual(out.trim().split('\n'), [
        'neighbor * announce route 192.0.2.10/32 next-hop self med 100',
        'neighbor * announce route 192.0.2.10/32 next-hop self med 1000',
        'neighbor * withdraw route 192.0.2.10/32 next-hop self',
      ]);
    } finally {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
