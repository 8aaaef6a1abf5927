import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import type { OitCheck, OitCheckErrorCode } from '#shared/oit/contract.ts';
import { checkTargetUrl, hostOf } from './address-rules.ts';
import { looksLikeLoginUrl, readPage } from './page-signals.ts';
import { type HostResolver, type ResolvedAddress, resolveTarget, systemResolver } from './resolve.ts';

export type CheckOptions = {
  /** Let loopback and private addresses through (tests; an intranet deployment). Default false. */
  allowPrivate: boolean;
  /** The whole check of one URL, redirects and body included. Default 10 s. */
  timeoutMs: number;
  maxRedirects: number;
  /** Bytes of the body read at most (after decompression); the rest is never read. Default 2 MB. */
  maxBodyBytes: number;
  resolver: HostResolver;
  /** Aborts the check (the worker stopping); recorded as `aborted`. */
  signal?: AbortSignal | undefined;
  userAgent: string;
};

export const DEFAULT_CHECK_OPTIONS: CheckOptions = {
  allowPrivate: false,
  timeoutMs: 10_000,
  maxRedirects: 5,
  maxBodyBytes: 2 * 1024 * 1024,
  resolver: systemResolver,
  userAgent: 'Prongsai-OIT-LinkCheck/1.0 (+ITA disclosure readiness check)',
};

const MESSAGES: Record<OitCheckErrorCode, (d: string) => { th: string; en: string }> = {
  invalid_url: () => ({ th: 'ที่อยู่ลิงก์ไม่ถูกต้อง', en: 'Not a valid address' }),
  unsupported_scheme: () => ({
    th: 'ตรวจได้เฉพาะลิงก์ http:// หรือ https://',
    en: 'Only http:// and https:// addresses are checked',
  }),
  private_address: (d) => ({
    th: `ไม่ตรวจลิงก์ที่ชี้ไปยังเครือข่ายภายใน (${d})`,
    en: `Refused: the address is private, loopback or link-local (${d})`,
  }),
  dns_failure: (d) => ({ th: `ไม่พบชื่อโดเมนนี้ (${d})`, en: `The host name does not resolve (${d})` }),
  timeout: (d) => ({ th: `เว็บไซต์ไม่ตอบภายใน ${d}`, en: `No complete answer within ${d}` }),
  too_many_redirects: (d) => ({
    th: `ลิงก์ส่งต่อ (redirect) เกิน ${d} ครั้ง`,
    en: `More than ${d} redirects`,
  }),
  too_large: (d) => ({
    th: `หน้าเว็บใหญ่เกิน ${d} อ่านเฉพาะส่วนแรก`,
    en: `The page is larger than ${d}; only its start was read`,
  }),
  connection_failed: (d) => ({ th: `เชื่อมต่อเว็บไซต์ไม่ได้ (${d})`, en: `Could not connect (${d})` }),
  tls_error: (d) => ({
    th: `ใบรับรองความปลอดภัย (HTTPS) ของเว็บไซต์ไม่ถูกต้อง (${d})`,
    en: `The site's HTTPS certificate is not valid (${d})`,
  }),
  aborted: () => ({ th: 'การตรวจถูกยกเลิก', en: 'The check was cancelled' }),
};

