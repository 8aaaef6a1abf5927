import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { type Browser, chromium } from 'playwright-core';

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

/** A headless Chromium from resolveChromium(); the caller closes it. */
export async function launchBrowser(options: LaunchBrowserOptions = {}): Promise<Browser> {
  const { timeout = 30_000, ...resolveOptions } = options;
  const resolved = await resolveChromium(resolveOptions);
  return chromium.launch({
    executablePath: resolved.executablePath,
    args: resolved.args,
    headless: true,
    timeout,
  });
}
