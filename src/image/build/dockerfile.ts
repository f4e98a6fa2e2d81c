/**
 * Dockerfile parser (pure): text in, stages of instructions with line numbers out.
 *
 * Handles parser directives (`# escape=`, `# syntax=` is ignored), line continuations with the
 * escape character, comment and blank lines inside continuations, JSON (exec) versus shell form,
 * ARG before the first FROM, and instruction flags. Variables are expanded later, by the builder,
 * because their values depend on the build state (Dockerfile reference, "Environment
 * replacement").
 *
 * @module
 */
import { TsorchError } from '../../util/errors.js';
import { ShellWordError, splitRawWords } from './dockerfile-shell.js';
import type {
  ArgInstruction,
  CommandForm,
  Dockerfile,
  FromInstruction,
  HealthcheckInstruction,
  Instruction,
  Stage,
} from './dockerfile-types.js';

export type * from './dockerfile-types.js';

/** A Dockerfile that cannot be parsed or built; the message names `FILE:LINE` and the keyword. */
export class DockerfileError extends TsorchError {
  override name = 'DockerfileError';
  /** 1-based line, when known. */
  readonly line: number | undefined;
  constructor(
    file: string,
    line: number | undefined,
    keyword: string | undefined,
    message: string,
  ) {
    const where = line === undefined ? file : `${file}:${line}`;
    super(
      'IMAGE_DOCKERFILE_INVALID',
      `${where}: ${keyword === undefined ? '' : `${keyword}: `}${message}`,
      {
        details: {
          file,
          ...(line === undefined ? {} : { line }),
          ...(keyword === undefined ? {} : { instruction: keyword }),
        },
      },
    );
    this.line = line;
  }
}

/** Options of {@link parseDockerfile}. */
export interface ParseOptions {
  /** The name used in error messages. Default "Dockerfile". */
  fileName?: string;
}

interface Heredoc {
  name: string;
  /** `<<-`: leading tabs are stripped from the body. */
  stripTabs: boolean;
  body: string;
}

interface LogicalLine {
  line: number;
  text: string;
  /** Here-documents that follow a RUN line, in order (Dockerfile 1.4 syntax). */
  heredocs: Heredoc[];
}

const heredocMarker = /<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_]*)\2/g;

/**
 * Parses Dockerfile text into stages.
 *
 * @throws {DockerfileError} naming `Dockerfile:LINE` and the instruction for any syntax error.
 */
export function parseDockerfile(text: string, options: ParseOptions = {}): Dockerfile {
  const file = options.fileName ?? 'Dockerfile';
  const rawLines = text.split(/\r?\n/);
  const { escape, firstLine } = readDirectives(rawLines, file);
  const globalArgs: ArgInstruction[] = [];
  const stages: Stage[] = [];
  for (const logical of joinLines(rawLines, firstLine, escape, file)) {
    const instr = parseInstruction(logical, escape, file);
    const current = stages[stages.length - 1];
    if (instr.kind === 'FROM') {
      if (instr.stageName !== undefined && stages.some((s) => s.name === instr.stageName)) {
        throw new DockerfileError(
          file,
          instr.line,
          'FROM',
          `duplicate stage name "${instr.stageName}"`,
        );
      }
      stages.push({
        index: stages.length,
        ...(instr.stageName === undefined ? {} : { name: instr.stageName }),
        from: instr,
        instructions: [],
      });
    } else if (current !== undefined) {
      current.instructions.push(instr);
    } else if (instr.kind === 'ARG') {
      globalArgs.push(instr);
    } else {
      throw new DockerfileError(
        file,
        instr.line,
        instr.kind,
        'instruction before the first FROM; only ARG may come first',
      );
    }
  }
  if (stages.length === 0)
    throw new DockerfileError(file, undefined, undefined, 'no FROM instruction');
  return { globalArgs, stages, escape };
}

function readDirectives(lines: string[], file: string): { escape: string; firstLine: number } {
  let escape = '\\';
  let i = 0;
  for (; i < lines.length; i++) {
    const m = /^\s*#\s*([A-Za-z][A-Za-z0-9_-]*)\s*=\s*(\S*)\s*$/.exec(lines[i] ?? '');
    if (m === null) break;
    const name = (m[1] ?? '').toLowerCase();
    if (name === 'escape') {
      if (m[2] !== '\\' && m[2] !== '`') {
        throw new DockerfileError(
          file,
          i + 1,
          undefined,
          `invalid escape directive "${m[2] ?? ''}": must be \\ or \``,
        );
      }
      escape = m[2];
    } else if (name !== 'syntax' && name !== 'check') {
      break;
    }
  }
  return { escape, firstLine: i };
}

