/**
 * An OCI distribution-spec client over undici: base URL selection (https, or http for loopback
 * and registries marked insecure), 401 handling with Bearer tokens (realm/service/scope, cached
 * per scope) or Basic credentials, redirects for blob downloads, and typed errors.
 *
 * @module
 */
import { Agent, request, type Dispatcher } from 'undici';
import { imageRegistryBodyTimeoutMs, imageRegistryHeadersTimeoutMs } from '../../util/limits.js';
import { ImageError } from '../errors.js';
import { extraCaOption } from './ca.js';
import { parseChallenge } from './challenge.js';

/** Credentials for one registry. */
export interface RegistryCredentials {
  username: string;
  password: string;
}

/** Options of {@link RegistryClient}. */
export interface RegistryClientOptions {
  credentials?: RegistryCredentials | undefined;
  /** Use plain http (loopback registries always do). */
  insecure?: boolean;
  signal?: AbortSignal | undefined;
}

/** A response with its body still to be read. */
export interface RegistryResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Dispatcher.ResponseData['body'];
}

/** One request. */
export interface RegistryRequest {
  method: Dispatcher.HttpMethod;
  /** Path starting with `/v2/`, or an absolute URL (upload locations, redirects). */
  path: string;
  /** Token scopes needed, e.g. `repository:app:pull`. */
  scopes: string[];
  headers?: Record<string, string>;
  body?: Dispatcher.DispatchOptions['body'];
  /** Whether the body can be sent again after a 401 (streams cannot). */
  replayable?: boolean;
}

const extraCa = extraCaOption(process.env, (m) => {
  process.emitWarning(m);
});
const sharedAgent = new Agent({
  ...(extraCa === undefined ? {} : { connect: extraCa }),
  headersTimeout: imageRegistryHeadersTimeoutMs,
  bodyTimeout: imageRegistryBodyTimeoutMs,
  connections: 16,
  keepAliveTimeout: 10_000,
});

