import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { decodeJwt, exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import Provider from 'oidc-provider';

/**
 * A real OpenID provider (the `oidc-provider` package) on a random local port, for the sign-in tests: no
 * internet. The issuer is an http:// address, which the app accepts only with `allowHttpIssuers` (tests).
 *
 * In front of it sits a small proxy (the issuer's address) that passes everything through, except that a
 * test may change the ID token the token endpoint answers (`tamperIdToken`: the token is decoded, changed
 * and signed again with the provider's own key, which the test made) or make the token endpoint fail
 * (`tokenEndpointDown`), for the responses a well-behaved provider never gives.
 *
 * Logging in is done on the provider's own page (`/interaction/:uid`: a form with the account's login and
 * a cancel button), by a browser in e2e or programmatically by `login()` / `cancel()`.
 */

export type TestAccount = {
  email?: string;
  email_verified?: boolean;
  name?: string;
  /** ThaID's citizen ID claim. */
  pid?: string;
};

export type TestClient = { clientId: string; clientSecret: string; redirectUris: string[] };

export type OidcTestServer = Awaited<ReturnType<typeof startOidcProviderServer>>;

function listen(server: http.Server | https.Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  );

export async function startOidcProviderServer(options: {
  accounts: Record<string, TestAccount>;
  clients: TestClient[];
  /** Serve the issuer over https with this certificate (e2e: the app's process trusts it via NODE_EXTRA_CA_CERTS). */
  tls?: { key: string; cert: string };
}) {
  const accounts = options.accounts;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const privateJwk: JWK = { ...(await exportJWK(privateKey)), kid: 'test-key-1', alg: 'RS256', use: 'sig' };

  const proxy = options.tls
    ? https.createServer({ key: options.tls.key, cert: options.tls.cert })
    : http.createServer();
  const proxyPort = await listen(proxy);
  const scheme = options.tls ? 'https' : 'http';
  const issuer = `${scheme}://127.0.0.1:${proxyPort}`;

  const provider = new Provider(issuer, {
    clients: options.clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      redirect_uris: c.redirectUris,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    })),
    jwks: { keys: [privateJwk] },
    cookies: { keys: ['oidc-test-cookie-key'] },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name'],
      pid: ['pid'],
    },
    // The requested claims go in the ID token (as ThaID and most agency providers do).
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    // A first-party client: no consent screen, the scopes asked for are granted.
    // biome-ignore lint/suspicious/noExplicitAny: the provider's request context is untyped
    async loadExistingGrant(ctx: any) {
      const grantId =
        ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client!.clientId,
        accountId: ctx.oidc.session!.accountId!,
      });
      grant.addOIDCScope(String(ctx.oidc.params?.scope ?? 'openid'));
      await grant.save();
      return grant;
    },
    async findAccount(_ctx: unknown, id: string) {
      const account = accounts[id];
      if (!account) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, ...account }) };
    },
  });

  // Behind the proxy: the provider builds its addresses from X-Forwarded-Host (fetch will not forward Host).
  (provider as unknown as { proxy: boolean }).proxy = true;
  const callback = provider.callback();
  const inner = http.createServer(async (req, res) => {
    const match = /^\/interaction\/([^/?]+)/.exec(req.url ?? '');
    if (!match) return callback(req, res);
    try {
      const details = await provider.interactionDetails(req, res);
      if (req.method === 'GET') {
        res.setHeader('content-type', 'text/html; charset=utf-8');
        res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Test identity provider</title><style>body{font-family:sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}input,button{font-size:1rem;padding:.5rem;margin:.25rem 0;width:100%}</style></head>
<body><h1>Test identity provider</h1><p>Sign in to continue to <b>${escapeHtml(String(details.params.client_id))}</b>.</p>
<form method="post" action="/interaction/${escapeHtml(details.uid)}">
<label for="login">Account</label><input id="login" name="login" autocomplete="off" autofocus>
<button type="submit" name="action" value="login">Sign in</button>
<button type="submit" name="action" value="cancel">Cancel</button></form></body></html>`);
        return;
      }
      const form = new URLSearchParams((await readBody(req)).toString('utf8'));
      if (form.get('action') === 'cancel') {
        await provider.interactionFinished(
          req,
          res,
          { error: 'access_denied', error_description: 'End-User aborted interaction' },
          { mergeWithLastSubmission: false },
        );
        return;
      }
      const login = form.get('login') ?? '';
      if (!accounts[login]) {
        res.statusCode = 400;
        res.end(`No such test account: ${escapeHtml(login)}`);
        return;
      }
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: login } },
        { mergeWithLastSubmission: false },
      );
    } catch (error) {
      res.statusCode = 400;
      res.end(String(error));
    }
  });
  const innerPort = await listen(inner);

  let tamper: ((claims: Record<string, unknown>) => Record<string, unknown>) | null = null;
  let tokenDown = false;
  let tokenRequests = 0;

  proxy.on('request', async (req, res) => {
    const isToken = req.method === 'POST' && (req.url ?? '').startsWith('/token');
    if (isToken) tokenRequests++;
    if (isToken && tokenDown) {
      res.statusCode = 503;
      res.end('Service Unavailable');
      return;
    }
    const body = await readBody(req);
    const upstream = await fetch(`http://127.0.0.1:${innerPort}${req.url}`, {
      method: req.method,
      headers: Object.entries({
        ...req.headers,
        'x-forwarded-host': `127.0.0.1:${proxyPort}`,
        'x-forwarded-proto': scheme,
      }).flatMap(([k, v]) =>
        v === undefined || k === 'content-length'
          ? []
          : [[k, Array.isArray(v) ? v.join(', ') : v] as [string, string]],
      ),
      body: req.method === 'GET' || req.method === 'HEAD' ? undefined : new Uint8Array(body),
      redirect: 'manual',
    });
    let payload = Buffer.from(await upstream.arrayBuffer());
    if (isToken && tamper && upstream.ok) {
      const tokens = JSON.parse(payload.toString('utf8')) as { id_token: string };
      const changed = tamper({ ...decodeJwt(tokens.id_token) });
      tokens.id_token = await new SignJWT(changed)
        .setProtectedHeader({ alg: 'RS256', kid: privateJwk.kid!, typ: 'JWT' })
        .sign(privateKey);
      payload = Buffer.from(JSON.stringify(tokens));
    }
    const headers: Record<string, string | string[]> = {};
    upstream.headers.forEach((value, key) => {
      if (
        key !== 'set-cookie' &&
        key !== 'content-length' &&
        key !== 'content-encoding' &&
        key !== 'transfer-encoding'
      )
        headers[key] = value;
    });
    const cookies = upstream.headers.getSetCookie();
    if (cookies.length > 0) headers['set-cookie'] = cookies;
    res.writeHead(upstream.status, headers);
    res.end(payload);
  });

  /** Follows the provider's redirects with a cookie jar until it sends the browser back to the client. */
  async function interact(authorizationUrl: string, action: 'login' | 'cancel', accountId = '') {
    const jar = new Map<string, string>();
    const send = async (url: string, init: RequestInit = {}) => {
      const response = await fetch(url, {
        ...init,
        redirect: 'manual',
        headers: {
          ...(init.headers as Record<string, string>),
          cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
        },
      });
      for (const cookie of response.headers.getSetCookie()) {
        const [pair] = cookie.split(';');
        const at = pair!.indexOf('=');
        jar.set(pair!.slice(0, at), pair!.slice(at + 1));
      }
      return response;
    };
    let response = await send(authorizationUrl);
    let location = response.headers.get('location');
    const interaction = location ? new URL(location, issuer) : null;
    if (!interaction?.pathname.startsWith('/interaction/')) {
      if (location && !location.startsWith(issuer)) return location;
      throw new Error(`The provider did not ask for a login (${response.status} ${await response.text()})`);
    }
    response = await send(interaction.href, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ action, login: accountId }).toString(),
    });
    for (let hops = 0; hops < 5; hops++) {
      location = response.headers.get('location');
      if (!location) throw new Error(`The provider stopped at ${response.status}: ${await response.text()}`);
      const next = new URL(location, issuer);
      if (next.origin !== new URL(issuer).origin) return next.href;
      response = await send(next.href);
    }
    throw new Error('Too many redirects at the provider');
  }

  return {
    issuer,
    privateJwk,
    /** Completes the login at the provider as `accountId`; returns the address the browser is sent back to. */
    login: (authorizationUrl: string, accountId: string) => interact(authorizationUrl, 'login', accountId),
    /** The person presses Cancel at the provider (`error=access_denied`). */
    cancel: (authorizationUrl: string) => interact(authorizationUrl, 'cancel'),
    /** From now on, ID tokens are changed by `change` and signed again with the provider's key (null: as issued). */
    tamperIdToken(change: ((claims: Record<string, unknown>) => Record<string, unknown>) | null) {
      tamper = change;
    },
    tokenEndpointDown(down: boolean) {
      tokenDown = down;
    },
    tokenRequests: () => tokenRequests,
    async close() {
      await Promise.all(
        [proxy, inner].map(
          (server) =>
            new Promise<void>((resolve) => {
              server.closeAllConnections();
              server.close(() => resolve());
            }),
        ),
      );
    },
  };
}
