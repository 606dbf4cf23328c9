import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { listSettings, loadSettings, SETTINGS, setting, settingName } from '../../src/config/env.js';

describe('settings', () => {
  it('has ExaBGP 5.0 defaults when nothing is set', () => {
    const { settings, diagnostics } = loadSettings({ env: {} });
    assert.deepEqual(diagnostics, []);
    assert.equal(setting(settings, 'exabgp.tcp.port'), 179);
    assert.equal(setting(settings, 'exabgp.api.encoder'), 'json');
    assert.equal(setting(settings, 'exabgp.api.ack'), true);
    assert.equal(setting(settings, 'exabgp.daemon.umask'), 0o137);
    assert.equal(setting(settings, 'exabgp.log.level'), 'INFO');
    assert.deepEqual(setting(settings, 'exabgp.tcp.bind'), []);
    assert.equal(setting(settings, 'exabgp.reactor.speed'), 1);
    assert.equal(setting(settings, 'bgpknife.json.dialect'), '5.0');
  });

  it('reads the INI file, then both spellings of environment variables (dotted wins)', () => {
    const ini =
      '# comment\n[exabgp.tcp]\nport = 1790\nbind = "127.0.0.1 ::1"\n\n[exabgp.api]\nencoder: text\nack = false\n';
    const { settings, diagnostics } = loadSettings({
      iniText: ini,
      iniFile: 'exabgp.env',
      env: { exabgp_api_ack: 'true', 'exabgp.log.level': 'debug', exabgp_log_level: 'ERR' },
    });
    assert.deepEqual(diagnostics, []);
    assert.equal(setting(settings, 'exabgp.tcp.port'), 1790);
    assert.deepEqual(setting(settings, 'exabgp.tcp.bind'), ['127.0.0.1', '::1']);
    assert.equal(setting(settings, 'exabgp.api.encoder'), 'text');
    assert.equal(setting(settings, 'exabgp.api.ack'), true);
    assert.equal(setting(settings, 'exabgp.log.level'), 'DEBUG');
    assert.equal(settings.get('exabgp.tcp.port')!.source, 'file');
    assert.equal(settings.get('exabgp.api.ack')!.source, 'environment');
  });

  it('applies tcp.once and tcp.connections to tcp.attempts as ExaBGP does', () => {
    assert.equal(
      setting(loadSettings({ env: { exabgp_tcp_once: 'true' } }).settings, 'exabgp.tcp.attempts'),
      1,
    );
    assert.equal(
      setting(loadSettings({ env: { exabgp_tcp_connections: '3' } }).settings, 'exabgp.tcp.attempts'),
      3,
    );
    assert.equal(
      setting(
        loadSettings({ env: { exabgp_tcp_once: 'true', exabgp_tcp_attempts: '5' } }).settings,
        'exabgp.tcp.attempts',
      ),
      5,
    );
  });

  it('reports invalid values and unknown names, keeping the default', () => {
    const { settings, diagnostics } = loadSettings({
      iniText: '[exabgp.tcp]\nport = http\n[exabgp.nope]\nx = 1\nbroken line\n',
      iniFile: 'e.env',
      env: { exabgp_api_encoder: 'xml', exabgp_version: '5.0.0-0+test' },
    });
    assert.deepEqual(
      diagnostics.map((d) => [d.severity, d.span.file, d.span.line, d.message]),
      [
        ['warning', 'e.env', 4, 'unknown setting exabgp.nope.x'],
        ['warning', 'e.env', 5, 'unknown setting exabgp.nope.broken line'],
        ['error', 'e.env', 2, "invalid integer 'http' for exabgp.tcp.port (default 179 kept)"],
        ['error', '<environment>', 1, "invalid encoder 'xml' for exabgp.api.encoder (default json kept)"],
      ],
    );
    assert.equal(setting(settings, 'exabgp.tcp.port'), 179);
    assert.equal(setting(settings, 'exabgp.version'), '5.0.0-0+test');
  });

  it('lists every setting once with its value and default', () => {
    const rows = listSettings(loadSettings({ env: { exabgp_tcp_port: '1179' } }).settings);
    assert.equal(rows.length, SETTINGS.length);
    assert.equal(new Set(rows.map((r) => r.name)).size, rows.length);
    assert.deepEqual(
      rows.find((r) => r.name === 'exabgp.tcp.port'),
      {
        name: 'exabgp.tcp.port',
        value: '1179',
        fallback: '179',
        source: 'environment',
        help: SETTINGS.find((d) => settingName(d) === 'exabgp.tcp.port')!.help,
      },
    );
    assert.equal(rows.find((r) => r.name === 'exabgp.daemon.umask')!.value, '0137');
  });
});