/** Joins continuation lines; skips blank and comment lines (also inside continuations). */
function joinLines(lines: string[], from: number, escape: string, file: string): LogicalLine[] {
  const out: LogicalLine[] = [];
  let pending: LogicalLine | undefined;
  for (let i = from; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    if (/^\s*#/.test(raw) || raw.trim() === '') continue;
    const trimmed = raw.replace(/\s+$/, '');
    const continued = trimmed.endsWith(escape);
    const piece = continued ? trimmed.slice(0, -1) : raw;
    if (pending === undefined)
      pending = { line: i + 1, text: piece.replace(/^\s+/, ''), heredocs: [] };
    else pending.text += piece;
    if (!continued) {
      i = readHeredocs(lines, i + 1, pending, file) - 1;
      out.push(pending);
      pending = undefined;
    }
  }
  if (pending !== undefined) out.push(pending);
  return out;
}

/** Reads the bodies of a RUN line's here-documents; returns the index of the next line. */
function readHeredocs(lines: string[], start: number, logical: LogicalLine, file: string): number {
  if (!/^RUN\s/i.test(logical.text)) return start;
  let i = start;
  for (const m of logical.text.matchAll(heredocMarker)) {
    const doc: Heredoc = { name: m[3] ?? '', stripTabs: m[1] === '-', body: '' };
    for (; i < lines.length; i++) {
      const raw = lines[i] ?? '';
      const line = doc.stripTabs ? raw.replace(/^\t+/, '') : raw;
      if (line === doc.name) break;
      doc.body += `${line}\n`;
    }
    if (i >= lines.length) {
      throw new DockerfileError(
        file,
        logical.line,
        'RUN',
        `unterminated here-document "${doc.name}"`,
      );
    }
    i++;
    logical.heredocs.push(doc);
  }
  return i;
}

interface Flags {
  values: Map<string, string>;
  rest: string;
}

/** Reads leading `--name=value` flags; only names in `allowed` are accepted. */
function readFlags(text: string, allowed: readonly string[], ctx: Ctx): Flags {
  const values = new Map<string, string>();
  let rest = text;
  for (;;) {
    const m = /^--([A-Za-z][A-Za-z0-9-]*)(?:=(\S*))?(?:\s+|$)/.exec(rest);
    if (m === null) break;
    const name = (m[1] ?? '').toLowerCase();
    if (!allowed.includes(name)) {
      throw ctx.error(
        `unsupported flag "--${name}"${allowed.length > 0 ? ` (supported: ${allowed.map((a) => `--${a}`).join(', ')})` : ''}`,
      );
    }
    if (m[2] === undefined || m[2] === '') throw ctx.error(`flag "--${name}" needs a value`);
    values.set(name, m[2]);
    rest = rest.slice(m[0].length);
  }
  return { values, rest: rest.trim() };
}

interface Ctx {
  line: number;
  keyword: string;
  error(message: string): DockerfileError;
}

function parseJsonArray(text: string): string[] | undefined {
  const t = text.trim();
  if (!t.startsWith('[')) return undefined;
  try {
    const v: unknown = JSON.parse(t);
    if (Array.isArray(v) && v.every((x): x is string => typeof x === 'string')) return v;
  } catch {
    // Not JSON: Docker treats it as shell form.
  }
  return undefined;
}

function parseCommand(text: string, ctx: Ctx, allowEmpty: boolean): CommandForm {
  const json = parseJsonArray(text);
  if (json !== undefined) {
    if (json.length === 0 && !allowEmpty) throw ctx.error('empty command');
    return { form: 'exec', args: json };
  }
  if (text.trim() === '') throw ctx.error('missing command');
  return { form: 'shell', text: text.trim() };
}

function rawWords(text: string, escape: string, ctx: Ctx): string[] {
  try {
    return splitRawWords(text, escape);
  } catch (err) {
    if (err instanceof ShellWordError) throw ctx.error(err.message);
    throw err;
  }
}

function parseInstruction(logical: LogicalLine, escape: string, file: string): Instruction {
  const m = /^(\S+)\s*([\s\S]*)$/.exec(logical.text);
  const keyword = (m?.[1] ?? '').toUpperCase();
  const rest = (m?.[2] ?? '').trim();
  const ctx: Ctx = {
    line: logical.line,
    keyword,
    error: (message) => new DockerfileError(file, logical.line, keyword, message),
  };
  const base = { line: logical.line, original: logical.text.trim() };
  switch (keyword) {
    case 'FROM':
      return parseFrom(rest, base, escape, ctx);
    case 'RUN': {
      const flags = readFlags(rest, [], ctx);
      if (logical.heredocs.length > 0)
        return { ...base, kind: 'RUN', command: heredocCommand(flags.rest, logical.heredocs) };
      return { ...base, kind: 'RUN', command: parseCommand(flags.rest, ctx, false) };
    }
    case 'COPY':
    case 'ADD':
      return parseCopy(keyword, rest, base, escape, ctx);
    case 'ENV':
    case 'LABEL':
      return { ...base, kind: keyword, pairs: parsePairs(rest, escape, ctx) };
    case 'MAINTAINER':
      if (rest === '') throw ctx.error('missing maintainer');
      return { ...base, kind: 'LABEL', pairs: [['maintainer', JSON.stringify(rest)]] };
    case 'ARG':
      return parseArg(rest, base, escape, ctx);
    case 'CMD':
    case 'ENTRYPOINT':
      return { ...base, kind: keyword, command: parseCommand(rest, ctx, true) };
    case 'SHELL': {
      const shell = parseJsonArray(rest);
      if (shell === undefined || shell.length === 0)
        throw ctx.error('requires a JSON array such as ["/bin/sh", "-c"]');
      return { ...base, kind: 'SHELL', shell };
    }
    case 'WORKDIR':
    case 'USER':
    case 'EXPOSE':
    case 'STOPSIGNAL':
      if (rest === '') throw ctx.error('requires an argument');
      return { ...base, kind: keyword, text: rest };
    case 'VOLUME': {
      const json = parseJsonArray(rest);
      if (rest === '' || json?.length === 0) throw ctx.error('requires at least one path');
      return json !== undefined
        ? { ...base, kind: 'VOLUME', paths: json, json: true }
        : { ...base, kind: 'VOLUME', paths: rawWords(rest, escape, ctx), json: false };
    }
    case 'HEALTHCHECK':
      return parseHealthcheck(rest, base, ctx);
    case 'ONBUILD':
      throw ctx.error('ONBUILD is not supported');
    default:
      throw ctx.error(`unknown instruction "${m?.[1] ?? ''}"`);
  }
}

/**
 * A RUN with here-documents: a lone `<<EOF` runs the body as the shell script; otherwise the
 * shell gets the line and the documents as written, and handles them itself.
 */
function heredocCommand(rest: string, docs: readonly Heredoc[]): CommandForm {
  const only = docs[0];
  if (
    docs.length === 1 &&
    only !== undefined &&
    new RegExp(`^<<-?(["']?)${only.name}\\1$`).test(rest)
  ) {
    return { form: 'shell', text: only.body };
  }
  return { form: 'shell', text: [rest, ...docs.map((d) => `${d.body}${d.name}`)].join('\n') };
}

function parseFrom(
  rest: string,
  base: { line: number; original: string },
  escape: string,
  ctx: Ctx,
): FromInstruction {
  const flags = readFlags(rest, ['platform'], ctx);
  const words = rawWords(flags.rest, escape, ctx);
  if (words.length !== 1 && !(words.length === 3 && words[1]?.toLowerCase() === 'as')) {
    throw ctx.error('expected "FROM IMAGE" or "FROM IMAGE AS NAME"');
  }
  const platform = flags.values.get('platform');
  const stageName = words[2]?.toLowerCase();
  if (stageName !== undefined && !/^[a-z][a-z0-9._-]*$/.test(stageName)) {
    throw ctx.error(
      `invalid stage name "${words[2] ?? ''}": use letters, digits, ".", "_" and "-", starting with a letter`,
    );
  }
  return {
    ...base,
    kind: 'FROM',
    image: words[0] ?? '',
    ...(platform === undefined ? {} : { platform }),
    ...(stageName === undefined ? {} : { stageName }),
  };
}

function parseCopy(
  keyword: 'COPY' | 'ADD',
  rest: string,
  base: { line: number; original: string },
  escape: string,
  ctx: Ctx,
): Instruction {
  const flags = readFlags(
    rest,
    keyword === 'COPY' ? ['from', 'chown', 'chmod'] : ['chown', 'chmod'],
    ctx,
  );
  const args = parseJsonArray(flags.rest) ?? rawWords(flags.rest, escape, ctx);
  if (args.length < 2) throw ctx.error('requires at least one source and a destination');
  const from = flags.values.get('from');
  const chown = flags.values.get('chown');
  const chmod = flags.values.get('chmod');
  if (chmod !== undefined && !/^[0-7]{3,4}$/.test(chmod))
    throw ctx.error(`invalid --chmod "${chmod}": use octal such as 0755`);
  return {
    ...base,
    kind: keyword,
    sources: args.slice(0, -1),
    dest: args[args.length - 1] ?? '',
    ...(from === undefined ? {} : { from }),
    ...(chown === undefined ? {} : { chown }),
    ...(chmod === undefined ? {} : { chmod }),
  };
}

function parsePairs(rest: string, escape: string, ctx: Ctx): Array<[string, string]> {
  if (rest === '') throw ctx.error('requires at least one KEY=VALUE pair');
  const words = rawWords(rest, escape, ctx);
  const first = words[0] ?? '';
  if (!first.includes('=')) {
    // Legacy `ENV KEY VALUE WITH SPACES`.
    if (ctx.keyword !== 'ENV' || words.length < 2)
      throw ctx.error(`expected KEY=VALUE, got "${first}"`);
    return [[first, rest.slice(rest.indexOf(first) + first.length).trim()]];
  }
  return words.map((w) => {
    const eq = w.indexOf('=');
    if (eq <= 0) throw ctx.error(`expected KEY=VALUE, got "${w}"`);
    return [w.slice(0, eq), w.slice(eq + 1)];
  });
}

function parseArg(
  rest: string,
  base: { line: number; original: string },
  escape: string,
  ctx: Ctx,
): ArgInstruction {
  const words = rawWords(rest, escape, ctx);
  if (words.length === 0) throw ctx.error('requires a name');
  const args = words.map((w) => {
    const eq = w.indexOf('=');
    const name = eq < 0 ? w : w.slice(0, eq);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw ctx.error(`invalid name "${name}"`);
    return eq < 0 ? { name } : { name, defaultValue: w.slice(eq + 1) };
  });
  return { ...base, kind: 'ARG', args };
}

const durationUnitNs: Record<string, number> = {
  ns: 1,
  us: 1e3,
  µs: 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

/** Parses a Go duration such as `30s`, `1m30s`, `500ms` into nanoseconds. */
export function parseDurationNs(text: string): number | undefined {
  if (!/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(text)) return undefined;
  let total = 0;
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) {
    total += Number(m[1]) * (durationUnitNs[m[2] ?? ''] ?? 0);
  }
  return Math.round(total);
}

function parseHealthcheck(
  rest: string,
  base: { line: number; original: string },
  ctx: Ctx,
): HealthcheckInstruction {
  if (rest.toUpperCase() === 'NONE') return { ...base, kind: 'HEALTHCHECK' };
  const flags = readFlags(
    rest,
    ['interval', 'timeout', 'start-period', 'start-interval', 'retries'],
    ctx,
  );
  const m = /^CMD(?:\s+|$)([\s\S]*)$/i.exec(flags.rest);
  if (m === null) throw ctx.error('expected "NONE" or "[OPTIONS] CMD command"');
  const out: HealthcheckInstruction = {
    ...base,
    kind: 'HEALTHCHECK',
    test: parseCommand(m[1] ?? '', ctx, false),
  };
  const durations: Array<
    ['interval' | 'timeout' | 'start-period', 'intervalNs' | 'timeoutNs' | 'startPeriodNs']
  > = [
    ['interval', 'intervalNs'],
    ['timeout', 'timeoutNs'],
    ['start-period', 'startPeriodNs'],
  ];
  for (const [flag, field] of durations) {
    const v = flags.values.get(flag);
    if (v === undefined) continue;
    const ns = parseDurationNs(v);
    if (ns === undefined) throw ctx.error(`invalid --${flag} "${v}": use a duration such as 30s`);
    out[field] = ns;
  }
  const retries = flags.values.get('retries');
  if (retries !== undefined) {
    if (!/^\d+$/.test(retries))
      throw ctx.error(`invalid --retries "${retries}": must be a whole number`);
    out.retries = Number(retries);
  }
  return out;
}
