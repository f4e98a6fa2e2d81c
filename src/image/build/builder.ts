/**
 * The Dockerfile builder: runs the stages a target needs, one instruction at a time, with a
 * layer cache. Each step's cache key chains the previous key with the expanded instruction and
 * its inputs, so a change in a late line rebuilds only from there and an unchanged Dockerfile
 * and context rebuild nothing (the image ID stays the same).
 *
 * Metadata instructions change the config only; RUN executes in a container of the daemon's
 * OCI runtime over an overlay of the current layers (see run-step.ts); COPY and ADD copy into
 * a fresh layer directory. Layers live in the build cache in overlay form, so the next step
 * stacks them without unpacking.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { NotFoundError } from '../../util/errors.js';
import { imageBuildDockerfileMaxBytes } from '../../util/limits.js';
import { BuildCache, cacheKey, type BuildLayer, type StepRecord } from './cache.js';
import { DockerfileError, parseDockerfile } from './dockerfile.js';
import { applyConfigInstruction, commandArgs } from './dockerfile-apply.js';
import { expandWord, ShellWordError, type VarLookup } from './dockerfile-shell.js';
import type { Dockerfile, Instruction, RunInstruction, Stage } from './dockerfile-types.js';
import { parseDockerignore, type IgnoreMatcher } from '../../util/dockerignore.js';
import { BuildError } from './errors.js';
import {
  defaultPath,
  envLookup,
  ociArchitecture,
  scratchConfig,
  type OciImageConfig,
} from './image-config.js';
import { copyStep, type CopyContext } from './copy-step.js';
import { runStep } from './run-step.js';
import { readRegularFileInRoot, resolveInRoot } from './scoped-path.js';
import type { BaseImages, BuildEvent, BuildOptions, BuildResult } from './types.js';

interface State {
  key: string;
  record: StepRecord;
  /** ARG values in scope (not stored in the image). */
  args: Map<string, string>;
}

interface Run {
  opts: BuildOptions;
  df: Dockerfile;
  file: string;
  cache: BuildCache;
  ignore: IgnoreMatcher;
  stages: Map<number, State>;
  globalArgs: Map<string, string>;
  layers: Map<string, BuildLayer>;
  emit: (e: BuildEvent) => void;
  now: () => Date;
  stepNo: number;
  stepTotal: number;
}

/**
 * Builds the image of `opts.contextDir`'s Dockerfile.
 *
 * @throws {DockerfileError} IMAGE_DOCKERFILE_INVALID for a bad Dockerfile (with its line).
 * @throws {BuildError} IMAGE_BUILD_RUN_FAILED when a RUN step fails, IMAGE_BUILD otherwise.
 * @throws {NotFoundError} IMAGE_NOT_FOUND when a base image is unknown.
 */
export async function buildImage(opts: BuildOptions): Promise<BuildResult> {
  const file = opts.dockerfile ?? 'Dockerfile';
  const text = opts.dockerfileText ?? (await readContextFile(opts.contextDir, file));
  if (text === undefined)
    throw new BuildError(
      'IMAGE_BUILD',
      `Cannot read "${file}" in the build context "${opts.contextDir}"`,
    );
  const df = parseDockerfile(text, { fileName: path.posix.basename(file) });
  const ignoreText = (await readContextFile(opts.contextDir, '.dockerignore')) ?? '';
  const { matcher, issues } = parseDockerignore(ignoreText);
  const issue = issues[0];
  if (issue !== undefined)
    throw new BuildError(
      'IMAGE_BUILD',
      `.dockerignore:${issue.line}: invalid pattern "${issue.pattern}"`,
    );
  const cache = new BuildCache(path.join(opts.root, 'image'));
  await cache.init();
  const run: Run = {
    opts,
    df,
    file: path.posix.basename(file),
    cache,
    ignore: matcher,
    stages: new Map(),
    globalArgs: globalArgValues(df, opts.buildArgs ?? {}),
    layers: new Map(),
    emit: opts.onEvent ?? (() => undefined),
    now: opts.now ?? (() => new Date()),
    stepNo: 0,
    stepTotal: 0,
  };
  const target = targetStage(df, opts.target);
  const needed = neededStages(run, target);
  run.stepTotal = needed.reduce((n, s) => n + 1 + s.instructions.length, 0);
  for (const stage of needed) run.stages.set(stage.index, await buildStage(run, stage));
  const final = run.stages.get(target.index);
  if (final === undefined) throw new Error('Target stage was not built');
  const configJson = Buffer.from(JSON.stringify(final.record.config));
  const layers = await Promise.all(
    final.record.layerDirs.map((dir, i) =>
      layerInfo(run, dir, final.record.config.rootfs.diff_ids[i] ?? ''),
    ),
  );
  let imageId = `sha256:${createHash('sha256').update(configJson).digest('hex')}`;
  if (opts.sink !== undefined)
    imageId = await opts.sink.commit(
      { config: final.record.config, configJson, layers },
      opts.tags ?? [],
    );
  run.emit({ type: 'done', imageId });
  return { imageId, config: final.record.config, configJson, layers };
}