/** True for hosts that are this machine (127.0.0.0/8, ::1, localhost). */
export function isLoopbackHost(registry: string): boolean {
  const host = registry.startsWith('[')
    ? registry.slice(1, registry.indexOf(']'))
    : (registry.split(':')[0] ?? '');
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function header(headers: RegistryResponse['headers'], name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Reads a (small) response body as text, at most `maxBytes`. */
export async function readText(
  body: RegistryResponse['body'],
  maxBytes = 64 * 1024,
): Promise<string> {
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const chunk of body) {
    n += (chunk as Buffer).length;
    if (n > maxBytes) {
      body.destroy();
      break;
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A client for one registry host. */
export class RegistryClient {
  readonly registry: string;
  readonly baseUrl: string;
  readonly #credentials: RegistryCredentials | undefined;
  readonly #signal: AbortSignal | undefined;
  readonly #tokens = new Map<string, string>();
  #basic = false;

  constructor(registry: string, options: RegistryClientOptions = {}) {
    this.registry = registry;
    const host = registry === 'docker.io' ? 'registry-1.docker.io' : registry;
    const http = options.insecure === true || isLoopbackHost(registry);
    this.baseUrl = `${http ? 'http' : 'https'}://${host}`;
    this.#credentials = options.credentials;
    this.#signal = options.signal;
  }

  #authHeader(scopes: string[]): string | undefined {
    const token = this.#tokens.get(scopes.join(' '));
    if (token !== undefined) return `Bearer ${token}`;
    if (this.#basic && this.#credentials !== undefined) {
      return `Basic ${Buffer.from(`${this.#credentials.username}:${this.#credentials.password}`).toString('base64')}`;
    }
    return undefined;
  }

  async #raw(
    method: Dispatcher.HttpMethod,
    url: string,
    headers: Record<string, string>,
    body?: Dispatcher.DispatchOptions['body'],
  ): Promise<RegistryResponse> {
    try {
      const res = await request(url, {
        method,
        headers,
        body: body ?? null,
        dispatcher: sharedAgent,
        signal: this.#signal ?? null,
      });
      return { status: res.statusCode, headers: res.headers, body: res.body };
    } catch (err) {
      if (this.#signal?.aborted === true) throw err;
      throw new ImageError(
        'IMAGE_REGISTRY',
        `Cannot reach registry "${this.registry}" (${method} ${url}): ${(err as Error).message}`,
        {
          cause: err,
          hint: isLoopbackHost(this.registry)
            ? 'Is the registry running?'
            : 'Check the registry address, or mark it insecure (--insecure-registry) if it serves plain http',
        },
      );
    }
  }

  /**
   * Sends a request, authenticating on a 401 challenge and retrying once, and following up to
   * five redirects. The caller reads or dumps the body.
   *
   * @throws {ImageError} IMAGE_AUTH when the registry refuses the credentials (or there are none).
   */
  async send(req: RegistryRequest): Promise<RegistryResponse> {
    let url = req.path.startsWith('http') ? req.path : `${this.baseUrl}${req.path}`;
    for (let attempt = 0; attempt < 2; attempt++) {
      const headers: Record<string, string> = { ...req.headers };
      const auth = this.#authHeader(req.scopes);
      if (auth !== undefined) headers['authorization'] = auth;
      let res = await this.#raw(req.method, url, headers, req.body);
      for (let hops = 0; hops < 5 && [301, 302, 303, 307, 308].includes(res.status); hops++) {
        const location = header(res.headers, 'location');
        await res.body.dump();
        if (location === undefined) break;
        const next = new URL(location, url);
        const sameHost = next.host === new URL(url).host;
        const h = {
          ...req.headers,
          ...(sameHost && auth !== undefined ? { authorization: auth } : {}),
        };
        url = next.toString();
        res = await this.#raw(req.method === 'HEAD' ? 'HEAD' : 'GET', url, h);
      }
      if (res.status !== 401) return res;
      const challenge = header(res.headers, 'www-authenticate');
      await res.body.dump();
      if (
        attempt === 1 ||
        challenge === undefined ||
        (req.body != null && req.replayable !== true)
      ) {
        throw this.#authError(req.scopes);
      }
      await this.#authenticate(challenge, req.scopes);
    }
    throw this.#authError(req.scopes);
  }

  #authError(scopes: string[]): ImageError {
    return new ImageError(
      'IMAGE_AUTH',
      this.#credentials === undefined
        ? `Registry "${this.registry}" requires authentication (${scopes.join(' ') || 'login'})`
        : `Registry "${this.registry}" refused the credentials of "${this.#credentials.username}" (${scopes.join(' ') || 'login'})`,
      { hint: `Log in with \`tsorch login ${this.registry}\`` },
    );
  }

  async #authenticate(challengeHeader: string, scopes: string[]): Promise<void> {
    const challenge = parseChallenge(challengeHeader);
    if (challenge.scheme === 'basic') {
      if (this.#credentials === undefined) throw this.#authError(scopes);
      this.#basic = true;
      return;
    }
    if (challenge.scheme !== 'bearer' || challenge.params['realm'] === undefined) {
      throw new ImageError(
        'IMAGE_AUTH',
        `Registry "${this.registry}" asks for unsupported authentication "${challengeHeader}"`,
      );
    }
    const realm = new URL(challenge.params['realm']);
    if (challenge.params['service'] !== undefined)
      realm.searchParams.set('service', challenge.params['service']);
    for (const s of scopes) realm.searchParams.append('scope', s);
    const headers: Record<string, string> = {};
    if (this.#credentials !== undefined) {
      headers['authorization'] =
        `Basic ${Buffer.from(`${this.#credentials.username}:${this.#credentials.password}`).toString('base64')}`;
    }
    const res = await this.#raw('GET', realm.toString(), headers);
    const text = await readText(res.body);
    if (res.status === 401 || res.status === 403) throw this.#authError(scopes);
    if (res.status !== 200) {
      throw new ImageError(
        'IMAGE_AUTH',
        `Token server of "${this.registry}" answered ${res.status}: ${text.slice(0, 200)}`,
      );
    }
    let token: unknown;
    try {
      const doc = JSON.parse(text) as { token?: unknown; access_token?: unknown };
      token = doc.token ?? doc.access_token;
    } catch {
      token = undefined;
    }
    if (typeof token !== 'string' || token === '') {
      throw new ImageError('IMAGE_AUTH', `Token server of "${this.registry}" sent no token`);
    }
    this.#tokens.set(scopes.join(' '), token);
  }

  /**
   * Sends a request and checks its status is one of `ok`; otherwise reads the registry's error
   * document into an {@link ImageError} (IMAGE_NOT_FOUND for 404, IMAGE_AUTH for 403).
   */
  async expect(req: RegistryRequest, ok: number[], what: string): Promise<RegistryResponse> {
    const res = await this.send(req);
    if (ok.includes(res.status)) return res;
    const text = req.method === 'HEAD' ? '' : await readText(res.body).catch(() => '');
    if (req.method === 'HEAD') await res.body.dump();
    let detail = text.slice(0, 300);
    try {
      const doc = JSON.parse(text) as { errors?: { code?: string; message?: string }[] };
      if (doc.errors?.[0] !== undefined)
        detail = `${doc.errors[0].code ?? ''} ${doc.errors[0].message ?? ''}`.trim();
    } catch {
      // Not an error document: keep the text.
    }
    const message = `Cannot ${what} on "${this.registry}": HTTP ${res.status}${detail === '' ? '' : ` (${detail})`}`;
    if (res.status === 404) throw new ImageError('IMAGE_NOT_FOUND', message);
    if (res.status === 403) throw new ImageError('IMAGE_AUTH', message);
    throw new ImageError('IMAGE_REGISTRY', message);
  }

  /** Checks the registry answers the v2 API with these credentials (used by `login`). */
  async ping(): Promise<void> {
    const res = await this.expect({ method: 'GET', path: '/v2/', scopes: [] }, [200], 'log in');
    await res.body.dump();
  }
}

export { header as responseHeader };
