import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';

/**
 * Where the Chromium used for end-to-end tests and PDF rendering comes from, in order:
 * 1. `CHROMIUM_PATH`: an explicit binary (an error if that file is missing);
 * 2. `system`: `chromium`, `chromium-browser` or `google-chrome` on PATH, or /usr/bin/chromium;
 * 3. `sparticuz`: the npm package @sparticuz/chromium, whose brotli-packed build is extracted to
 *    `<tmpdir>/chromium` on first use (~2 s) and reused afterwards, so the project needs npm alone.
 */
export type ChromiumSource = 'CHROMIUM_PATH' | 'system' | 'sparticuz';

export type ResolvedChromium = {
  executablePath: string;
  source: ChromiumSource;
  /** Every flag to launch with: BASE_ARGS plus, for the sparticuz build, the flags kept from its list. */
  args: string[];
};

export type ResolveChromiumOptions = {
  /** An explicit binary. When the key is absent, `CHROMIUM_PATH` is read; `undefined` ignores it. */
  chromiumPath?: string | undefined;
  /** Directories searched for a system Chromium, `:`-separated. When absent, `PATH` is read. */
  searchPath?: string | undefined;
};

/**
 * Flags for every source. The network ones matter here: on a closed network Chromium's background
 * fetches (component updates, sync, field trials, QUIC) are refused and slow or break start-up.
 */
