import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkTargetUrl, isForbiddenAddress } from './address-rules.ts';
import { checkUrls, mapBounded } from './check-all.ts';
import { checkUrl } from './check-url.ts';
import { looksLikeLoginUrl, pdfMentionsYear, readPage, textMentionsYear } from './page-signals.ts';

/**
 * The link checker against a real node:http server on loopback (so `allowPrivate: true`), and the
 * address rules that keep it off private networks when it is not allowed.
 */
let server: http.Server;
let base: string;
let connections = 0;
let open = 0;
let maxOpen = 0;

const LOGIN_PAGE =
  '<html><body><form action="/login" method="post"><input name="u"><input type="password" name="p"></form></body></html>';
const PAGE_2569 = `<!doctype html><html><head><meta charset="utf-8"><title>O1</title>
<script>var year = 2569;</script></head>
<body><h1>โครงสร้างและอำนาจหน้าที่</h1><p>ประจำปีงบประมาณ พ.ศ. ๒๕๖๙</p></body></html>`;

function route(req: http.IncomingMessage, res: http.ServerResponse) {
  const url = new URL(req.url ?? '/', 'http://x');
  switch (url.pathname) {
    case '/ok':
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'last-modified': 'Tue, 01 Oct 2025 03:00:00 GMT',
      });
      return res.end(PAGE_2569);
    case '/script-only':
      res.writeHead(200, { 'content-type': 'text/html' });
      return res.end('<html><script>var y = "2569";</script><a href="/files/2569/x.pdf">เอกสาร</a></html>');
    case '/gzip':
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip' });
      return res.end(zlib.gzipSync(PAGE_2569));
    case '/tis620':
      // "ปี ๒๕๖๙" in TIS-620: Thai letters and digits are single bytes 0xA1–0xFB.
      res.writeHead(200, { 'content-type': 'text/html; charset=tis-620' });
      return res.end(
        Buffer.from([0x3c, 0x70, 0x3e, 0xbb, 0xd5, 0x20, 0xf2, 0xf5, 0xf6, 0xf9, 0x3c, 0x2f, 0x70, 0x3e]),
      );
    case '/no-year':
      res.writeHead(200, { 'content-type': 'text/html' });
      return res.end('<html><body>ปีงบประมาณ 25690 และ 12569</body></html>');
    case '/secret':
      res.writeHead(401, { 'www-authenticate': 'Basic realm="x"' });
      return res.end('no');
    case '/forbidden':
      res.writeHead(403);
      return res.end('no');
    case '/members':
      res.writeHead(302, { location: '/login?next=/members' });
      return res.end();
    case '/login':
      res.writeHead(200, { 'content-type': 'text/html' });
      return res.end(LOGIN_PAGE);
    case '/loop':
      res.writeHead(302, { location: `/loop?n=${Number(url.searchParams.get('n') ?? 0) + 1}` });
      return res.end();
    case '/three-hops': {
      const n = Number(url.searchParams.get('n') ?? 0);
      res.writeHead(
        n < 3 ? 301 : 200,
        n < 3 ? { location: `?n=${n + 1}` } : { 'content-type': 'text/plain' },
      );
      return res.end(n < 3 ? '' : 'ปี 2569');
    }
    case '/to-ftp':
      res.writeHead(302, { location: 'ftp://files.example.org/o1.pdf' });
      return res.end();
    case '/slow':
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<html>');
      setTimeout(() => res.end('</html>'), 3000).unref();
      return;
    case '/hang':
      return; // never answers
    case '/huge': {
      res.writeHead(200, { 'content-type': 'text/html' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      let sent = 0;
      const pump = () => {
        while (sent < 20 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', () => (sent = Number.POSITIVE_INFINITY));
      return pump();
    }
    case '/report.pdf':
      res.writeHead(200, { 'content-type': 'application/pdf' });
      return res.end(
        '%PDF-1.4\n1 0 obj << /Title (รายงาน) >> endobj\n2 0 obj << /Length 20 >> stream\nBT (2569) Tj ET\nendstream endobj\n%%EOF\n',
      );
    case '/deflated.pdf': {
      const content = zlib.deflateSync(Buffer.from('BT /F1 12 Tf (ปีงบประมาณ 2569) Tj ET'));
      res.writeHead(200, { 'content-type': 'application/pdf' });
      return res.end(
        Buffer.concat([
          Buffer.from('%PDF-1.5\n1 0 obj << /Filter /FlateDecode >>\nstream\n'),
          content,
          Buffer.from('\nendstream\nendobj\n%%EOF\n'),
        ]),
      );
    }
    case '/scan.pdf':
      res.writeHead(200, { 'content-type': 'application/pdf' });
      return res.end('%PDF-1.4\n%binary\n%%EOF\n');
    case '/wait': {
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('2569');
      }, 40).unref();
      return;
    }
    default:
      res.writeHead(404);
      return res.end('not found');
  }
}

