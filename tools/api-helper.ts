/**
 * The helper process the conformance runner puts in place of a test's `process { run ...; }`:
 * a relay. It connects to the runner's control socket (argv[2]), says `hello NAME`, writes every
 * line the runner sends to its stdout (so the daemon executes it as an API command) and copies
 * what the daemon writes to its stdin (acks, events) back to the runner. It exits when the
 * daemon closes its stdin, or after CONNECT_TRIES failed connection attempts.
 */
import net from 'node:net';

const CONNECT_TRIES = 50;
const RETRY_MS = 100;

const [socketPath, name = 'helper'] = process.argv.slice(2);

function connect(tries: number): void {
  const sock = net.connect(socketPath ?? '');
  sock.on('connect', () => {
    sock.write(`hello ${name}\n`);
    sock.pipe(process.stdout);
    process.stdin.on('data', (chunk: Buffer) => sock.write(chunk));
  });
  sock.on('error', () => {
    if (tries <= 1) process.exit(1);
    setTimeout(() => connect(tries - 1), RETRY_MS);
  });
}

process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
connect(CONNECT_TRIES);
