import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { createSink } from '../../src/config/diagnostic.js';
import { Lexer, type Token, tokenize } from '../../src/config/lexer.js';

function lex(text: string) {
  const sink = createSink();
  const tokens = tokenize(text, 'f.conf', sink);
  return { tokens, diagnostics: sink.list };
}

describe('config lexer', () => {
  it('reads words, punctuation and strings with 1-based spans', () => {
    const { tokens, diagnostics } = lex('neighbor 10.0.0.1 {\n  description "a b";\n}\n');
    assert.deepEqual(
      tokens.map((t) => [t.kind, t.text, t.span.line, t.span.col, t.span.endCol]),
      [
        ['word', 'neighbor', 1, 1, 9],
        ['word', '10.0.0.1', 1, 10, 18],
        ['{', '{', 1, 19, 20],
        ['word', 'description', 2, 3, 14],
        ['string', 'a b', 2, 15, 20],
        [';', ';', 2, 20, 21],
        ['}', '}', 3, 1, 2],
      ],
    );
    assert.equal(diagnostics.length, 0);
  });

  it('splits brackets, parentheses and commas off words', () => {
    const { tokens } = lex('community [65000:1,65000:2] aggregator (1:2.3.4.5)');
    assert.deepEqual(
      tokens.map((t) => t.text),
      ['community', '[', '65000:1', ',', '65000:2', ']', 'aggregator', '(', '1:2.3.4.5', ')'],
    );
  });

  it('skips comments outside quotes and keeps # inside quotes', () => {
    const { tokens } = lex('a # comment ; {\nb "x#y" # more\n');
    assert.deepEqual(
      tokens.map((t) => t.text),
      ['a', 'b', 'x#y'],
    );
  });

  it('joins lines ending in a backslash without marking a new line', () => {
    const { tokens } = lex('vpls \\\n  endpoint 5 \\  \n  base 10;\nnext');
    assert.deepEqual(
      tokens.map((t) => [t.text, t.span.line, t.newline]),
      [
        ['vpls', 1, false],
        ['endpoint', 2, false],
        ['5', 2, false],
        ['base', 3, false],
        ['10', 3, false],
        [';', 3, false],
        ['next', 4, true],
      ],
    );
  });

  it('unescapes strings in both quote styles', () => {
    const { tokens } = lex(`"a\\"b\\n" 'c\\'d'`);
    assert.deepEqual(
      tokens.map((t) => t.text),
      ['a"b\n', "c'd"],
    );
  });

  it('reports an unterminated string and goes on at the next line', () => {
    const { tokens, diagnostics } = lex('description "open\nlocal-as 1;');
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0]!.message, 'unterminated string');
    assert.deepEqual(diagnostics[0]!.span, { file: 'f.conf', line: 1, col: 13, endLine: 1, endCol: 18 });
    assert.deepEqual(
      tokens.map((t) => t.text),
      ['description', 'open', 'local-as', '1', ';'],
    );
  });

  it('never throws and always terminates on any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const { tokens } = lex(text);
        assert.ok(tokens.length <= text.length);
      }),
      { numRuns: 500 },
    );
  });

  it('gives the same tokens and diagnostics when the text comes in pieces (property)', () => {
    const alphabet = [
      'a',
      'b',
      ' ',
      '\n',
      '\r',
      '\t',
      '\\',
      '"',
      "'",
      '#',
      '{',
      '}',
      ';',
      '[',
      ',',
      'é',
      '1',
      '.',
    ];
    const text = fc.array(fc.constantFrom(...alphabet), { maxLength: 120 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(
        text,
        fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 30 }),
        (t, cuts) => {
          const whole = lex(t);
          const pieces: string[] = [];
          let at = 0;
          for (const n of cuts) {
            pieces.push(t.slice(at, at + n));
            at += n;
          }
          pieces.push(t.slice(at));
          const sink = createSink();
          const lexer = new Lexer(pieces[0]!, 'f.conf', sink, () =>
            pieces.length > 1 ? pieces.splice(1, 1)[0] : undefined,
          );
          const tokens: Token[] = [];
          for (let tok = lexer.next(); tok.kind !== 'eof'; tok = lexer.next()) tokens.push(tok);
          assert.deepEqual(tokens, whole.tokens);
          assert.deepEqual(sink.list, whole.diagnostics);
        },
      ),
      { numRuns: 500 },
    );
  });
});