beforeAll(async () => {
  server = http.createServer(route);
  // Open until its FIN is sent or the client's FIN or reset arrives ('close' comes a loop later).
  server.on('connection', (socket) => {
    connections++;
    open++;
    maxOpen = Math.max(maxOpen, open);
    let counted = true;
    const gone = () => {
      if (counted) open--;
      counted = false;
    };
    socket.on('finish', gone);
    socket.on('end', gone);
    socket.on('error', gone);
    socket.on('close', gone);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const local = { allowPrivate: true, timeoutMs: 2000 };
const check = (path: string, options: Parameters<typeof checkUrl>[1] = {}) =>
  checkUrl({ url: `${base}${path}`, fiscalYear: 2569 }, { ...local, ...options });

describe('checkUrl on a loopback server', () => {
  it('reads a 200 HTML page naming the year in Thai digits', async () => {
    const r = await check('/ok');
    expect(r).toMatchObject({
      httpStatus: 200,
      reachable: true,
      needsLogin: false,
      mentionsFiscalYear: true,
      contentType: 'text/html; charset=utf-8',
      lastModified: 'Tue, 01 Oct 2025 03:00:00 GMT',
      finalUrl: `${base}/ok`,
      redirects: 0,
      truncated: false,
      error: null,
    });
    expect(r.bytesRead).toBe(Buffer.byteLength(PAGE_2569));
  });

  it('reads the visible text only, gzip bodies and TIS-620 pages', async () => {
    expect((await check('/script-only')).mentionsFiscalYear).toBe(false);
    expect((await check('/no-year')).mentionsFiscalYear).toBe(false);
    expect((await check('/gzip')).mentionsFiscalYear).toBe(true);
    expect((await check('/tis620')).mentionsFiscalYear).toBe(true);
    expect(
      (await check('/ok', {}).then(() => checkUrl({ url: `${base}/ok`, fiscalYear: 2568 }, local)))
        .mentionsFiscalYear,
    ).toBe(false);
  });

  it('flags 401 and 403 as needing a login', async () => {
    expect(await check('/secret')).toMatchObject({
      httpStatus: 401,
      reachable: false,
      needsLogin: true,
      error: null,
    });
    expect(await check('/forbidden')).toMatchObject({ httpStatus: 403, needsLogin: true });
    expect(await check('/nothing-here')).toMatchObject({
      httpStatus: 404,
      reachable: false,
      needsLogin: false,
    });
  });

  it('follows a redirect to a login page and flags it', async () => {
    const r = await check('/members');
    expect(r).toMatchObject({
      httpStatus: 200,
      reachable: true,
      needsLogin: true,
      redirects: 1,
      finalUrl: `${base}/login?next=/members`,
    });
  });

  it('follows a few redirects and stops an endless loop after 5', async () => {
    expect(await check('/three-hops')).toMatchObject({
      redirects: 3,
      reachable: true,
      mentionsFiscalYear: true,
    });
    const before = connections;
    const r = await check('/loop');
    expect(r.error?.code).toBe('too_many_redirects');
    expect(r.redirects).toBe(5);
    expect(r.reachable).toBe(false);
    expect(r.error?.message_th).toContain('5');
    expect(connections - before).toBe(6);
  });

  it('re-checks every redirect target against the rules', async () => {
    const r = await check('/to-ftp');
    expect(r.error?.code).toBe('unsupported_scheme');
    expect(r.redirects).toBe(1);
  });

  it('gives up on a slow answer at the deadline and says so', async () => {
    const started = Date.now();
    const slow = await check('/slow', { timeoutMs: 300 });
    expect(slow.error?.code).toBe('timeout');
    expect(slow.error?.message_en).toContain('0.3 s');
    expect(slow.httpStatus).toBe(200);
    const hang = await check('/hang', { timeoutMs: 300 });
    expect(hang.error?.code).toBe('timeout');
    expect(hang.httpStatus).toBeNull();
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('reads at most 2 MB of a huge body and reports the cut', async () => {
    const r = await check('/huge', { timeoutMs: 10_000 });
    expect(r).toMatchObject({ reachable: true, truncated: true, bytesRead: 2 * 1024 * 1024 });
    expect(r.error?.code).toBe('too_large');
    expect(r.error?.message_th).toContain('2 MB');
  });

  it('records a PDF’s content type and finds the year in its bytes when it can', async () => {
    expect(await check('/report.pdf')).toMatchObject({
      contentType: 'application/pdf',
      reachable: true,
      mentionsFiscalYear: true,
    });
    expect((await check('/deflated.pdf')).mentionsFiscalYear).toBe(true);
    expect((await check('/scan.pdf')).mentionsFiscalYear).toBeNull();
  });

  it('records refused connections and DNS failures without throwing', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const refused = await checkUrl({ url: `http://127.0.0.1:${port}/`, fiscalYear: 2569 }, local);
    expect(refused.error?.code).toBe('connection_failed');
    const dns = await checkUrl(
      { url: 'http://no-such-host.invalid/', fiscalYear: 2569 },
      { resolver: async () => Promise.reject(Object.assign(new Error('x'), { code: 'ENOTFOUND' })) },
    );
    expect(dns.error).toMatchObject({ code: 'dns_failure' });
    expect(dns.error?.message_en).toContain('ENOTFOUND');
  });
});

describe('private addresses when they are not allowed', () => {
  it('refuses a loopback target without connecting', async () => {
    const before = connections;
    const r = await checkUrl({ url: `${base}/ok`, fiscalYear: 2569 }, { timeoutMs: 2000 });
    expect(r.error?.code).toBe('private_address');
    expect(r.httpStatus).toBeNull();
    expect(connections).toBe(before);
  });

  it('refuses localhost and a name that resolves to 127.0.0.1, without connecting', async () => {
    const before = connections;
    const port = new URL(base).port;
    const byName = await checkUrl(
      { url: `http://localhost:${port}/ok`, fiscalYear: 2569 },
      { timeoutMs: 2000 },
    );
    expect(byName.error?.code).toBe('private_address');
    const asked: string[] = [];
    const rebinding = await checkUrl(
      { url: `http://intranet.example.org:${port}/ok`, fiscalYear: 2569 },
      {
        timeoutMs: 2000,
        resolver: async (host) => {
          asked.push(host);
          return [
            { address: '203.0.114.10', family: 4 },
            { address: '127.0.0.1', family: 4 },
          ];
        },
      },
    );
    expect(asked).toEqual(['intranet.example.org']);
    expect(rebinding.error?.code).toBe('private_address');
    expect(rebinding.error?.message_en).toContain('127.0.0.1');
    expect(connections).toBe(before);
  });

  it('connects to the address it checked, not to a second DNS answer', async () => {
    // The resolver is asked once; the connection goes to what it said (here loopback, allowed).
    let calls = 0;
    const r = await checkUrl(
      { url: `http://site.example.org:${new URL(base).port}/ok`, fiscalYear: 2569 },
      {
        ...local,
        resolver: async () => {
          calls++;
          return [{ address: '127.0.0.1', family: 4 }];
        },
      },
    );
    expect(r.reachable).toBe(true);
    expect(calls).toBe(1);
  });
});

describe('address rules', () => {
  it.each([
    '127.0.0.1',
    '127.8.9.10',
    '10.0.0.1',
    '172.16.5.4',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.100.100.200',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fe80::1',
    'fc00::1',
    'fd00:ec2::254',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:169.254.169.254',
    '64:ff9b::a00:1',
    '2002:c0a8:101::1',
    'not-an-ip',
  ])('refuses %s', (address) => {
    expect(isForbiddenAddress(address)).toBe(true);
  });

  it.each(['164.115.23.10', '8.8.8.8', '172.32.0.1', '2001:4860:4860::8888', '::ffff:8.8.8.8'])(
    'allows %s',
    (address) => {
      expect(isForbiddenAddress(address)).toBe(false);
    },
  );

  it.each([
    ['ftp://example.org/x', 'unsupported_scheme'],
    ['javascript:alert(1)', 'unsupported_scheme'],
    ['file:///etc/passwd', 'unsupported_scheme'],
    ['http://127.0.0.1/', 'private_address'],
    ['http://2130706433/', 'private_address'],
    ['http://0x7f.1/', 'private_address'],
    ['http://10.0.0.1', 'private_address'],
    ['http://[::1]/', 'private_address'],
    ['http://[::ffff:10.0.0.1]/', 'private_address'],
    ['http://169.254.169.254/latest/meta-data/', 'private_address'],
    ['http://localhost:3000/', 'private_address'],
    ['http://metadata.google.internal/', 'private_address'],
    // One label: found through the server's own DNS search list (an intranet host, a container).
    ['http://intranet/', 'private_address'],
    ['http:///etc/passwd', 'private_address'],
    ['http://db.:5432/', 'private_address'],
    ['http://user:pw@example.org/', 'invalid_url'],
    ['not a url', 'invalid_url'],
  ])('refuses %s as %s', (url, problem) => {
    expect(checkTargetUrl(url, false)).toEqual({ ok: false, problem });
  });

  it('accepts public http(s) addresses, and private ones only when allowed', () => {
    expect(checkTargetUrl('https://www.nacc.go.th/ita', false).ok).toBe(true);
    expect(checkTargetUrl('http://127.0.0.1/', true).ok).toBe(true);
    expect(checkTargetUrl('ftp://127.0.0.1/', true).ok).toBe(false);
  });
});

describe('page signals', () => {
  it('finds the year as a whole number only', () => {
    expect(textMentionsYear('ประจำปี ๒๕๖๙', 2569)).toBe(true);
    expect(textMentionsYear('พ.ศ.2569.', 2569)).toBe(true);
    expect(textMentionsYear('125690', 2569)).toBe(false);
    expect(textMentionsYear('๑๒๕๖๙', 2569)).toBe(false);
  });

  it('knows login addresses and password fields', () => {
    expect(looksLikeLoginUrl('https://x.go.th/user/login?next=/a')).toBe(true);
    expect(looksLikeLoginUrl('https://x.go.th/wp-login.php')).toBe(true);
    expect(looksLikeLoginUrl('https://x.go.th/author/somchai')).toBe(false);
    expect(readPage(Buffer.from(LOGIN_PAGE), 'text/html', 2569).passwordField).toBe(true);
  });

  it('says null rather than false when a PDF cannot be read', () => {
    expect(pdfMentionsYear(Buffer.from('%PDF-1.7 (2569)'), 2569)).toBe(true);
    expect(pdfMentionsYear(Buffer.from('%PDF-1.7 nothing'), 2569)).toBeNull();
    expect(readPage(Buffer.from([0x89, 0x50, 0x4e, 0x47]), 'image/png', 2569).mentionsFiscalYear).toBeNull();
  });
});

describe('bounded concurrency', () => {
  it('never has more requests open than the bound', async () => {
    let running = 0;
    let peak = 0;
    const out = await mapBounded([...Array(25).keys()], 4, async (i) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      return i * 2;
    });
    expect(peak).toBe(4);
    expect(out).toEqual([...Array(25).keys()].map((i) => i * 2));
  });

  it('checks many URLs with at most `concurrency` connections to the server', async () => {
    maxOpen = 0;
    const targets = Array.from({ length: 24 }, (_, i) => ({ url: `${base}/wait?i=${i}`, fiscalYear: 2569 }));
    const results = await checkUrls(targets, { ...local, concurrency: 3 });
    expect(results.every((r) => r.reachable && r.mentionsFiscalYear)).toBe(true);
    expect(results.map((r) => r.url)).toEqual(targets.map((t) => t.url));
    expect(maxOpen).toBe(3);
  });
});