async function layerInfo(
  run: Run,
  dir: string,
  diffId: string,
): Promise<BuildResult['layers'][number]> {
  const own = run.layers.get(diffId) ?? (await run.cache.getLayer(diffId));
  if (own !== undefined && own.dir === dir)
    return { diffId, dir, tarPath: own.tarPath, sizeBytes: own.sizeBytes };
  return { diffId, dir };
}

/**
 * Reads the Dockerfile or `.dockerignore` from the build context: symlinks are resolved inside
 * the context (as COPY does), and only a regular file below it, at most
 * `imageBuildDockerfileMaxBytes`, is read (never a device, a FIFO or a host file). Undefined
 * when absent.
 *
 * @throws {BuildError} IMAGE_BUILD when it is not a regular file or is too large.
 */
async function readContextFile(contextDir: string, rel: string): Promise<string | undefined> {
  try {
    const resolved = path.relative(contextDir, await resolveInRoot(contextDir, rel));
    const data = await readRegularFileInRoot(contextDir, resolved, imageBuildDockerfileMaxBytes);
    return data?.toString('utf8');
  } catch (err) {
    throw new BuildError(
      'IMAGE_BUILD',
      `Cannot read "${rel}" in the build context "${contextDir}": ${(err as Error).message}`,
      { cause: err },
    );
  }
}

function globalArgValues(df: Dockerfile, buildArgs: Record<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const instr of df.globalArgs) {
    for (const a of instr.args) {
      const v =
        buildArgs[a.name] ??
        (a.defaultValue === undefined
          ? undefined
          : expandWord(a.defaultValue, (n) => out.get(n), df.escape));
      if (v !== undefined) out.set(a.name, v);
    }
  }
  return out;
}

function targetStage(df: Dockerfile, target: string | undefined): Stage {
  if (target === undefined) {
    const last = df.stages[df.stages.length - 1];
    if (last === undefined) throw new Error('A parsed Dockerfile has at least one stage');
    return last;
  }
  const stage = df.stages.find((s) => s.name === target.toLowerCase());
  if (stage === undefined) {
    throw new BuildError('IMAGE_BUILD', `Target stage "${target}" not found`, {
      hint: `Stages: ${df.stages.map((s) => s.name ?? String(s.index)).join(', ')}`,
    });
  }
  return stage;
}

/** Finds the stage a FROM or `--from` value names (by name or index before `before`). */
function stageRef(df: Dockerfile, ref: string, before: number): Stage | undefined {
  const lower = ref.toLowerCase();
  const byName = df.stages.find((s) => s.name === lower && s.index < before);
  if (byName !== undefined) return byName;
  if (/^\d+$/.test(ref)) return df.stages.find((s) => s.index === Number(ref) && s.index < before);
  return undefined;
}

function fromImageName(run: Run, stage: Stage): string {
  try {
    return expandWord(stage.from.image, (n) => run.globalArgs.get(n), run.df.escape);
  } catch (err) {
    if (err instanceof ShellWordError)
      throw new DockerfileError(run.file, stage.from.line, 'FROM', err.message);
    throw err;
  }
}

/** The stages the target depends on (FROM and COPY --from), in Dockerfile order. */
function neededStages(run: Run, target: Stage): Stage[] {
  const needed = new Set<number>();
  const visit = (stage: Stage): void => {
    if (needed.has(stage.index)) return;
    needed.add(stage.index);
    const base = stageRef(run.df, fromImageName(run, stage), stage.index);
    if (base !== undefined) visit(base);
    for (const instr of stage.instructions) {
      if (instr.kind === 'COPY' && instr.from !== undefined) {
        // --from may use variables; unresolved names are images, resolved later.
        const dep = stageRef(run.df, instr.from, stage.index);
        if (dep !== undefined) visit(dep);
      }
    }
  };
  visit(target);
  return run.df.stages.filter((s) => needed.has(s.index));
}

