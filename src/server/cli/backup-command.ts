import path from 'node:path';
import { openDatabase } from '../db/client.ts';
import { readEnv } from '../env.ts';
import { fileStoreFromConfig } from '../storage/file-store-from-config.ts';
import { backupDeployment, restoreDeployment } from './backup.ts';
import { CliError } from './cli-context.ts';

export const BACKUP_USAGE =
  'backup --out DIR     (the database and the file store, with a manifest of counts and SHA-256)';
export const RESTORE_USAGE =
  'restore --from DIR   (into an empty deployment only; checked against the manifest)';

function directoryArg(argv: string[], flag: '--out' | '--from'): string {
  const i = argv.indexOf(flag);
  const value = i >= 0 ? argv[i + 1] : undefined;
  if (!value || value.startsWith('--'))
    throw new CliError(`usage: ${flag === '--out' ? BACKUP_USAGE : RESTORE_USAGE}`);
  return path.resolve(value);
}

/**
 * `backup` and `restore` open the deployment themselves (DATA_DIR, or DATABASE_URL with FILES_DIR and
 * FONTS_DIR): unlike the other commands they must not load the catalogue first (a restore needs an
 * empty database). With the embedded database, stop the app first (the data-directory lock).
 */
export async function backupOrRestoreCommand(name: 'backup' | 'restore', argv: string[]): Promise<string> {
  const dir = directoryArg(argv, name === 'backup' ? '--out' : '--from');
  const config = readEnv();
  const database = await openDatabase({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    takeOverDataDirLock: config.takeOverDataDirLock,
  });
  const store = fileStoreFromConfig(config);
  try {
    if (name === 'backup') {
      const m = await backupDeployment(database.db, database.kind, store, config.fontsDir, dir);
      const rows = m.tables.reduce((n, t) => n + t.rows, 0);
      return `Backed up ${rows} rows in ${m.tables.length} tables and ${m.files.length} files into ${dir}\nสำรองข้อมูล ${rows} แถว ${m.tables.length} ตาราง และ ${m.files.length} ไฟล์ ไว้ที่ ${dir}`;
    }
    const v = await restoreDeployment(database.db, store, config.fontsDir, dir);
    return `Restored and verified against the manifest: ${v.rows} rows in ${v.tables} tables, ${v.files} files (SHA-256 equal)\nกู้คืนและตรวจกับบัญชีข้อมูลสำรองแล้ว: ${v.rows} แถว ${v.tables} ตาราง ${v.files} ไฟล์ ตรงกันทุกไฟล์`;
  } finally {
    await database.close();
  }
}
