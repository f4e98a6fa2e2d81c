/**
 * Media types of OCI image-spec and Docker image manifest v2 schema 2.
 *
 * @module
 */

/** OCI image manifest. */
export const ociManifest = 'application/vnd.oci.image.manifest.v1+json';
/** OCI image index. */
export const ociIndex = 'application/vnd.oci.image.index.v1+json';
/** OCI image config. */
export const ociConfig = 'application/vnd.oci.image.config.v1+json';
/** OCI uncompressed layer. */
export const ociLayer = 'application/vnd.oci.image.layer.v1.tar';
/** OCI gzip layer. */
export const ociLayerGzip = 'application/vnd.oci.image.layer.v1.tar+gzip';
/** Docker schema 2 manifest. */
export const dockerManifest = 'application/vnd.docker.distribution.manifest.v2+json';
/** Docker manifest list. */
export const dockerManifestList = 'application/vnd.docker.distribution.manifest.list.v2+json';
/** Docker image config. */
export const dockerConfig = 'application/vnd.docker.container.image.v1+json';
/** Docker gzip layer. */
export const dockerLayerGzip = 'application/vnd.docker.image.rootfs.diff.tar.gzip';
/** Docker uncompressed layer (seen in some archives). */
export const dockerLayer = 'application/vnd.docker.image.rootfs.diff.tar';

/** True for a single-platform manifest media type. */
export function isManifest(mediaType: string): boolean {
  return mediaType === ociManifest || mediaType === dockerManifest;
}

/** True for a multi-platform index media type. */
export function isIndex(mediaType: string): boolean {
  return mediaType === ociIndex || mediaType === dockerManifestList;
}

/** The `Accept` header for manifest requests. */
export const manifestAccept = [ociIndex, dockerManifestList, ociManifest, dockerManifest].join(
  ', ',
);
