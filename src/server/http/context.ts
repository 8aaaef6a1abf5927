import type { Db } from '../db/client.ts';
import type { Env } from '../env.ts';
import type { DocumentRenderers } from '../modules/documents/render-formats.ts';
import type { IdentityDeps } from '../modules/identity/oidc-client.ts';
import type { OitDeps } from '../modules/oit/oit-deps.ts';
import type { SecretBox } from '../secrets/secret-box.ts';
import type { FileStore } from '../storage/file-store.ts';
import type { Actor } from './actor.ts';

/** How a session's person proved who they are (recorded with an electronic signature made in it). */
export type SignedInWith = { method: 'password' } | { method: 'oidc'; provider: string };

export type SessionInfo = { tokenHash: string; csrfToken: string; signedInWith: SignedInWith };

export type AppEnv = {
  Variables: {
    db: Db;
    /**
     * For routes that only read (public pages, dashboards, lists): the streaming replica when one is set
     * (DATABASE_REPLICA_URL) and may serve this request, else the primary; `db` everywhere else.
     */
    readDb: Db;
    config: Env;
    actor: Actor | null;
    session: SessionInfo | null;
    /** Where evidence files are kept (local disk by default). */
    fileStore: FileStore;
    /** Font loading and the PDF printer for generated documents. */
    documentRenderers: DocumentRenderers;
    /** The OIT tracker's wiring: private targets allowed or not, automatic URLs, checker limits. */
    oit: OitDeps;
    /** Seals and opens stored secrets (LINE tokens, identity provider client secrets). */
    secretBox: SecretBox;
    /** How identity providers are reached (http issuers only in tests). */
    identity: IdentityDeps;
    /** This request's id (X-Request-Id, given or made), for log lines about it. */
    requestId: string;
  };
};
