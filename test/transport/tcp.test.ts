import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tcpConnect, tcpListen } from '../../src/transport/tcp.js';
import type { Connection } from '../../src/transport/transport.js';

function collect(c: Connection): { data: Buffer[]; closed: Promise<void> } {
  const data: Buffer[] = [];
  let done!: () => void;
  const closed = new Promise<void>((r) => (done = r));
  c.attach({ data: (chunk) => data.push(chunk), close: () => done(), drain: () => {} });
  return { data, closed };
}

describe('tcp transport (loopback)', () => {
  for (const host of ['127.0.0.1', '::1']) {
    it(`connects, exchanges bytes and closes over ${host}`, async () => {
      let accepted!: (c: Connection) => void;
      const incoming = new Promise<Connection>((r) => (accepted = r));
      const listener = await tcpListen(host, 0, accepted);
      try {
        const out = await tcpConnect({
          host,
          port: listener.address.port,
          localAddress: host,
          timeoutMs: 2000,
        });
        const inc = await incoming;
        assert.equal(inc.info.remoteAddress, host);
        assert.equal(out.info.remotePort, listener.address.port);
        const server = collect(inc);
        collect(out);
        out.write(Buffer.from('hello'));
        out.close();
        await server.closed;
        assert.equal(Buffer.concat(server.data).toString(), 'hello');
        inc.close();
      } finally {
        await listener.close();
      }
    });
  }

  it('rejects when nothing listens', async () => {
    const listener = await tcpListen('127.0.0.1', 0, (c) => c.close());
    const port = listener.address.port;
    await listener.close();
    await assert.rejects(tcpConnect({ host: '127.0.0.1', port, timeoutMs: 2000 }));
  });
});
