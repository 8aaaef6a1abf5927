import { describe, expect, it } from 'vitest';
import { EnvError, readEnv } from './env.ts';

describe('configuration', () => {
  it('defaults to the embedded database with demo data in development', () => {
    const env = readEnv({});
    expect(env).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      production: false,
      demoData: true,
    });
    expect(env.dataDir.endsWith('/data')).toBe(true);
  });

  it('never seeds demo data in production, whatever DEMO_DATA says', () => {
    expect(readEnv({ NODE_ENV: 'production', DEMO_DATA: 'true' }).demoData).toBe(false);
    expect(readEnv({ DATABASE_URL: 'postgres://u:p@db/prongsai', DEMO_DATA: 'true' }).demoData).toBe(false);
  });

  it('names every bad setting', () => {
    expect(() => readEnv({ PORT: 'eighty', DATABASE_URL: 'mysql://x' })).toThrow(EnvError);
    try {
      readEnv({ PORT: 'eighty', DATABASE_URL: 'mysql://x' });
    } catch (error) {
      expect((error as Error).message).toContain('PORT');
      expect((error as Error).message).toContain('DATABASE_URL');
    }
  });
});