async function resolveImage(
  run: Run,
  ref: string,
): Promise<{ id: string; config: OciImageConfig; layerDirs: string[] }> {
  const images: BaseImages | undefined = run.opts.baseImages;
  if (images === undefined) {
    throw new NotFoundError(`Image "${ref}" not found: this build has no image store`, {
      code: 'IMAGE_NOT_FOUND',
    });
  }
  return images.resolve(ref);
}

async function buildStage(run: Run, stage: Stage): Promise<State> {
  const image = fromImageName(run, stage);
  stepEvent(run, stage, stage.from.original, false);
  let state: State;
  const base = stageRef(run.df, image, stage.index);
  if (base !== undefined) {
    const built = run.stages.get(base.index);
    if (built === undefined)
      throw new Error(`Stage ${base.index} was not built before stage ${stage.index}`);
    state = { key: built.key, record: { ...built.record, cmdSet: false }, args: new Map() };
  } else if (image.toLowerCase() === 'scratch') {
    const arch = ociArchitecture(process.arch);
    state = {
      key: cacheKey(['scratch', arch]),
      record: { config: scratchConfig(arch), layerDirs: [], cmdSet: false },
      args: new Map(),
    };
  } else {
    const resolved = await resolveImage(run, image);
    state = {
      key: cacheKey(['image', resolved.id]),
      record: { config: resolved.config, layerDirs: resolved.layerDirs, cmdSet: false },
      args: new Map(),
    };
  }
  for (const instr of stage.instructions) {
    run.opts.signal?.throwIfAborted();
    state = await buildStep(run, stage, state, instr);
  }
  return state;
}

function stepEvent(run: Run, stage: Stage, text: string, cached: boolean): void {
  run.stepNo++;
  run.emit({
    type: 'step',
    stage: stage.name ?? String(stage.index),
    step: run.stepNo,
    total: run.stepTotal,
    text,
    cached,
  });
}

function lookupFor(state: State): VarLookup {
  return (name) => envLookup(state.record.config.config.Env, name) ?? state.args.get(name);
}

/** Runs one instruction (or takes it from the cache) and returns the new state. */
async function buildStep(run: Run, stage: Stage, state: State, instr: Instruction): Promise<State> {
  if (instr.kind === 'ARG') {
    stepEvent(run, stage, instr.original, true);
    const args = new Map(state.args);
    for (const a of instr.args) {
      const v =
        run.opts.buildArgs?.[a.name] ??
        (a.defaultValue === undefined
          ? run.globalArgs.get(a.name)
          : expandWord(a.defaultValue, lookupFor({ ...state, args }), run.df.escape));
      args.set(a.name, v ?? '');
    }
    return { ...state, args };
  }
  if (instr.kind === 'FROM') throw new Error('FROM inside a stage');
  const prepared = await prepareStep(run, state, instr);
  try {
    const key = cacheKey([state.key, prepared.description, ...prepared.inputs]);
    const hit = run.opts.noCache === true ? undefined : await run.cache.getStep(key);
    stepEvent(run, stage, instr.original, hit !== undefined);
    if (hit !== undefined) return { key, record: hit, args: state.args };
    const created = run.now().toISOString();
    const record = await prepared.execute(created);
    await run.cache.putStep(key, record);
    return { key, record, args: state.args };
  } finally {
    await prepared.release?.();
  }
}

interface PreparedStep {
  /** The expanded instruction. */
  description: string;
  /** Other cache inputs (content hashes, build arguments). */
  inputs: string[];
  execute(created: string): Promise<StepRecord>;
  /** Releases what preparing took (mounts of `--from` sources). */
  release?(): Promise<void>;
}

function withHistory(
  record: StepRecord,
  runConfig: OciImageConfig['config'],
  created: string,
  createdBy: string,
  layer: BuildLayer | undefined,
  cmdSet: boolean,
): StepRecord {
  const config: OciImageConfig = {
    ...record.config,
    created,
    config: runConfig,
    rootfs: {
      type: 'layers',
      diff_ids:
        layer === undefined
          ? record.config.rootfs.diff_ids
          : [...record.config.rootfs.diff_ids, layer.diffId],
    },
    history: [
      ...record.config.history,
      { created, created_by: createdBy, ...(layer === undefined ? { empty_layer: true } : {}) },
    ],
  };
  return {
    config,
    layerDirs: layer === undefined ? record.layerDirs : [...record.layerDirs, layer.dir],
    cmdSet,
  };
}

