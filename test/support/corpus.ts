/**
 * Where ExaBGP's conformance corpus is. Tests read it in place (it is never copied into the
 * project): $BGPKNIFE_CONFORMANCE, else ../shared/conformance beside the repository.
 * When it is absent, tests skip with a loud notice — except under CI=true, where that fails.
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is dist/test/support/corpus.js once compiled). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export function corpusDir(): string {
  return process.env.BGPKNIFE_CONFORMANCE ?? resolve(REPO_ROOT, '..', 'shared', 'conformance');
}

/**
 * The corpus path joined with `parts`, or undefined after a loud notice when it is missing.
 * Under CI=true a missing corpus throws, failing the test.
 */
export function corpusPath(...parts: string[]): string | undefined {
  const p = join(corpusDir(), ...parts);
  if (existsSync(p)) return p;
  const msg = `conformance corpus not found at ${p} (set BGPKNIFE_CONFORMANCE)`;
  if (process.env.CI === 'true') throw new Error(`${msg}: required under CI=true`);
  process.stderr.write(`\n*** SKIPPED: ${msg} ***\n\n`);
  return undefined;
}

/**
 * Every configuration file of the corpus (5.0.13 and main `conf/`, and the seeds), or
 * undefined when the corpus is missing (corpusPath says so, and fails under CI=true).
 */
export function corpusConfFiles(): string[] | undefined {
  const dirs = [
    corpusPath('exabgp', '5.0.13', 'conf'),
    corpusPath('exabgp', 'main', 'conf'),
    corpusPath('seeds'),
  ];
  if (dirs.some((d) => d === undefined)) return undefined;
  return (dirs as string[]).flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.conf'))
      .map((f) => join(dir, f)),
  );
}

/** Hex with ':' and spaces removed, as the corpus writes raw messages. */
export function cleanHex(text: string): string {
  return text.replace(/[:\s]/g, '').toUpperCase();
}
