/** The `oidc-provider` package ships no types; the few parts the local test provider uses. */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  // biome-ignore lint/suspicious/noExplicitAny: the provider's configuration and context are large untyped objects
  type Loose = any;

  export default class Provider {
    constructor(issuer: string, configuration: Loose);
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    interactionDetails(
      req: IncomingMessage,
      res: ServerResponse,
    ): Promise<{ uid: string; params: Record<string, unknown>; prompt: { name: string } }>;
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: Loose,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>;
  }
}