function errorOf(code: OitCheckErrorCode, detail = '') {
  const m = MESSAGES[code](detail);
  return { code, message_th: m.th, message_en: m.en };
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** How long a timed-out connection waits for the server to close its side before it is cut. */
const GRACEFUL_CLOSE_MS = 1000;
const TLS_CODES = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/i;

class CheckAbort extends Error {
  constructor(readonly code: 'timeout' | 'aborted') {
    super(code);
  }
}

type Answer = {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  truncated: boolean;
};

const header = (h: http.IncomingHttpHeaders, name: string) => {
  const v = h[name];
  return (Array.isArray(v) ? v[0] : v)?.slice(0, 500) ?? null;
};

function decoded(res: http.IncomingMessage): Readable {
  switch ((header(res.headers, 'content-encoding') ?? '').trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return res.pipe(zlib.createGunzip());
    case 'deflate':
      return res.pipe(zlib.createInflate());
    case 'br':
      return res.pipe(zlib.createBrotliDecompress());
    default:
      return res;
  }
}

/**
 * One GET to `address` (already checked), with `url`'s host name for the Host header and TLS.
 * Reads at most `maxBytes` of the (decoded) body of a final answer; redirects are not read.
 * Settles only once its socket is closed, so a caller bounding concurrent checks bounds concurrent
 * connections too. `cancel` (the deadline, the worker stopping) rejects with its reason.
 */
function fetchOnce(
  url: URL,
  address: ResolvedAddress,
  options: CheckOptions,
  cancel: AbortSignal,
  onHeaders: (status: number, headers: http.IncomingHttpHeaders) => void,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    // Connect to the address resolved and checked before; never resolve the name again.
    const lookup: LookupFunction = (_host, opts, callback) => {
      if ((opts as { all?: boolean }).all) {
        (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [address]);
      } else {
        callback(null, address.address, address.family);
      }
    };
    const isHttps = url.protocol === 'https:';
    const host = hostOf(url);
    const request = (isHttps ? https : http).request({
      protocol: url.protocol,
      hostname: host,
      port: url.port || (isHttps ? 443 : 80),
      path: `${url.pathname}${url.search}`,
      method: 'GET',
      agent: false,
      lookup,
      ...(isHttps ? { servername: host } : {}),
      headers: {
        'user-agent': options.userAgent,
        accept: 'text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.8',
        'accept-language': 'th,en;q=0.8',
        'accept-encoding': 'gzip, deflate, br',
        connection: 'close',
      },
    });
    let settled = false;
    /** Closes the connection, then resolves or rejects (a cancelled check always rejects). */
    const settle = (outcome: () => void, graceful = false) => {
      if (settled) return;
      settled = true;
      cancel.removeEventListener('abort', onCancel);
      const socket = request.socket;
      const after = () => (cancel.aborted ? reject(cancel.reason) : outcome());
      if (!socket || socket.closed) {
        request.destroy();
        after();
        return;
      }
      socket.once('close', after);
      if (graceful && !socket.connecting && !socket.destroyed) {
        // A server still working on its answer is told goodbye (FIN) and closes its side, so it never
        // holds this connection beside the checker's next one; one that does not is cut off.
        const timer = setTimeout(() => request.destroy(), GRACEFUL_CLOSE_MS);
        timer.unref();
        socket.once('close', () => clearTimeout(timer));
        socket.end();
        socket.resume();
      } else {
        request.destroy();
      }
    };
    const onCancel = () => settle(() => undefined, true);
    if (cancel.aborted) {
      onCancel();
      return;
    }
    cancel.addEventListener('abort', onCancel, { once: true });
    request.on('error', (error) => settle(() => reject(error)));
    request.on('response', (res) => {
      const base = { status: res.statusCode ?? 0, headers: res.headers };
      onHeaders(base.status, res.headers);
      // Redirects and errors are judged by their status: their bodies are not read.
      if (REDIRECTS.has(base.status) || base.status >= 400 || base.status === 204 || base.status === 304) {
        settle(() => resolve({ ...base, body: Buffer.alloc(0), truncated: false }));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      const finish = (truncated: boolean) =>
        settle(() => resolve({ ...base, body: Buffer.concat(chunks, size), truncated }));
      const stream = decoded(res);
      stream.on('data', (chunk: Buffer) => {
        if (settled) return;
        const room = options.maxBodyBytes - size;
        if (chunk.length > room) {
          if (room > 0) chunks.push(chunk.subarray(0, room));
          size += Math.max(room, 0);
          finish(true);
          return;
        }
        chunks.push(chunk);
        size += chunk.length;
      });
      stream.on('end', () => finish(false));
      // A body cut short (the server closed early, a broken gzip): judge what arrived.
      stream.on('error', (error) => (size > 0 ? finish(false) : settle(() => reject(error))));
      res.on('aborted', () => finish(false));
      if (stream !== res) res.on('error', (error) => stream.emit('error', error));
    });
    request.end();
  });
}

