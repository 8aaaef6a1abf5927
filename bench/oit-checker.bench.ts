import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkUrls } from '../src/server/modules/oit/checker/check-all.ts';
import { checkIsOk } from '../src/shared/oit/contract.ts';
import { type Bench, type BenchContext, median } from './support/bench.ts';
import { round2 } from './support/http.ts';

/**
 * The OIT link checker on 1,000 URLs served by this benchmark on loopback (`allowPrivate`): most answer
 * an HTML page naming the year after 2–20 ms, 4 % answer after 300 ms, 3 % never answer (the 1 s
 * timeout ends them), 3 % answer 500, 2 % drop the connection, 2 % redirect twice, 1 % stream 3 MB (cut
 * at 2 MB). Checked with the default bound of 8 concurrent URLs. The server counts the connections
 * open at once: the maximum must equal the bound (more would mean the bound leaks, fewer that it is
 * never reached).
 */
const URLS = 1000;
const CONCURRENCY = 8;
const TIMEOUT_MS = 1000;

const PAGE = Buffer.from(
  `<!doctype html><html><head><meta charset="utf-8"><title>OIT</title></head><body>${'<p>ข้อมูลพื้นฐาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๙</p>'.repeat(40)}</body></html>`,
);
const HUGE_CHUNK = Buffer.alloc(64 * 1024, 'a');

type Kind = 'ok' | 'slow' | 'hang' | 'error500' | 'drop' | 'redirect' | 'huge';

/** A fixed, shuffled-looking mix (deterministic: i * 37 mod 100). */
function kindOf(i: number): Kind {
  const k = (i * 37) % 100;
  if (k < 4) return 'slow';
  if (k < 7) return 'hang';
  if (k < 10) return 'error500';
  if (k < 12) return 'drop';
  if (k < 14) return 'redirect';
  if (k < 15) return 'huge';
  return 'ok';
}

function startServer() {
  let open = 0;
  let maxOpen = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  let requests = 0;
  const closing = new WeakMap<object, () => void>();
  const server = http.createServer((req, res) => {
    requests++;
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on('close', () => inFlight--);
    const url = new URL(req.url ?? '/', 'http://x');
    const i = Number(url.pathname.split('/')[2]);
    const hop = Number(url.searchParams.get('hop') ?? 0);
    const answer = () => {
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'last-modified': new Date(0).toUTCString(),
      });
      res.end(PAGE);
    };
    switch (kindOf(i)) {
      case 'ok':
        setTimeout(answer, 2 + (i % 19));
        return;
      case 'slow':
        setTimeout(answer, 300);
        return;
      case 'hang':
        return; // the checker's timeout ends it
      case 'error500':
        res.writeHead(500);
        res.end('error');
        return;
      case 'drop':
        closing.get(req.socket)?.(); // over for the server now; its 'close' comes a loop later
        req.socket.destroy();
        return;
      case 'redirect':
        if (hop < 2) {
          res.writeHead(302, { location: `/u/${i}?hop=${hop + 1}` });
          res.end();
        } else answer();
        return;
      case 'huge': {
        res.writeHead(200, { 'content-type': 'text/html' });
        let sent = 0;
        const pump = () => {
          while (sent < 3 * 1024 * 1024) {
            sent += HUGE_CHUNK.length;
            if (!res.write(HUGE_CHUNK)) return void res.once('drain', pump);
          }
          res.end();
        };
        res.on('close', () => (sent = Number.POSITIVE_INFINITY));
        pump();
        return;
      }
    }
  });
  // A connection counts until it is over for the server: its own FIN sent after the answer ('finish'),
  // or the client's FIN or reset arrived ('end', 'error'). Not until 'close': Node emits that a loop
  // iteration later, after the checker may already have opened the next connection.
  server.on('connection', (socket) => {
    open++;
    maxOpen = Math.max(maxOpen, open);
    let counted = true;
    const gone = () => {
      if (counted) open--;
      counted = false;
    };
    closing.set(socket, gone);
    socket.on('finish', gone);
    socket.on('end', gone);
    socket.on('error', gone);
    socket.on('close', gone);
  });
  return new Promise<{
    url: string;
    stats: () => { maxOpen: number; maxInFlight: number; requests: number };
    reset: () => void;
    close: () => Promise<void>;
  }>((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        stats: () => ({ maxOpen, maxInFlight, requests }),
        reset: () => {
          maxOpen = open;
          maxInFlight = inFlight;
          requests = 0;
        },
        close: () =>
          new Promise((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      });
    });
  });
}

function peakRssMb(): number {
  try {
    const status = fs.readFileSync('/proc/self/status', 'utf8');
    return Math.round(Number(/^VmHWM:\s+(\d+)/m.exec(status)?.[1] ?? 0) / 1024);
  } catch {
    return 0;
  }
}

/** Resets VmHWM to the current RSS (Linux ≥ 4.0), so the peak is the checker's own. */
function resetPeakRss() {
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    // Not Linux: the peak is the process's.
  }
}

async function run({ runs, report, log }: BenchContext) {
  const server = await startServer();
  const targets = Array.from({ length: URLS }, (_, i) => ({ url: `${server.url}/u/${i}`, fiscalYear: 2569 }));
  const times: number[] = [];
  const peaks: number[] = [];
  const maxOpens: number[] = [];
  const maxInFlights: number[] = [];
  try {
    for (let r = 0; r < runs; r++) {
      server.reset();
      resetPeakRss();
      const started = performance.now();
      const results = await checkUrls(targets, {
        allowPrivate: true,
        concurrency: CONCURRENCY,
        timeoutMs: TIMEOUT_MS,
      });
      const ms = performance.now() - started;
      const stats = server.stats();
      const byError = new Map<string, number>();
      for (const x of results) {
        const key = x.error?.code ?? (checkIsOk(x) ? 'ok' : `http_${x.httpStatus}`);
        byError.set(key, (byError.get(key) ?? 0) + 1);
      }
      log(
        `run ${r + 1}: ${Math.round(ms)} ms, ${stats.requests} requests, max ${stats.maxOpen} connections / ${stats.maxInFlight} requests at once; ${[...byError].map(([k, n]) => `${k} ${n}`).join(', ')}`,
      );
      if (results.length !== URLS) throw new Error(`expected ${URLS} results, got ${results.length}`);
      if (stats.maxOpen !== CONCURRENCY) {
        throw new Error(`the server saw ${stats.maxOpen} connections at once; the bound is ${CONCURRENCY}`);
      }
      times.push(ms);
      peaks.push(peakRssMb());
      maxOpens.push(stats.maxOpen);
      maxInFlights.push(stats.maxInFlight);
    }
  } finally {
    await server.close();
  }
  const ms = median(times);
  report('oit_check_urls', URLS, 'urls');
  report('oit_check_concurrency', CONCURRENCY, 'connections');
  report('oit_check_total_ms', Math.round(ms), 'ms');
  report('oit_check_urls_per_s', round2(URLS / (ms / 1000)), 'urls/s');
  report('oit_check_max_connections', Math.max(...maxOpens), 'connections');
  report('oit_check_max_requests_in_flight', Math.max(...maxInFlights), 'requests');
  report('oit_check_peak_rss_mb', Math.max(...peaks), 'MB');
}

export default { name: 'oit-checker', run } satisfies Bench;
