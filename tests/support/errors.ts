/** The messages of an error and all its causes (Drizzle wraps driver errors in its own). */
export function errorChainText(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  while (current instanceof Error && parts.length < 10) {
    parts.push(current.message);
    current = current.cause;
  }
  return parts.join(' <- ');
}

export async function rejectionText(promise: PromiseLike<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return errorChainText(error);
  }
  throw new Error('expected the operation to fail, and it succeeded');
}
