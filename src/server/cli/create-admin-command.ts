import { parseArgs } from 'node:util';
import { firstAdminRequestSchema } from '#shared/auth/contract.ts';
import type { Database } from '../db/client.ts';
import { insertFirstAdmin } from '../modules/auth/auth.service.ts';
import { CliError } from './cli-context.ts';

export const CREATE_ADMIN_USAGE =
  'prongsai create-admin --email EMAIL --name "DISPLAY NAME" (the password is read from standard input)';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/**
 * The first administrator of a production deployment, from the server's shell rather than the one-time
 * `/setup` page (which anyone reaching the site first could use). Refused once any user exists.
 */
export async function createAdminCommand(
  database: Database,
  argv: string[],
  stdin = readStdin,
): Promise<string> {
  const { values } = parseArgs({
    args: argv,
    options: { email: { type: 'string' }, name: { type: 'string' } },
  });
  if (!values.email || !values.name) throw new CliError(`usage: ${CREATE_ADMIN_USAGE}`);
  const parsed = firstAdminRequestSchema.safeParse({
    email: values.email,
    displayName: values.name,
    password: await stdin(),
  });
  if (!parsed.success) {
    throw new CliError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
  }
  await insertFirstAdmin(database.db, parsed.data);
  return `Created the first administrator ${parsed.data.email} (deployment-wide admin). / สร้างผู้ดูแลระบบคนแรกแล้ว`;
}
