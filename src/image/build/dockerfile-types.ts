/**
 * The parsed form of a Dockerfile: stages of instructions with their line numbers. Arguments
 * stay unexpanded here; the builder expands them with the build's variables per instruction.
 *
 * @module
 */

/** A command in exec form (`["a","b"]`) or shell form (`a b`). */
export type CommandForm = { form: 'exec'; args: string[] } | { form: 'shell'; text: string };

interface Base {
  /** 1-based line of the instruction's keyword. */
  line: number;
  /** The instruction as written (continuations joined), for history and cache keys. */
  original: string;
}

/** FROM [--platform=P] IMAGE [AS NAME] (IMAGE unexpanded). */
export interface FromInstruction extends Base {
  kind: 'FROM';
  image: string;
  platform?: string;
  stageName?: string;
}
/** RUN in shell or exec form. */
export interface RunInstruction extends Base {
  kind: 'RUN';
  command: CommandForm;
}
/** COPY or ADD: raw (unexpanded) sources and destination. */
export interface CopyInstruction extends Base {
  kind: 'COPY' | 'ADD';
  sources: string[];
  dest: string;
  from?: string;
  chown?: string;
  chmod?: string;
}
/** ENV or LABEL: raw key/value pairs (values unexpanded, quotes kept). */
export interface PairsInstruction extends Base {
  kind: 'ENV' | 'LABEL';
  pairs: Array<[string, string]>;
}
/** ARG NAME[=default]. */
export interface ArgInstruction extends Base {
  kind: 'ARG';
  args: Array<{ name: string; defaultValue?: string }>;
}
/** CMD or ENTRYPOINT. */
export interface CommandInstruction extends Base {
  kind: 'CMD' | 'ENTRYPOINT';
  command: CommandForm;
}
/** SHELL ["exe", "flag"] (exec form only). */
export interface ShellInstruction extends Base {
  kind: 'SHELL';
  shell: string[];
}
/** Instructions whose raw argument text is expanded as words: WORKDIR, USER, EXPOSE, STOPSIGNAL. */
export interface WordsInstruction extends Base {
  kind: 'WORKDIR' | 'USER' | 'EXPOSE' | 'STOPSIGNAL';
  text: string;
}
/** VOLUME in JSON or word form. */
export interface VolumeInstruction extends Base {
  kind: 'VOLUME';
  /** JSON form gives literal paths; word form gives raw text. */
  paths: string[];
  json: boolean;
}
/** HEALTHCHECK NONE, or HEALTHCHECK [options] CMD command. */
export interface HealthcheckInstruction extends Base {
  kind: 'HEALTHCHECK';
  /** undefined means NONE (disable an inherited check). */
  test?: CommandForm;
  intervalNs?: number;
  timeoutNs?: number;
  startPeriodNs?: number;
  retries?: number;
}

/** One parsed instruction. */
export type Instruction =
  | FromInstruction
  | RunInstruction
  | CopyInstruction
  | PairsInstruction
  | ArgInstruction
  | CommandInstruction
  | ShellInstruction
  | WordsInstruction
  | VolumeInstruction
  | HealthcheckInstruction;

/** A build stage: FROM and the instructions after it. */
export interface Stage {
  /** 0-based position in the Dockerfile. */
  index: number;
  /** Lower-cased `AS` name, if any. */
  name?: string;
  from: FromInstruction;
  instructions: Instruction[];
}

/** A parsed Dockerfile. */
export interface Dockerfile {
  /** ARG instructions before the first FROM (usable in FROM lines). */
  globalArgs: ArgInstruction[];
  stages: Stage[];
  /** The escape character from the `# escape=` directive (default backslash). */
  escape: string;
}
