/**
 * The node's image service: the content store, the image index, unpacked layers and container
 * root filesystems behind one object. This is the contract the containers component uses
 * (`resolve`, `prepareRootfs`, `rootfsMountPlan`, `rootfsUserFiles`, `mountRootfs`,
 * `unmountRootfs`, `removeRootfs`, `setInUse`),
 * and what the gRPC Images service calls.
 *
 * Layout under `root` (`${daemon root}/image`): blobs/sha256/<hex>, ingest/, index.json,
 * layers/<chain hex>/{diff,link,diffid}, l/<link> -> ../layers/<hex>/diff, snapshots/<key>/,
 * lower-mounts/<random>/ (brief read-only mounts of an image's layers, to read its users).
 *
 * @module
 */
import { promises as fs } from 'node:fs';
import { ConflictError, InvalidArgumentError, NotFoundError } from '../util/errors.js';
import {
  imageMaxLayerCount,
  imageMetadataCacheCount,
  imageMetadataMaxBytes,
} from '../util/limits.js';
import { ImageError, noSpaceError } from './errors.js';
import { readArchive, writeArchive } from './archive.js';
import { BlobSources } from './blob-sources.js';
import { ContentStore } from './content-store.js';
import { parseDigest, type Digest } from './digest.js';
import { addRepoDigest, ImageDb, moveTag, type ImageRecord } from './image-db.js';
import { chainIds, LayerStore } from './layers.js';
import {
  parseImageConfig,
  parseManifest,
  type ImageConfig,
  type ImageConfigFile,
  type Manifest,
} from './manifest.js';
import {
  familiarName,
  familiarTagged,
  looksLikeId,
  parseReference,
} from '../util/image-reference.js';
import { Snapshots, type MountPlan } from './snapshots.js';
import type { UserFiles } from './user-files.js';

/** An image as the rest of tsorch sees it. */
export interface LocalImage {
  /** `sha256:` + the config digest. */
  id: string;
  repoTags: string[];
  repoDigests: string[];
  /** The image config's runtime part (User, Env, Entrypoint, Cmd, ...). */
  config: ImageConfig;
  created?: string;
  os?: string;
  architecture?: string;
  /** Sum of the config and layer blob sizes. */
  sizeBytes: number;
  manifestDigest: string;
  manifestMediaType: string;
  /** Layer blob digests, lowest first. */
  layers: string[];
  diffIds: string[];
}

/** What `remove` did. */
export interface RemoveResult {
  untagged: string[];
  deleted: string[];
}

/** What `prune` did. */
export interface PruneResult {
  deleted: string[];
  reclaimedBytes: number;
}

/** Options of {@link ImageService.open}. */
export interface ImageServiceOptions {
  /** Registries reached over plain http (loopback ones always are). */
  insecureRegistries?: string[];
}

/** The image service of one node. */
export class ImageService {
  readonly root: string;
  readonly content: ContentStore;
  readonly db: ImageDb;
  readonly layers: LayerStore;
  readonly snapshots: Snapshots;
  /** Registry repositories each blob is known in (push mounts from them). */
  readonly blobSources: BlobSources;
  readonly insecureRegistries: string[];
  #inUse: (imageId: string) => string[] | Promise<string[]> = () => [];
  /** Parsed manifests and configs by digest, with the blob's size and mtime (see #parsed). */
  readonly #metadata = new Map<Digest, { value: unknown; size: number; mtimeMs: number }>();
  #ingesting = 0;

  private constructor(root: string, options: ImageServiceOptions) {
    this.root = root;
    this.content = new ContentStore(root);
    this.db = new ImageDb(root);
    this.layers = new LayerStore(root, this.content);
    this.snapshots = new Snapshots(root);
    this.blobSources = new BlobSources(root);
    this.insecureRegistries = options.insecureRegistries ?? [];
  }