export const BASE_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * The part of @sparticuz/chromium's Lambda flag list that helps outside Lambda (tested with
 * playwright-core 1.65 and the 147 build): one browser process, one network utility and one
 * renderer instead of six processes (~100 MB less), and no telemetry pings. Deliberately left out:
 * - `--single-process`: the second page or context fails ("Target page, context or browser has been
 *   closed");
 * - its `--disable-features=` / `--enable-features=`: Chromium keeps only the last occurrence, so
 *   they would replace Playwright's own list, which turns off start-up requests to Google;
 * - `--disable-web-security`, `--allow-running-insecure-content`, `--disable-site-isolation-trials`:
 *   they weaken isolation for nothing we need;
 * - the SwiftShader/WebGL flags (`--use-gl`, `--use-angle`, ...): we run with `--disable-gpu`;
 * - `--headless='shell'` (Playwright passes `--headless`) and ChromeOS or no-op flags.
 */
export const SPARTICUZ_ARGS_KEPT = new Set([
  '--no-zygote',
  '--in-process-gpu',
  '--disable-setuid-sandbox',
  '--disable-domain-reliability',
  '--no-pings',
  '--font-render-hinting=none',
]);

export const SYSTEM_CHROMIUM_NAMES = ['chromium', 'chromium-browser', 'google-chrome'];
export const SYSTEM_CHROMIUM_FALLBACKS = ['/usr/bin/chromium'];

/** The only environment read of this module (src/server/env.ts reads all the others). */
export function chromiumEnv(source: Record<string, string | undefined> = process.env) {
  return { chromiumPath: source.CHROMIUM_PATH || undefined, searchPath: source.PATH ?? '' };
}

function isExecutableFile(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first of SYSTEM_CHROMIUM_NAMES found on the search path (like `which`), else a fallback path. */
export function findSystemChromium(
  searchPath: string,
  fallbacks: readonly string[] = SYSTEM_CHROMIUM_FALLBACKS,
): string | undefined {
  const dirs = searchPath.split(path.delimiter).filter((d) => d !== '');
  for (const name of SYSTEM_CHROMIUM_NAMES) {
    for (const dir of dirs) {
      const candidate = path.join(dir, name);
      if (isExecutableFile(candidate)) return candidate;
    }
  }
  return fallbacks.find(isExecutableFile);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * @sparticuz/chromium returns `<tmpdir>/chromium` as soon as that file exists, even while another
 * process is still writing it (test workers, the server and a bench starting together). So the
 * extraction runs under a lock directory shared by all processes; a lock whose holder died is taken.
 */
async function withExtractionLock<T>(fn: () => Promise<T>): Promise<T> {
  const lockDir = path.join(os.tmpdir(), 'chromium.prongsai-lock');
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let holder = Number.NaN;
      try {
        holder = Number.parseInt(fs.readFileSync(path.join(lockDir, 'pid'), 'utf8'), 10);
      } catch {
        // the holder has made the directory but not yet written its pid
      }
      const age = Date.now() - (fs.statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if ((Number.isInteger(holder) && !isAlive(holder)) || (Number.isNaN(holder) && age > 10_000)) {
        fs.rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) {
        throw new Error(`Timed out waiting for another process to extract Chromium (lock ${lockDir}).`);
      }
      await sleep(100);
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}

async function runsVersion(executable: string): Promise<string | undefined> {
  try {
    const { stdout } = await promisify(execFile)(executable, ['--version'], { timeout: 15_000 });
    return /chrom/i.test(stdout) ? undefined : `unexpected --version output ${JSON.stringify(stdout)}`;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

async function extractSparticuz(): Promise<{ executablePath: string; args: string[] }> {
  const { default: Sparticuz } = await import('@sparticuz/chromium');
  const args = Sparticuz.args.filter((arg) => SPARTICUZ_ARGS_KEPT.has(arg));
  return withExtractionLock(async () => {
    let executablePath = await Sparticuz.executablePath();
    let problem = await runsVersion(executablePath);
    if (problem) {
      // Most likely a file left half-written by an interrupted extraction: extract once more.
      fs.rmSync(executablePath, { force: true });
      executablePath = await Sparticuz.executablePath();
      problem = await runsVersion(executablePath);
    }
    if (problem) {
      throw new Error(
        `The Chromium extracted by @sparticuz/chromium at ${executablePath} does not run: ${problem}\n` +
          'Set CHROMIUM_PATH to a working Chromium, or install one as `chromium` on PATH.',
      );
    }
    return { executablePath, args };
  });
}

let sparticuz: Promise<{ executablePath: string; args: string[] }> | undefined;

/** Extracted once per process; a failed attempt is forgotten so that the next call retries. */
function sparticuzChromium() {
  sparticuz ??= extractSparticuz().catch((error: unknown) => {
    sparticuz = undefined;
    throw error;
  });
  return sparticuz;
}

export async function resolveChromium(options: ResolveChromiumOptions = {}): Promise<ResolvedChromium> {
  const env = 'chromiumPath' in options && 'searchPath' in options ? undefined : chromiumEnv();
  const chromiumPath = 'chromiumPath' in options ? options.chromiumPath : env?.chromiumPath;
  const searchPath = ('searchPath' in options ? options.searchPath : env?.searchPath) ?? '';

  if (chromiumPath) {
    const executablePath = path.resolve(chromiumPath);
    if (!fs.existsSync(executablePath)) {
      throw new Error(
        `CHROMIUM_PATH is set to ${chromiumPath}, but there is no file there. ` +
          'Point it at a Chromium or Chrome binary, or unset it to use the bundled @sparticuz/chromium.',
      );
    }
    if (!isExecutableFile(executablePath)) {
      throw new Error(`CHROMIUM_PATH is set to ${chromiumPath}, which is not an executable file.`);
    }
    return { executablePath, source: 'CHROMIUM_PATH', args: [...BASE_ARGS] };
  }

  const system = findSystemChromium(searchPath);
  if (system) return { executablePath: system, source: 'system', args: [...BASE_ARGS] };

  const extracted = await sparticuzChromium();
  return {
    executablePath: extracted.executablePath,
    source: 'sparticuz',
    args: [...BASE_ARGS, ...extracted.args],
  };
}

export type LaunchBrowserOptions = ResolveChromiumOptions & {
  /** Milliseconds to wait for the browser to start (Playwright's default is 180 s). */
  timeout?: number;
};

/** The browser process of each browser launchBrowser() started, when /proc could name it. */
const browserPids = new WeakMap<Browser, number>();
let launches = 0;

/**
 * A headless Chromium from resolveChromium(); the caller closes it. Its process id is kept for
 * browserProcessId(): the launch carries a switch of its own (`--prongsai-launch=…`, which Chromium
 * ignores) by which the browser is found among this process's children.
 */
export async function launchBrowser(options: LaunchBrowserOptions = {}): Promise<Browser> {
  const { timeout = 30_000, ...resolveOptions } = options;
  const resolved = await resolveChromium(resolveOptions);
  const marker = `--prongsai-launch=${process.pid}-${++launches}-${Math.random().toString(36).slice(2)}`;
  // Loaded on the first launch, not at start: playwright-core takes ~1.3 s and ~70 MB to load (cold-start.bench.ts).
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: resolved.executablePath,
    args: [...resolved.args, marker],
    headless: true,
    timeout,
  });
  const pid = (await childPids(process.pid)).find((child) => readCmdline(child).includes(marker));
  if (pid !== undefined) browserPids.set(browser, pid);
  return browser;
}

/**
 * The operating-system process of a browser from launchBrowser() (the root of its process tree: the
 * renderers and the network service are its children); undefined without /proc (not Linux).
 */
export function browserProcessId(browser: Browser): number | undefined {
  return browserPids.get(browser);
}

function readCmdline(pid: number): string[] {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return [];
  }
}

/** The children of a process, from /proc/<pid>/task/<tid>/children (Linux); [] when it is gone. */
export async function childPids(pid: number): Promise<number[]> {
  let tasks: string[];
  try {
    tasks = await fs.promises.readdir(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  const lists = await Promise.all(
    tasks.map((tid) => fs.promises.readFile(`/proc/${pid}/task/${tid}/children`, 'utf8').catch(() => '')),
  );
  return lists.flatMap((list) =>
    list
      .split(/\s+/)
      .filter((p) => p !== '')
      .map(Number),
  );
}

/**
 * One process's memory from /proc/<pid>/smaps_rollup in bytes: its proportional set size (Pss: pages
 * shared with the other Chromium processes counted once across the tree), else its resident set
 * (VmRSS in /proc/<pid>/status, counting shared pages in each process). Undefined when it is gone.
 */
export function parseProcessMemory(smapsRollup: string | undefined, status: string | undefined) {
  const kb = (text: string | undefined, field: string) => {
    const match = text?.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
    return match ? Number(match[1]) * 1024 : undefined;
  };
  return kb(smapsRollup, 'Pss') ?? kb(status, 'VmRSS');
}

async function processMemory(pid: number): Promise<number | undefined> {
  const rollup = await fs.promises.readFile(`/proc/${pid}/smaps_rollup`, 'utf8').catch(() => undefined);
  const pss = parseProcessMemory(rollup, undefined);
  if (pss !== undefined) return pss;
  return parseProcessMemory(
    undefined,
    await fs.promises.readFile(`/proc/${pid}/status`, 'utf8').catch(() => undefined),
  );
}

/**
 * The memory of a process and all its descendants (Chromium: the browser, its renderers, the network
 * service), in bytes, as parseProcessMemory() counts it; undefined when the process is gone or there
 * is no /proc.
 */
export async function processTreeMemory(pid: number): Promise<number | undefined> {
  const own = await processMemory(pid);
  if (own === undefined) return undefined;
  const below = await Promise.all((await childPids(pid)).map((child) => processTreeMemory(child)));
  return below.reduce<number>((sum, bytes) => sum + (bytes ?? 0), own);
}
