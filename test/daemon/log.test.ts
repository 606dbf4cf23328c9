import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { printable, startLogging } from '../../src/daemon/log.js';
import { publishLog, publishProblem, publishState } from '../../src/observe/channels.js';

describe('daemon log', () => {
  it('writes subscribed events at or above the level, as JSON lines that always parse', () => {
    const lines: string[] = [];
    const stop = startLogging({
      level: 'info',
      json: true,
      packets: false,
      write: (l) => lines.push(l),
      now: () => new Date(0),
    });
    publishLog({ level: 'debug', source: 't', message: 'hidden' });
    publishState({ peer: '192.0.2.1', from: 'open-confirm', to: 'established' });
    publishProblem({ source: 'api', message: 'bad "command"\n{', peer: '192.0.2.1' });
    stop();
    publishLog({ level: 'error', source: 't', message: 'after stop' });
    assert.equal(lines.length, 2);
    const parsed = lines.map((l) => JSON.parse(l));
    assert.equal(parsed[0].message, '192.0.2.1 open-confirm -> established');
    assert.equal(parsed[1].message, 'bad "command"\n{');
    assert.equal(parsed[1].level, 'warning');
  });

  it('makes peer text printable in text mode (no forged lines or terminal escapes)', () => {
    assert.equal(printable('host\nname\u001b[31m'), 'host\\x0aname\\x1b[31m');
    const lines: string[] = [];
    const stop = startLogging({
      level: 'debug',
      json: false,
      packets: false,
      write: (l) => lines.push(l),
      now: () => new Date(0),
    });
    publishLog({ level: 'info', source: 'peer', message: 'hostname evil\nFAKE LINE' });
    stop();
    assert.equal(lines.length, 1);
    assert.equal(lines[0]!.split('\n').length, 2, 'one line plus the terminating newline');
  });
});
