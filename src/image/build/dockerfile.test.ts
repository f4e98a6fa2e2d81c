import { describe, expect, it } from 'vitest';
import { hasCode } from '../../util/errors.js';
import { DockerfileError, parseDockerfile, parseDurationNs } from './dockerfile.js';
import { expandWord, splitRawWords, splitWords } from './dockerfile-shell.js';

const env: Record<string, string> = { A: 'alpha', E: '', P: '/usr/bin' };
const lookup = (n: string): string | undefined => env[n];

describe('expandWord()', () => {
  it.each([
    ['$A', 'alpha'],
    ['${A}-x', 'alpha-x'],
    ['${MISSING:-dflt}', 'dflt'],
    ['${E:-dflt}', 'dflt'],
    ['${E-dflt}', ''],
    ['${A:+set}', 'set'],
    ['${MISSING:+set}', ''],
    ["'$A'", '$A'],
    ['"$A b"', 'alpha b'],
    ['\\$A', '$A'],
    ['${MISSING:-${A}}', 'alpha'],
    ['$', '$'],
    ['a$-b', 'a$-b'],
  ])('expands %s to %s', (input, want) => {
    expect(expandWord(input, lookup)).toBe(want);
  });

  it('throws on an unterminated quote or brace', () => {
    expect(() => expandWord('"abc', lookup)).toThrow(/Unterminated/);
    expect(() => expandWord('${A', lookup)).toThrow(/Missing/);
    expect(() => expandWord('${MISSING:?must be set}', lookup)).toThrow(/must be set/);
  });
});

describe('splitWords()', () => {
  it('splits at unquoted whitespace and expands', () => {
    expect(splitWords('a "b c" $A \'d e\'', lookup)).toEqual(['a', 'b c', 'alpha', 'd e']);
  });
  it('keeps quotes in raw words', () => {
    expect(splitRawWords('k="a b" x=\'$y\'')).toEqual(['k="a b"', "x='$y'"]);
  });
});

