import pino, { type DestinationStream, type Logger } from 'pino';
import type { Env } from './env.ts';

/**
 * The server's one logger: JSON lines (pino), one object a line, with `level`, `time`, `msg` and the
 * fields given. Lines at warn and error go to stderr, the others to stdout, as console.warn/error did,
 * so an operator (and the fault suite) can keep reading stderr for trouble. Written synchronously: a
 * line logged just before process.exit() is not lost.
 *
 * LOG_LEVEL keeps its values: silent (nothing), error (warnings and errors: a lost database connection
 * is a warning worth seeing), info (also one line per request), debug (also health probes).
 */
export type LogLevel = Env['logLevel'];

const PINO_LEVEL: Record<LogLevel, pino.LevelWithSilent> = {
  silent: 'silent',
  error: 'warn',
  info: 'info',
  debug: 'debug',
};

export function createLogger(
  level: LogLevel,
  streams: { stdout?: DestinationStream; stderr?: DestinationStream } = {},
): Logger {
  const stdout = streams.stdout ?? pino.destination({ dest: 1, sync: true });
  const stderr = streams.stderr ?? pino.destination({ dest: 2, sync: true });
  return pino(
    { level: PINO_LEVEL[level], base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime },
    // dedupe: a line goes only to the stream of the highest level it reaches (warn → stderr, not both).
    pino.multistream(
      [
        { level: 'debug', stream: stdout },
        { level: 'warn', stream: stderr },
      ],
      { dedupe: true },
    ),
  );
}

let current: Logger = createLogger('info');

/** main.ts sets the level from LOG_LEVEL once the configuration is read; tests may pass their own streams. */
export function configureLogger(level: LogLevel, streams?: Parameters<typeof createLogger>[1]): Logger {
  current = createLogger(level, streams);
  return current;
}

/** The current logger (modules call `log()` at the time they log, so configureLogger() reaches them). */
export function log(): Logger {
  return current;
}
