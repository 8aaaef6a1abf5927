/**
 * The command line: `npm run prongsai -- <command> …` (or `npx tsx scripts/prongsai.ts <command> …`).
 * It opens the same database as the app (DATA_DIR or DATABASE_URL): with the embedded database, stop
 * the app first — the data-directory lock refuses a second process.
 */
import { ANALYSE_USAGE, analyseCommand } from '../src/server/cli/analyse-command.ts';
import { BACKUP_USAGE, backupOrRestoreCommand, RESTORE_USAGE } from '../src/server/cli/backup-command.ts';
import { CliError, openCliDatabase } from '../src/server/cli/cli-context.ts';
import { CREATE_ADMIN_USAGE, createAdminCommand } from '../src/server/cli/create-admin-command.ts';
import { DOCUMENT_USAGE, documentCommand } from '../src/server/cli/document-command.ts';
import { IMPORT_USAGE, importCommand } from '../src/server/cli/import-command.ts';
import type { Database } from '../src/server/db/client.ts';
import { DataDirLockedError } from '../src/server/db/data-dir-lock.ts';
import { AppError } from '../src/server/http/app-error.ts';

const COMMANDS: Record<
  string,
  { usage: string; run: (database: Database, argv: string[]) => Promise<string> }
> = {
  'create-admin': { usage: CREATE_ADMIN_USAGE, run: (database, argv) => createAdminCommand(database, argv) },
  analyse: { usage: ANALYSE_USAGE, run: analyseCommand },
  'import-assessment': { usage: IMPORT_USAGE, run: importCommand },
  document: { usage: DOCUMENT_USAGE, run: (database, argv) => documentCommand(database, argv) },
};

async function main() {
  const [name, ...argv] = process.argv.slice(2);
  // Backup and restore open the deployment themselves (a restore needs it empty: no catalogue loaded).
  if (name === 'backup' || name === 'restore') {
    console.log(await backupOrRestoreCommand(name, argv));
    return;
  }
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    console.error(
      `usage:\n  ${[...Object.values(COMMANDS).map((c) => c.usage), BACKUP_USAGE, RESTORE_USAGE].join('\n  ')}`,
    );
    process.exit(2);
  }
  const database = await openCliDatabase();
  try {
    console.log(await command.run(database, argv));
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  if (error instanceof AppError) {
    console.error(`${error.messageTh}\n${error.messageEn}`);
    for (const d of error.details) console.error(`  ${d.path}: ${d.message_th} / ${d.message_en}`);
  } else if (error instanceof CliError || error instanceof DataDirLockedError) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(1);
});