describe('parseDockerfile()', () => {
  it('parses stages, continuations, comments and both command forms', () => {
    const df = parseDockerfile(
      [
        '# syntax=docker/dockerfile:1',
        'ARG BASE=scratch',
        'FROM $BASE AS Build',
        'RUN echo a \\',
        '  # a comment inside a continuation',
        '  && echo b',
        'COPY --chown=1:2 --chmod=0644 a.txt b/ /dst/',
        'ENV K1=v1 K2="v 2"',
        'ENV LEGACY some value',
        'CMD ["sh", "-c", "echo"]',
        'FROM build',
        'COPY --from=build /x /y',
        'HEALTHCHECK --interval=1m30s --retries=3 CMD wget -q localhost',
        'SHELL ["/bin/ash", "-eo", "pipefail", "-c"]',
        'EXPOSE 80/tcp 53/udp',
        'VOLUME ["/data"]',
      ].join('\n'),
    );
    expect(df.globalArgs[0]?.args).toEqual([{ name: 'BASE', defaultValue: 'scratch' }]);
    expect(df.stages).toHaveLength(2);
    const [s0, s1] = df.stages;
    expect(s0?.name).toBe('build');
    expect(s0?.from).toMatchObject({ image: '$BASE', line: 3 });
    expect(s0?.instructions[0]).toMatchObject({
      kind: 'RUN',
      line: 4,
      command: { form: 'shell', text: 'echo a   && echo b' },
    });
    expect(s0?.instructions[1]).toMatchObject({
      kind: 'COPY',
      sources: ['a.txt', 'b/'],
      dest: '/dst/',
      chown: '1:2',
      chmod: '0644',
    });
    expect(s0?.instructions[2]).toMatchObject({
      pairs: [
        ['K1', 'v1'],
        ['K2', '"v 2"'],
      ],
    });
    expect(s0?.instructions[3]).toMatchObject({ pairs: [['LEGACY', 'some value']] });
    expect(s0?.instructions[4]).toMatchObject({
      command: { form: 'exec', args: ['sh', '-c', 'echo'] },
    });
    expect(s1?.instructions[0]).toMatchObject({ kind: 'COPY', from: 'build' });
    expect(s1?.instructions[1]).toMatchObject({
      kind: 'HEALTHCHECK',
      intervalNs: 90e9,
      retries: 3,
    });
    expect(s1?.instructions[2]).toMatchObject({ shell: ['/bin/ash', '-eo', 'pipefail', '-c'] });
    expect(s1?.instructions[4]).toMatchObject({ kind: 'VOLUME', json: true, paths: ['/data'] });
  });

  it('honours the escape directive', () => {
    const df = parseDockerfile('# escape=`\nFROM scratch\nRUN dir c:\\ `\n  /w');
    expect(df.escape).toBe('`');
    expect(df.stages[0]?.instructions[0]).toMatchObject({ command: { text: 'dir c:\\   /w' } });
  });

  it.each([
    ['RUN x', 1, /Dockerfile:1: RUN: instruction before the first FROM/],
    ['FROM a\nFROBNICATE x', 2, /Dockerfile:2: FROBNICATE: unknown instruction/],
    ['FROM a\nCOPY onlyone', 2, /COPY: requires at least one source/],
    ['FROM a AS x\nFROM b AS x', 2, /duplicate stage name "x"/],
    ['FROM a\nRUN --mount=type=cache echo', 2, /RUN: unsupported flag "--mount"/],
    ['FROM a\nSHELL sh -c', 2, /SHELL: requires a JSON array/],
    ['FROM a\nHEALTHCHECK --interval=soon CMD x', 2, /invalid --interval "soon"/],
    ['FROM a\nENV novalue', 2, /ENV: expected KEY=VALUE/],
    ['FROM a b c d', 1, /FROM: expected "FROM IMAGE"/],
    ['FROM a\nCOPY --chmod=rwx a b', 2, /invalid --chmod/],
  ])('rejects %j at line %i', (text, line, message) => {
    let caught: unknown;
    try {
      parseDockerfile(text);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(DockerfileError);
    expect(hasCode(caught, 'IMAGE_DOCKERFILE_INVALID')).toBe(true);
    expect((caught as DockerfileError).line).toBe(line);
    expect((caught as Error).message).toMatch(message);
  });

  it('parses RUN here-documents, keeping comment lines in their bodies', () => {
    const df = parseDockerfile(
      [
        'FROM scratch',
        'RUN <<EOF',
        '# not a Dockerfile comment',
        'echo one',
        'EOF',
        'RUN cat <<-"A" > /a && cat <<B > /b',
        '\tfirst',
        '\tA',
        'second $X',
        'B',
        'ENV K=v',
      ].join('\n'),
    );
    const [lone, two, env] = df.stages[0]?.instructions ?? [];
    expect(lone).toMatchObject({
      line: 2,
      command: { form: 'shell', text: '# not a Dockerfile comment\necho one\n' },
    });
    expect(two).toMatchObject({
      line: 6,
      command: { form: 'shell', text: 'cat <<-"A" > /a && cat <<B > /b\nfirst\nA\nsecond $X\nB' },
    });
    expect(env).toMatchObject({ kind: 'ENV', line: 11 });
    expect(() => parseDockerfile('FROM scratch\nRUN <<EOF\necho')).toThrow(
      /Dockerfile:2: RUN: unterminated here-document "EOF"/,
    );
  });

  it('rejects a file without FROM', () => {
    expect(() => parseDockerfile('# only a comment\nARG X')).toThrow(/no FROM instruction/);
  });

  it('parses Go durations', () => {
    expect(parseDurationNs('500ms')).toBe(5e8);
    expect(parseDurationNs('1h2m')).toBe(3720e9);
    expect(parseDurationNs('5')).toBeUndefined();
  });
});
