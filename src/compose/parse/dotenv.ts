/**
 * `.env` and `env_file` parsing, following Docker Compose's dotenv dialect: `KEY=value`,
 * optional `export `, `#` comments, single quotes (literal), double quotes (escapes such as
 * `\n`, may span lines), `${VAR}` interpolation in unquoted and double-quoted values (`lookup`
 * first, then earlier keys of the same file), and bare `KEY` (taken from `lookup` when set).
 *
 * @module
 */
import { substitute, type Lookup } from './template.js';

/** A line-level problem in a dotenv file. Lines count from 1. */
export interface DotenvIssue {
  line: number;
  message: string;
}

/** Parses dotenv text into ordered key/value pairs. */
export function parseDotenv(
  text: string,
  lookup: Lookup = () => undefined,
): { values: Map<string, string>; issues: DotenvIssue[] } {
  const values = new Map<string, string>();
  const issues: DotenvIssue[] = [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  // The caller's lookup (the shell, for the project .env) wins over values of this file, so a
  // variable set in the shell also wins where this file refers to it (compose-go dotenv).
  const resolve: Lookup = (n) => lookup(n) ?? values.get(n);
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    let line = (lines[i] ?? '').trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('export ')) line = line.slice(7).trimStart();
    const eq = line.search(/[=:]/);
    const key = (eq < 0 ? line : line.slice(0, eq)).trim();
    if (!/^[A-Za-z_.][A-Za-z0-9_.-]*$/.test(key)) {
      issues.push({ line: lineNo, message: `Invalid variable name "${key}"` });
      continue;
    }
    if (eq < 0) {
      const v = lookup(key);
      if (v !== undefined) values.set(key, v);
      continue;
    }
    let raw = line.slice(eq + 1).trimStart();
    const quote = raw[0];
    if (quote === "'" || quote === '"') {
      // A quoted value may continue on the following lines until its closing quote.
      let body = raw.slice(1);
      let close = findClose(body, quote);
      while (close < 0 && i + 1 < lines.length) {
        i++;
        body += `\n${lines[i] ?? ''}`;
        close = findClose(body, quote);
      }
      if (close < 0) {
        issues.push({ line: lineNo, message: `Unterminated quoted value for "${key}"` });
        continue;
      }
      body = body.slice(0, close);
      if (quote === "'") {
        values.set(key, body);
        continue;
      }
      raw = unescape(body);
    } else {
      const hash = raw.search(/\s#/);
      if (hash >= 0) raw = raw.slice(0, hash);
      raw = raw.trimEnd();
    }
    const r = substitute(raw, resolve);
    if (!r.ok) {
      issues.push({ line: lineNo, message: r.message });
      continue;
    }
    values.set(key, r.value);
  }
  return { values, issues };
}

function findClose(body: string, quote: string): number {
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\\' && quote === '"') {
      i++;
      continue;
    }
    if (body[i] === quote) return i;
  }
  return -1;
}

function unescape(s: string): string {
  return s.replace(/\\(.)/g, (_, c: string) => {
    switch (c) {
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case '$':
        // Keep `\$` literal through the interpolation that follows.
        return '$$';
      default:
        return c;
    }
  });
}