async function prepareStep(
  run: Run,
  state: State,
  instr: Exclude<Instruction, { kind: 'ARG' | 'FROM' }>,
): Promise<PreparedStep> {
  const record = state.record;
  if (instr.kind === 'RUN') return prepareRun(run, state, instr);
  if (instr.kind === 'COPY' || instr.kind === 'ADD') {
    const copy = await copyStep(copyContext(run, state), instr);
    return {
      description: copy.description,
      inputs: copy.inputs,
      execute: async (created) => {
        const layer = await copy.execute();
        if (layer !== undefined) run.layers.set(layer.diffId, layer);
        return withHistory(
          record,
          record.config.config,
          created,
          copy.description,
          layer,
          record.cmdSet,
        );
      },
      release: () => copy.release(),
    };
  }
  const change = applyConfigInstruction(record.config.config, instr, {
    lookup: lookupFor(state),
    escape: run.df.escape,
    cmdSet: record.cmdSet,
    file: run.file,
  });
  return {
    description: change.description,
    inputs: [],
    execute: (created) =>
      Promise.resolve(
        withHistory(record, change.config, created, change.description, undefined, change.cmdSet),
      ),
  };
}

function prepareRun(run: Run, state: State, instr: RunInstruction): PreparedStep {
  const record = state.record;
  const cfg = record.config.config;
  const args = commandArgs(instr.command, cfg.Shell);
  let env = cfg.Env ?? [];
  if (envLookup(env, 'PATH') === undefined) env = [`PATH=${defaultPath}`, ...env];
  // Build arguments are visible to RUN (and part of its cache key) but not stored in the image.
  const argEnv = [...state.args]
    .filter(([k]) => envLookup(cfg.Env, k) === undefined)
    .map(([k, v]) => `${k}=${v}`);
  const description = `RUN ${JSON.stringify(args)}`;
  return {
    description,
    inputs: argEnv,
    execute: async (created) => {
      const scratch = await run.cache.scratch('run');
      try {
        const { upperDir } = await runStep({
          lowerDirs: record.layerDirs,
          scratchDir: scratch,
          args,
          env: [...env, ...argEnv],
          cwd: cfg.WorkingDir === undefined || cfg.WorkingDir === '' ? '/' : cfg.WorkingDir,
          user: cfg.User ?? '',
          runner: run.opts.runner,
          onOutput: (text) => {
            run.emit({ type: 'output', text });
          },
          ...(run.opts.signal === undefined ? {} : { signal: run.opts.signal }),
        });
        const empty = (await fs.readdir(upperDir)).length === 0;
        const layer = empty ? undefined : await run.cache.commitLayer(upperDir);
        if (layer !== undefined) run.layers.set(layer.diffId, layer);
        return withHistory(record, cfg, created, description, layer, record.cmdSet);
      } catch (err) {
        if (err instanceof BuildError && err.code === 'IMAGE_BUILD_RUN_FAILED') {
          throw new BuildError(
            'IMAGE_BUILD_RUN_FAILED',
            `${run.file}:${instr.line}: RUN: ${err.message}`,
            {
              cause: err,
              ...(err.details === undefined
                ? {}
                : { details: { ...err.details, line: instr.line } }),
            },
          );
        }
        throw err;
      } finally {
        await fs.rm(scratch, { recursive: true, force: true });
      }
    },
  };
}

function copyContext(run: Run, state: State): CopyContext {
  const lookup = lookupFor(state);
  return {
    file: run.file,
    escape: run.df.escape,
    contextDir: run.opts.contextDir,
    ignore: run.ignore,
    cache: run.cache,
    record: state.record,
    lookup,
    fromLayers: async (ref, line) => {
      const stage = stageRef(run.df, ref, Number.MAX_SAFE_INTEGER);
      if (stage !== undefined) {
        const built = run.stages.get(stage.index);
        if (built === undefined)
          throw new DockerfileError(
            run.file,
            line,
            'COPY',
            `stage "${ref}" is not built before this step`,
          );
        return built.record.layerDirs;
      }
      return (await resolveImage(run, ref)).layerDirs;
    },
  };
}
