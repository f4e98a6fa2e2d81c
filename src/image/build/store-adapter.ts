/**
 * The builder's two seams onto the node's image store ({@link ImageService}): base images come
 * in as their config and unpacked layer directories (the store unpacks each layer once per
 * chain), and built images go out as blobs (config, manifest, the build's own layer tars,
 * digests verified on write) plus an index entry with the requested tags.
 *
 * @module
 */
import { createReadStream, promises as fs } from 'node:fs';
import { parseDigest, type Digest } from '../digest.js';
import type { ImageService } from '../image-service.js';
import type { Descriptor, Manifest } from '../manifest.js';
import { ociConfig, ociLayer, ociManifest } from '../media-types.js';
import { BuildError } from './errors.js';
import type { OciImageConfig } from './image-config.js';
import type { BaseImages, BuiltLayer, ImageSink } from './types.js';

/** Base images and image output backed by one ImageService. */
export class StoreAdapter implements BaseImages, ImageSink {
  readonly #svc: ImageService;
  /** Manifest descriptors of base image layers seen in this build, by diff ID. */
  readonly #baseLayers = new Map<string, Descriptor>();

  constructor(svc: ImageService) {
    this.#svc = svc;
  }

  /** @throws {NotFoundError} IMAGE_NOT_FOUND when the store has no such image. */
  async resolve(ref: string): Promise<{ id: string; config: OciImageConfig; layerDirs: string[] }> {
    const img = await this.#svc.resolve(ref);
    const id = parseDigest(img.id, 'image ID');
    const config = JSON.parse(
      await fs.readFile(this.#svc.content.path(id), 'utf8'),
    ) as OciImageConfig;
    config.history = Array.isArray(config.history) ? config.history : [];
    const layers = img.layers.map((blob, i) => ({
      blob: parseDigest(blob, `layers[${i}]`),
      diffId: parseDigest(img.diffIds[i] ?? blob, `rootfs.diff_ids[${i}]`),
    }));
    const chain = await this.#svc.layers.ensure(layers);
    for (const l of layers) {
      const size = await this.#svc.content.stat(l.blob);
      const mediaType = await this.#layerMediaType(img.manifestDigest, l.blob);
      this.#baseLayers.set(l.diffId, { mediaType, digest: l.blob, size: size ?? 0 });
    }
    return { id: img.id, config, layerDirs: chain.map((c) => this.#svc.layers.diffDir(c)) };
  }

  async #layerMediaType(manifestDigest: string, blob: Digest): Promise<string> {
    const manifest = JSON.parse(
      await fs.readFile(this.#svc.content.path(parseDigest(manifestDigest, 'manifest')), 'utf8'),
    ) as Manifest;
    return manifest.layers.find((l) => l.digest === blob)?.mediaType ?? ociLayer;
  }

  /**
   * Stores the image and tags it.
   *
   * @throws {BuildError} IMAGE_BUILD when a base layer's blob is unknown.
   * @throws {ImageError} IMAGE_DIGEST_MISMATCH when a layer tar changed since it was hashed.
   */
  async commit(
    image: { config: OciImageConfig; configJson: Buffer; layers: BuiltLayer[] },
    tags: readonly string[],
  ): Promise<string> {
    const content = this.#svc.content;
    const descriptors: Descriptor[] = [];
    for (const layer of image.layers) {
      const base = this.#baseLayers.get(layer.diffId);
      if (layer.tarPath !== undefined) {
        const digest = parseDigest(layer.diffId, 'layer diff ID');
        if (!(await content.has(digest)))
          await content.write(createReadStream(layer.tarPath), { expected: digest });
        descriptors.push({ mediaType: ociLayer, digest, size: (await content.stat(digest)) ?? 0 });
      } else if (base !== undefined) {
        descriptors.push(base);
      } else {
        throw new BuildError(
          'IMAGE_BUILD',
          `Cannot find the blob of layer "${layer.diffId}" in the image store`,
        );
      }
    }
    const config = await content.writeBuffer(image.configJson);
    const manifest: Manifest = {
      schemaVersion: 2,
      mediaType: ociManifest,
      config: { mediaType: ociConfig, digest: config.digest, size: config.sizeBytes },
      layers: descriptors,
    };
    const written = await content.writeBuffer(Buffer.from(JSON.stringify(manifest)));
    await this.#svc.addImage({
      id: config.digest,
      manifestDigest: written.digest,
      manifestMediaType: ociManifest,
      repoTags: [],
    });
    for (const tag of tags) await this.#svc.tag(config.digest, tag);
    return config.digest;
  }
}
