/** A fake helper process for supervisor and API tests: stdout pushed by the test, stdin recorded. */
import { EventEmitter } from 'node:events';
import type { HelperChild } from '../../src/api/supervisor.js';

export class FakeChild extends EventEmitter implements HelperChild {
  static nextPid = 1000;
  readonly pid = FakeChild.nextPid++;
  readonly written: string[] = [];
  readonly stdoutEvents = new EventEmitter();
  killed = false;
  /** Times the API paused / resumed reading the helper's stdout. */
  pauses = 0;
  resumes = 0;
  readonly stdin = {
    writableLength: 0,
    destroyed: false,
    write: (data: string): boolean => {
      this.written.push(...data.split('\n').filter((l) => l !== ''));
      return true;
    },
    end: () => {},
    on: () => this.stdin,
  };
  readonly stdout = {
    on: (_e: 'data', f: (chunk: Buffer) => void) => this.stdoutEvents.on('data', f),
    pause: () => {
      this.pauses++;
    },
    resume: () => {
      this.resumes++;
    },
  };
  kill(): boolean {
    this.killed = true;
    return true;
  }
  /** The helper writes these bytes to its stdout. */
  say(text: string | Buffer): void {
    this.stdoutEvents.emit('data', Buffer.isBuffer(text) ? text : Buffer.from(text));
  }
  exit(code = 0): void {
    this.emit('exit', code, null);
  }
}