  /** Opens (and creates) the store under `root`. */
  static async open(root: string, options: ImageServiceOptions = {}): Promise<ImageService> {
    const svc = new ImageService(root, options);
    await svc.content.init();
    await svc.content.cleanIngest();
    await svc.layers.init();
    await svc.snapshots.init();
    return svc;
  }

  /** Registers the check telling which containers use an image (`image rm` refuses those). */
  setInUse(check: (imageId: string) => string[] | Promise<string[]>): void {
    this.#inUse = check;
  }

  /**
   * Who uses an image: the containers the registered check names, plus root filesystems made
   * from it that nobody registered (so an image under a live snapshot is never deleted).
   */
  async #users(imageId: string): Promise<string[]> {
    const named = await this.#inUse(imageId);
    if (named.length > 0) return named;
    return (await this.snapshots.list())
      .filter((s) => s.imageId === imageId)
      .map((s) => `rootfs ${s.key}`);
  }

  /**
   * A metadata blob, parsed. Each container create resolves its image, so a blob that was read
   * and verified is kept with its size and modification time, and read again (and verified)
   * only when either changed: a blob rewritten or corrupted on disk is still caught.
   */
  async #parsed<T>(digest: Digest, parse: (json: unknown) => T): Promise<T> {
    const st = await fs.stat(this.content.path(digest)).catch(() => undefined);
    const hit = this.#metadata.get(digest);
    if (hit !== undefined && st !== undefined && hit.size === st.size && hit.mtimeMs === st.mtimeMs)
      return hit.value as T;
    const value = parse(await this.content.readJson(digest, imageMetadataMaxBytes));
    this.#metadata.delete(digest);
    if (this.#metadata.size >= imageMetadataCacheCount) {
      const oldest = this.#metadata.keys().next().value;
      if (oldest !== undefined) this.#metadata.delete(oldest);
    }
    if (st !== undefined) this.#metadata.set(digest, { value, size: st.size, mtimeMs: st.mtimeMs });
    return value;
  }

  #manifest(rec: ImageRecord): Promise<Manifest> {
    return this.#parsed(rec.manifestDigest, (json) => parseManifest(json, rec.manifestMediaType));
  }

  #configFile(id: Digest): Promise<ImageConfigFile> {
    return this.#parsed(id, parseImageConfig);
  }

  async #toLocal(rec: ImageRecord): Promise<LocalImage> {
    const manifest = await this.#manifest(rec);
    const cfg = await this.#configFile(rec.id);
    return {
      id: rec.id,
      repoTags: [...rec.repoTags],
      repoDigests: [...rec.repoDigests],
      // A copy: the parsed config is cached and shared.
      config: structuredClone(cfg.config ?? {}),
      ...(cfg.created === undefined ? {} : { created: cfg.created }),
      ...(cfg.os === undefined ? {} : { os: cfg.os }),
      ...(cfg.architecture === undefined ? {} : { architecture: cfg.architecture }),
      sizeBytes: manifest.config.size + manifest.layers.reduce((n, l) => n + l.size, 0),
      manifestDigest: rec.manifestDigest,
      manifestMediaType: rec.manifestMediaType,
      layers: manifest.layers.map((l) => l.digest),
      diffIds: cfg.rootfs.diff_ids,
    };
  }

  async #find(ref: string): Promise<ImageRecord> {
    const images = await this.db.list();
    let parsed: ReturnType<typeof parseReference> | undefined;
    try {
      parsed = parseReference(ref);
    } catch (err) {
      if (!looksLikeId(ref)) throw err;
    }
    if (parsed !== undefined) {
      if (parsed.digest !== undefined) {
        const rd = `${familiarName(parsed)}@${parsed.digest}`;
        const hit = images.find(
          (i) =>
            i.repoDigests.includes(rd) ||
            i.manifestDigest === parsed.digest ||
            i.id === parsed.digest,
        );
        if (hit !== undefined) return hit;
      } else {
        const tagged = familiarTagged(parsed);
        const hit = images.find((i) => i.repoTags.includes(tagged));
        if (hit !== undefined) return hit;
      }
    }
    if (looksLikeId(ref)) {
      const hex = ref.replace(/^sha256:/, '');
      const hits = images.filter((i) => i.id.slice(7).startsWith(hex));
      if (hits.length === 1 && hits[0] !== undefined) return hits[0];
      if (hits.length > 1)
        throw new InvalidArgumentError(
          `Image ID prefix "${ref}" is ambiguous: it matches ${hits.length} images`,
        );
    }
    throw new NotFoundError(`No such image: "${ref}"`, {
      code: 'IMAGE_NOT_FOUND',
      hint: 'List images with `tsorch image ls`, or pull it with `tsorch image pull`',
    });
  }

  /**
   * Finds a local image by `name[:tag]`, `name@digest`, ID or unique ID prefix.
   *
   * @throws {NotFoundError} IMAGE_NOT_FOUND when there is none.
   */
  async resolve(ref: string): Promise<LocalImage> {
    return this.#toLocal(await this.#find(ref));
  }

  /** Every image, newest first. */
  async list(): Promise<LocalImage[]> {
    const out: LocalImage[] = [];
    for (const rec of await this.db.list()) out.push(await this.#toLocal(rec));
    return out.sort((a, b) => (b.created ?? '').localeCompare(a.created ?? ''));
  }

  /** Records an image whose blobs are in the content store, tagging it. */
  async addImage(img: {
    id: Digest;
    manifestDigest: Digest;
    manifestMediaType: string;
    repoTags: string[];
    repoDigests?: string[];
  }): Promise<void> {
    await this.db.update((images) => {
      images[img.id] ??= {
        id: img.id,
        manifestDigest: img.manifestDigest,
        manifestMediaType: img.manifestMediaType,
        repoTags: [],
        repoDigests: [],
        addedAt: new Date().toISOString(),
      };
      for (const t of img.repoTags) moveTag(images, t, img.id);
      for (const d of img.repoDigests ?? []) addRepoDigest(images, d, img.id);
    });
  }

  /**
   * Loads a docker-archive or OCI archive (tar or tar.gz) from `file`.
   *
   * @param options.name how messages name the archive (default: the file's base name), e.g.
   *   "standard input" for an archive the client streamed.
   * @returns the loaded images, each with the tags the archive gave it (`loadedTags`).
   */
  async load(
    file: string,
    options: { name?: string } = {},
  ): Promise<(LocalImage & { loadedTags: string[] })[]> {
    return this.ingesting(async () => {
      const found = await readArchive(file, this.content, options);
      const out: (LocalImage & { loadedTags: string[] })[] = [];
      for (const img of found) {
        await this.addImage(img);
        out.push({ ...(await this.resolve(img.id)), loadedTags: img.repoTags });
      }
      return out;
    });
  }

  /** Writes images (by reference) to `file` as a docker-archive + OCI layout tar. */
  async save(refs: string[], file: string, options: { gzip?: boolean } = {}): Promise<void> {
    if (refs.length === 0) throw new InvalidArgumentError('Name at least one image to save');
    const items = [];
    for (const ref of refs) {
      const rec = await this.#find(ref);
      const parsed = looksLikeId(ref) ? undefined : parseReference(ref);
      const tags =
        parsed === undefined || parsed.digest !== undefined
          ? rec.repoTags
          : [familiarTagged(parsed)];
      items.push({
        manifestDigest: rec.manifestDigest,
        manifestMediaType: rec.manifestMediaType,
        manifest: await this.#manifest(rec),
        repoTags: tags,
      });
    }
    await writeArchive(file, items, this.content, options);
  }

  /** Tags image `source` as `target` (`name[:tag]`). */
  async tag(source: string, target: string): Promise<void> {
    const rec = await this.#find(source);
    const parsed = parseReference(target);
    if (parsed.digest !== undefined)
      throw new InvalidArgumentError(`Invalid tag "${target}": a tag cannot carry a digest`);
    await this.db.update((images) => {
      moveTag(images, familiarTagged(parsed), rec.id);
    });
  }

  /**
   * Removes a tag, or the image when no tag remains (or when named by ID). Refuses an image
   * used by containers, or an ID with several tags, unless `force`.
   *
   * @throws {ConflictError} IMAGE_IN_USE.
   */
  async remove(ref: string, options: { force?: boolean } = {}): Promise<RemoveResult> {
    const rec = await this.#find(ref);
    const force = options.force === true;
    const byName =
      !looksLikeId(ref) || rec.repoTags.some((t) => t === familiarTagged(parseReference(ref)));
    const result: RemoveResult = { untagged: [], deleted: [] };
    const users = await this.#users(rec.id);
    if (byName && !ref.includes('@')) {
      const tag = familiarTagged(parseReference(ref));
      if (rec.repoTags.length > 1 || (users.length > 0 && force)) {
        await this.db.update((images) => {
          const img = images[rec.id];
          if (img !== undefined) img.repoTags = img.repoTags.filter((t) => t !== tag);
        });
        return { untagged: [tag], deleted: [] };
      }
    } else if (rec.repoTags.length > 1 && !force) {
      throw new ConflictError(
        `Cannot remove image "${ref}": it is referenced by ${rec.repoTags.length} tags (${rec.repoTags.join(', ')})`,
        { code: 'IMAGE_IN_USE', hint: 'Remove the tags one by one, or use --force' },
      );
    }
    if (users.length > 0) {
      if (!force) {
        throw new ConflictError(
          `Cannot remove image "${ref}": it is used by ${users.length} container(s): ${users.join(', ')}`,
          {
            code: 'IMAGE_IN_USE',
            details: { containers: users },
            hint: 'Remove the containers first, or use --force to untag it',
          },
        );
      }
      await this.db.update((images) => {
        const img = images[rec.id];
        if (img !== undefined) img.repoTags = [];
      });
      return { untagged: rec.repoTags, deleted: [] };
    }
    await this.db.update((images) => {
      Reflect.deleteProperty(images, rec.id);
    });
    result.untagged.push(...rec.repoTags, ...rec.repoDigests);
    result.deleted.push(rec.id);
    await this.gc();
    return result;
  }

  /** Removes dangling images (every unused image with `all`), then unreferenced blobs and layers. */
  async prune(options: { all?: boolean } = {}): Promise<PruneResult> {
    const victims: ImageRecord[] = [];
    for (const i of await this.db.list()) {
      if (
        (options.all === true || i.repoTags.length === 0) &&
        (await this.#users(i.id)).length === 0
      )
        victims.push(i);
    }
    await this.db.update((images) => {
      for (const v of victims) Reflect.deleteProperty(images, v.id);
    });
    const reclaimedBytes = await this.gc();
    return { deleted: victims.map((v) => v.id), reclaimedBytes };
  }

  /**
   * Runs `fn`, which adds blobs or layers not yet referenced by an image (load, pull). Garbage
   * collection waits for none of them: it is skipped while any runs, and catches up next time.
   */
  async ingesting<T>(fn: () => Promise<T>): Promise<T> {
    this.#ingesting++;
    try {
      return await fn();
    } catch (err) {
      throw noSpaceError(err, 'store the image', this.root);
    } finally {
      this.#ingesting--;
    }
  }

  /**
   * Deletes blobs and unpacked layers that no image or root filesystem references; returns the
   * bytes freed from blobs. Skipped (returns 0) while a load or pull runs, or when an image's
   * metadata cannot be read, so it never deletes what it cannot prove unused.
   */
  async gc(): Promise<number> {
    if (this.#ingesting > 0) return 0;
    const keepBlobs = new Set<string>();
    const keepChains = new Set<string>();
    for (const rec of await this.db.list()) {
      keepBlobs.add(rec.manifestDigest);
      keepBlobs.add(rec.id);
      let manifest: Manifest;
      let cfg: ImageConfigFile;
      try {
        manifest = await this.#manifest(rec);
        cfg = await this.#configFile(rec.id);
      } catch {
        return 0;
      }
      for (const l of manifest.layers) keepBlobs.add(l.digest);
      for (const c of chainIds(cfg.rootfs.diff_ids)) keepChains.add(c);
    }
    for (const s of await this.snapshots.list()) for (const c of s.chainIds) keepChains.add(c);
    let freed = 0;
    for (const d of await this.content.list()) {
      if (keepBlobs.has(d) || this.#ingesting > 0) continue;
      freed += (await this.content.stat(d)) ?? 0;
      await this.content.delete(d);
    }
    for (const c of await this.layers.list()) {
      if (!keepChains.has(c) && this.#ingesting === 0) await this.layers.remove(c);
    }
    // Partial downloads of abandoned pulls: nothing can resume them once no pull runs.
    if (this.#ingesting === 0) await this.content.cleanIngest({ partials: true });
    return freed;
  }

  /** Creates the writable root filesystem `key` from image `imageId` (idempotent). */
  async prepareRootfs(key: string, imageId: string): Promise<void> {
    await this.ingesting(() => this.#prepareRootfs(key, imageId));
  }

  async #prepareRootfs(key: string, imageId: string): Promise<void> {
    const img = await this.resolve(imageId);
    const manifest = await this.#manifest(await this.#find(img.id));
    if (manifest.layers.length > imageMaxLayerCount) {
      throw new ImageError(
        'IMAGE_INVALID',
        `Image "${imageId}" has ${manifest.layers.length} layers: at most ${imageMaxLayerCount} can be stacked`,
        { hint: 'Squash the image into fewer layers' },
      );
    }
    const diffIds = img.diffIds.map((d, i) => parseDigest(d, `rootfs.diff_ids[${i}]`));
    const chain = await this.layers.ensure(
      manifest.layers.map((l, i) => ({ blob: l.digest, diffId: diffIds[i] ?? l.digest })),
    );
    const links: string[] = [];
    for (const c of chain) links.push(await this.layers.linkOf(c));
    await this.snapshots.prepare(key, img.id, links.reverse(), chain);
  }

  /**
   * How to mount root filesystem `key` (at `snapshots/<key>/merged`), recorded as mounted there;
   * nothing is spawned: the caller mounts it (the container's shim, with mount(2)).
   *
   * @throws {NotFoundError} IMAGE_NOT_FOUND when `key` was not prepared.
   * @throws {ImageError} IMAGE_INVALID when it is mounted elsewhere.
   */
  async rootfsMountPlan(key: string): Promise<MountPlan> {
    return this.snapshots.mountPlan(key);
  }

  /**
   * /etc/passwd and /etc/group of root filesystem `key` as mounted, read without mounting it;
   * undefined when they cannot be told so (then mount it and read them).
   *
   * @throws {NotFoundError} IMAGE_NOT_FOUND when `key` was not prepared.
   * @throws {ImageError} IMAGE_INVALID when the image's layers cannot be read.
   */
  async rootfsUserFiles(key: string): Promise<UserFiles | undefined> {
    return this.snapshots.userFiles(key);
  }

  /** Mounts root filesystem `key` (at `target`, default `snapshots/<key>/merged`); returns the path. */
  async mountRootfs(key: string, target?: string): Promise<string> {
    return this.snapshots.mount(key, target);
  }

  /** Unmounts root filesystem `key`. */
  async unmountRootfs(key: string): Promise<void> {
    await this.snapshots.unmount(key);
  }

  /** Unmounts and deletes root filesystem `key`. */
  async removeRootfs(key: string): Promise<void> {
    await this.snapshots.remove(key);
  }
}
