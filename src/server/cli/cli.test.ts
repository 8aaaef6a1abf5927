import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** The real command line against a real embedded database (demo data gives the organisations). */
let dataDir: string;
const run = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/prongsai.ts', ...args], {
    env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent', DATABASE_URL: '' },
    encoding: 'utf8',
    timeout: 90_000,
  });

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-cli-'));
  const { openEmbedded } = await import('../db/client.ts');
  const { seedDemo } = await import('../modules/demo/seed-demo.ts');
  const database = await openEmbedded(dataDir);
  await database.migrate();
  await seedDemo(database.db);
  await database.close();
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('prongsai command line', () => {
  it('imports a result and analyses it as JSON', () => {
    const file = path.join(dataDir, 'result.csv');
    const scores = [87.89, 74.84, 81.59, 76.28, 77.88, 74.62, 79.61, 75.83, 62.2, 37.5];
    fs.writeFileSync(file, `code,score\n${scores.map((s, i) => `ตัวชี้วัดที่ ${i + 1},${s}`).join('\n')}\n`);
    const imported = run('import-assessment', file, '--org', 'demo-muni', '--year', '2566');
    expect(imported.stderr).toBe('');
    expect(imported.status).toBe(0);
    expect(imported.stdout).toContain('Imported: 1 organisation');

    const analysed = run('analyse', '--org', 'DEMO-MUNI', '--year', '2566', '--urgent-below', '85', '--json');
    expect(analysed.status).toBe(0);
    const out = JSON.parse(analysed.stdout);
    expect(
      out.findings.filter((f: { kind: string }) => f.kind === 'urgent').map((f: { code: string }) => f.code),
    ).toEqual(['2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(out.findings[0]).toMatchObject({
      kind: 'urgent',
      scope: 'indicator',
      score: 74.84,
      threshold: 85,
    });
    expect(out.findings[0].group).toContain('ตัวชี้วัดที่ 2');
  });

  it('prints the derived figures, the stated level, the extremes and each finding once in its text output', () => {
    const file = path.join(dataDir, 'result-level.csv');
    const scores = [87.89, 74.84, 81.59, 76.28, 77.88, 74.62, 79.61, 75.83, 62.2, 37.5];
    fs.writeFileSync(
      file,
      `code,score,level\nITA,66.85,ต้องปรับปรุงโดยด่วน\n${scores.map((s, i) => `ตัวชี้วัดที่ ${i + 1},${s},`).join('\n')}\n`,
    );
    const imported = run('import-assessment', file, '--org', 'demo-muni', '--year', '2566');
    expect(imported.status).toBe(0);
    const r = run('analyse', '--org', 'DEMO-MUNI', '--year', '2566', '--strength-at', '85');
    expect(r.stderr).toBe('');
    const lines = r.stdout.trim().split('\n');
    // 2566: IIT = mean of indicators 1-5 = 79.70, EIT 76.69, OIT 49.85; total 30/30/40 = 66.85.
    expect(lines[1]).toBe(
      'total 66.85 (derived 66.85) · stated level ต้องปรับปรุงโดยด่วน · computed level ต้องปรับปรุงโดยด่วน',
    );
    expect(lines[2]).toBe('instruments IIT 79.70 (derived) · EIT 76.69 (derived) · OIT 49.85 (derived)');
    expect(lines[3]).toBe('IIT lowest 2 การใช้งบประมาณ 74.84; highest 1 การปฏิบัติหน้าที่ 87.89');
    expect(lines[5]).toBe('OIT lowest 10 การป้องกันการทุจริต 37.50; highest 9 การเปิดเผยข้อมูล 62.20');
    const strength = lines.find((l) => l.startsWith('strength'))!;
    expect(strength).toContain('87.89  >= 85.00');
    expect(r.stdout).not.toMatch(/strength.*</);
    const json = JSON.parse(run('analyse', '--org', 'DEMO-MUNI', '--year', '2566', '--json').stdout);
    expect(json.extremes[0]).toMatchObject({
      instrument: 'IIT',
      lowest: [{ number: 2, score: 74.84 }],
      highest: [{ number: 1, score: 87.89 }],
    });
    expect(json.figures.total).toMatchObject({ stated: 66.85, derived: 66.85, differs: false });
    expect(json.level).toMatchObject({ stated: 'ต้องปรับปรุงโดยด่วน', official_th: 'ต้องปรับปรุงโดยด่วน' });
  });

  it('imports a 2569 result with IIT question codes, their indicators and wording, and says what it keeps', () => {
    const file = path.join(dataDir, 'result-2569.csv');
    fs.writeFileSync(
      file,
      'code,ตัวชี้วัด,ข้อคำถาม,score\ni1,1,บุคลากรในหน่วยงานของท่าน ปฏิบัติงานตามขั้นตอน,90\ni2,1,,80\n',
    );
    const r = run('import-assessment', file, '--org', 'DEMO-MUNI', '--year', '2569');
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(
      'kept for the 2569 edition (supplied questions and wording): i1 (ตัวชี้วัดที่ 1), i2 (ตัวชี้วัดที่ 1, no wording)',
    );
  });

  it('refuses a bad file with every row named, and writes nothing', () => {
    const file = path.join(dataDir, 'bad.csv');
    fs.writeFileSync(file, 'code,score\ni7,101\nx99,5\n');
    const r = run('import-assessment', file, '--org', 'DEMO-PROV', '--year', '2566');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('row 2');
    expect(r.stderr).toContain('row 3');
    const analysed = run('analyse', '--org', 'DEMO-PROV', '--year', '2566', '--json');
    expect(analysed.status).toBe(1);
    expect(analysed.stderr).toContain('No 2566 result');
  });

  it('creates the first admin only on an empty database, reading the password from standard input', () => {
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/prongsai.ts', 'create-admin', '--email', 'root@x.th', '--name', 'ผู้ดูแล'],
      {
        env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent', DATABASE_URL: '' },
        input: 'a-strong-password-1\n',
        encoding: 'utf8',
        timeout: 90_000,
      },
    );
    // The demo data already holds users: the command must refuse and say why.
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/already exists|มีผู้ดูแลระบบแล้ว/);
  });
});
