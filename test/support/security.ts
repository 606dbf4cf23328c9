/**
 * Skip-or-fail for tests that need TCP MD5 / TTL socket options: the koffi FFI package must
 * load and the kernel must accept TCP_MD5SIG. Under CI=true a missing facility fails the test
 * with the reason; elsewhere the test is skipped with a loud notice.
 */
import {
  AF_INET,
  closeFd,
  nativeAvailable,
  openTcpSocket,
  SocketOptionError,
  setMd5Key,
} from '../../src/transport/native-socket.js';
import { skipOrFail } from './peers/index.js';

let md5Support: string | undefined | null = null;

/** Why TCP MD5 cannot be used here, or undefined when it can (probed once). */
export function md5Unsupported(): string | undefined {
  if (md5Support !== null) return md5Support;
  if (!nativeAvailable()) {
    md5Support = 'the koffi FFI package does not load';
    return md5Support;
  }
  const fd = openTcpSocket(AF_INET);
  try {
    setMd5Key(fd, AF_INET, '127.0.0.1', Buffer.from('probe'));
    md5Support = undefined;
  } catch (e) {
    md5Support = e instanceof SocketOptionError ? e.message : String(e);
  } finally {
    closeFd(fd);
  }
  return md5Support;
}

export function requireMd5(t: { skip(msg?: string): void }): boolean {
  const why = md5Unsupported();
  if (why === undefined) return true;
  skipOrFail(`TCP MD5 unavailable: ${why}`, t);
  return false;
}

export function requireSocketOptions(t: { skip(msg?: string): void }): boolean {
  if (nativeAvailable()) return true;
  skipOrFail('TTL security unavailable: the koffi FFI package does not load', t);
  return false;
}