export type CheckTarget = { url: string; fiscalYear: number | null };

/**
 * Opens one URL the way an assessor's browser would (GET, following up to `maxRedirects` redirects,
 * each re-checked against the address rules before connecting) and records what it saw. Never
 * throws: every failure becomes `error` in the result.
 */
export async function checkUrl(target: CheckTarget, given: Partial<CheckOptions> = {}): Promise<OitCheck> {
  const options = { ...DEFAULT_CHECK_OPTIONS, ...given };
  const started = Date.now();
  const result: OitCheck = {
    checkedAt: new Date(started).toISOString(),
    url: target.url,
    finalUrl: null,
    httpStatus: null,
    reachable: false,
    needsLogin: false,
    contentType: null,
    lastModified: null,
    mentionsFiscalYear: null,
    redirects: 0,
    bytesRead: 0,
    truncated: false,
    durationMs: 0,
    error: null,
  };
  const finish = (error?: ReturnType<typeof errorOf>) => {
    if (error) result.error = error;
    result.durationMs = Date.now() - started;
    return result;
  };

  // One deadline for the whole chain; the caller's signal (worker stopping) aborts it too.
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new CheckAbort('timeout')), options.timeoutMs);
  timer.unref();
  const onOuterAbort = () => controller.abort(new CheckAbort('aborted'));
  if (options.signal?.aborted) onOuterAbort();
  options.signal?.addEventListener('abort', onOuterAbort, { once: true });
  const race = <T>(p: Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      if (controller.signal.aborted) return reject(controller.signal.reason);
      const onAbort = () => reject(controller.signal.reason);
      controller.signal.addEventListener('abort', onAbort, { once: true });
      p.then(resolve, reject).finally(() => controller.signal.removeEventListener('abort', onAbort));
    });

  try {
    let current = target.url;
    for (;;) {
      const checked = checkTargetUrl(current, options.allowPrivate);
      if (!checked.ok)
        return finish(errorOf(checked.problem, checked.problem === 'private_address' ? current : ''));
      const url = checked.url;
      const resolved = await race(resolveTarget(hostOf(url), options));
      if (!resolved.ok) return finish(errorOf(resolved.problem, resolved.detail));
      const answer = await fetchOnce(url, resolved.address, options, controller.signal, (status, headers) => {
        // Known as soon as the headers arrive, so a body that never ends still shows them.
        result.finalUrl = url.href;
        result.httpStatus = status;
        result.contentType = header(headers, 'content-type');
        result.lastModified = header(headers, 'last-modified');
      });
      const location = header(answer.headers, 'location');
      if (REDIRECTS.has(answer.status) && location) {
        if (result.redirects >= options.maxRedirects) {
          return finish(errorOf('too_many_redirects', String(options.maxRedirects)));
        }
        result.redirects++;
        result.contentType = null;
        result.lastModified = null;
        try {
          current = new URL(location, url).href;
        } catch {
          return finish(errorOf('invalid_url'));
        }
        continue;
      }
      result.bytesRead = answer.body.length;
      result.truncated = answer.truncated;
      result.reachable = answer.status >= 200 && answer.status < 300;
      const page = result.reachable
        ? readPage(answer.body, result.contentType, target.fiscalYear)
        : { passwordField: false, mentionsFiscalYear: null };
      result.mentionsFiscalYear = page.mentionsFiscalYear;
      result.needsLogin =
        answer.status === 401 ||
        answer.status === 403 ||
        page.passwordField ||
        (result.redirects > 0 && looksLikeLoginUrl(url.href));
      return finish(
        answer.truncated
          ? errorOf('too_large', `${Math.round(options.maxBodyBytes / 1024 / 1024)} MB`)
          : undefined,
      );
    }
  } catch (error) {
    if (error instanceof CheckAbort) {
      return finish(errorOf(error.code, `${Math.round(options.timeoutMs / 100) / 10} s`));
    }
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message ?? String(error);
    return finish(errorOf(TLS_CODES.test(code) ? 'tls_error' : 'connection_failed', code));
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onOuterAbort);
  }
}
