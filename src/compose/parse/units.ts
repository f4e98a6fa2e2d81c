/**
 * Units in compose values: durations (`1m30s`, `1.5h`, `250ms`, Go's spelling on output) and
 * byte sizes (`512m`, `1gb`, `2GiB`; binary multiples, as Docker's go-units RAMInBytes).
 *
 * @module
 */

/** Nanoseconds per unit accepted in durations (Go's time.ParseDuration plus `d` and `w`). */
const durationUnitsNs: Record<string, number> = {
  ns: 1,
  us: 1e3,
  µs: 1e3,
  μs: 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
  d: 86400e9,
  w: 604800e9,
};

/** Parses a duration into nanoseconds; returns a message when it is not a duration. */
export function parseDuration(
  input: string | number,
): { ok: true; ns: number } | { ok: false; message: string } {
  const text = String(input).trim();
  if (text === '0') return { ok: true, ns: 0 };
  if (typeof input === 'number' || /^[0-9.]+$/.test(text)) {
    return {
      ok: false,
      message: `Cannot parse duration "${text}": missing unit (use for example "${text}s")`,
    };
  }
  let rest = text;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    sign = rest.startsWith('-') ? -1 : 1;
    rest = rest.slice(1);
  }
  let total = 0;
  const re = /^([0-9]*\.?[0-9]+|[0-9]+\.)(ns|us|µs|μs|ms|s|m|h|d|w)/;
  if (rest === '') return { ok: false, message: `Cannot parse duration "${text}": empty` };
  while (rest !== '') {
    const m = re.exec(rest);
    if (m === null) {
      return {
        ok: false,
        message: `Cannot parse duration "${text}": expected a number and a unit (ns, us, ms, s, m, h), as in "1m30s"`,
      };
    }
    total += Number(m[1]) * (durationUnitsNs[m[2] ?? 's'] ?? 1);
    rest = rest.slice(m[0].length);
  }
  return { ok: true, ns: Math.round(sign * total) };
}

/** Formats nanoseconds the way Go's time.Duration.String does (`1m30s`, `1h0m0s`, `500ms`). */
export function formatDuration(ns: number): string {
  if (ns === 0) return '0s';
  const neg = ns < 0;
  let u = Math.abs(ns);
  let out: string;
  if (u < 1e9) {
    if (u < 1e3) out = `${u}ns`;
    else if (u < 1e6) out = `${trimFraction(u / 1e3)}µs`;
    else out = `${trimFraction(u / 1e6)}ms`;
  } else {
    const h = Math.floor(u / 3600e9);
    u -= h * 3600e9;
    const m = Math.floor(u / 60e9);
    u -= m * 60e9;
    const s = `${trimFraction(u / 1e9)}s`;
    out = h > 0 ? `${h}h${m}m${s}` : m > 0 ? `${m}m${s}` : s;
  }
  return neg ? `-${out}` : out;
}

function trimFraction(n: number): string {
  return String(Number(n.toFixed(9)));
}

const byteMultipliers: Record<string, number> = {
  '': 1,
  k: 1024,
  m: 1024 ** 2,
  g: 1024 ** 3,
  t: 1024 ** 4,
  p: 1024 ** 5,
};

/** Parses a byte size (`512m`, `1.5g`, `2GiB`, `1024`) into bytes. */
export function parseBytes(
  input: string | number,
): { ok: true; bytes: number } | { ok: false; message: string } {
  if (typeof input === 'number') {
    return Number.isInteger(input)
      ? { ok: true, bytes: input }
      : {
          ok: false,
          message: `Cannot parse byte size "${input}": must be a whole number of bytes`,
        };
  }
  const text = input.trim();
  if (/^-[0-9]+$/.test(text)) return { ok: true, bytes: Number(text) };
  const m = /^([0-9]+(?:\.[0-9]+)?) ?([kKmMgGtTpP])?[iI]?[bB]?$/.exec(text);
  if (m === null) {
    return {
      ok: false,
      message: `Cannot parse byte size "${text}": expected a number with an optional unit (b, k, m, g, t, p), as in "512m"`,
    };
  }
  const mult = byteMultipliers[(m[2] ?? '').toLowerCase()] ?? 1;
  return { ok: true, bytes: Math.floor(Number(m[1]) * mult) };
}

/**
 * Splits a command string into words like a POSIX shell without expansion (compose uses
 * go-shellwords): whitespace separates, quotes group, backslash escapes.
 */
export function splitShellWords(
  text: string,
): { ok: true; words: string[] } | { ok: false; message: string } {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (c === '\\') {
      cur += text[i + 1] ?? '';
      i++;
      inWord = true;
    } else if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0)
        return { ok: false, message: `Cannot parse command "${text}": unterminated quote` };
      cur += text.slice(i + 1, end);
      i = end;
      inWord = true;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < text.length && text[j] !== '"'; j++) {
        if (text[j] === '\\' && ['"', '\\', '$', '`'].includes(text[j + 1] ?? '')) j++;
        cur += text[j] ?? '';
      }
      if (j >= text.length)
        return { ok: false, message: `Cannot parse command "${text}": unterminated quote` };
      i = j;
      inWord = true;
    } else if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (inWord) words.push(cur);
  return { ok: true, words };
}
