/** Helpers shared by the config tests: corpus file lists and a parse + validate shortcut. */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Diagnostic } from '../../src/config/diagnostic.js';
import { parseConfig } from '../../src/config/parser.js';
import { validateConfig } from '../../src/config/validate.js';
import { corpusPath, REPO_ROOT } from '../support/corpus.js';

export const FIXTURES = resolve(REPO_ROOT, 'test', 'fixtures', 'config');

/** Every .conf of the three corpus folders the brief names (absent folders are skipped loudly). */
export function corpusConfigs(): { folder: string; files: string[] }[] {
  const out: { folder: string; files: string[] }[] = [];
  for (const parts of [['exabgp', '5.0.13', 'conf'], ['exabgp', 'main', 'conf'], ['seeds']]) {
    const dir = corpusPath(...parts);
    if (!dir) continue;
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.conf'))
      .sort()
      .map((f) => join(dir, f));
    out.push({ folder: parts.join('/'), files });
  }
  return out;
}

export function check(text: string, file = 't.conf'): Diagnostic[] {
  const parsed = parseConfig(text, file);
  return [...parsed.diagnostics, ...validateConfig(parsed.config)];
}

export function errors(text: string): string[] {
  return check(text)
    .filter((d) => d.severity === 'error')
    .map((d) => d.message);
}
