/**
 * Lookup tables keyed by text that comes from outside (configuration words, API commands,
 * CLI arguments) must not answer for the names every plain object inherits: with `{}` as
 * the prototype, `TABLE['constructor']`, `TABLE['__proto__']` or `TABLE['valueOf']` return
 * functions, and a parser calls them (found by `npm run fuzz`). `table()` copies a literal
 * into an object with no prototype, so only its own keys are found.
 */
export function table<T>(entries: Readonly<Record<string, T>>): Readonly<Record<string, T>> {
  return Object.assign(Object.create(null) as Record<string, T>, entries);
}
