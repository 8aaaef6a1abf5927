CREATE TABLE "signature_files" (
	"signature_id" uuid NOT NULL,
	"document_id" uuid NOT NULL,
	"format" text NOT NULL,
	"sha256" text NOT NULL,
	"linked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "signature_files_signature_id_document_id_format_pk" PRIMARY KEY("signature_id","document_id","format")
);
--> statement-breakpoint
CREATE TABLE "signature_revocations" (
	"signature_id" uuid PRIMARY KEY NOT NULL,
	"revoked_by" uuid NOT NULL,
	"revoked_by_name" text NOT NULL,
	"revoked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reason" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "signatures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"action" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"canonical_form" text NOT NULL,
	"content_sha256" text NOT NULL,
	"signer_user_id" uuid NOT NULL,
	"signer_name" text NOT NULL,
	"signer_position" text NOT NULL,
	"signed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"verified_by" text NOT NULL,
	"identity_provider" text,
	CONSTRAINT "signatures_code_unique" UNIQUE("code")
);
--> statement-breakpoint
ALTER TABLE "signature_files" ADD CONSTRAINT "signature_files_signature_id_signatures_id_fk" FOREIGN KEY ("signature_id") REFERENCES "public"."signatures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signature_files" ADD CONSTRAINT "signature_files_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signature_revocations" ADD CONSTRAINT "signature_revocations_signature_id_signatures_id_fk" FOREIGN KEY ("signature_id") REFERENCES "public"."signatures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signature_revocations" ADD CONSTRAINT "signature_revocations_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signatures" ADD CONSTRAINT "signatures_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signatures" ADD CONSTRAINT "signatures_signer_user_id_users_id_fk" FOREIGN KEY ("signer_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "signature_files_sha256_idx" ON "signature_files" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "signatures_subject_idx" ON "signatures" USING btree ("subject_type","subject_id");--> statement-breakpoint
CREATE INDEX "signatures_signer_idx" ON "signatures" USING btree ("signer_user_id","signed_at");--> statement-breakpoint
-- Signatures and their revocations are append-only: no process may rewrite or remove one (decision 024).
CREATE OR REPLACE FUNCTION signatures_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER signatures_append_only
  BEFORE UPDATE OR DELETE ON signatures
  FOR EACH ROW EXECUTE FUNCTION signatures_refuse_change();
--> statement-breakpoint
CREATE TRIGGER signature_revocations_append_only
  BEFORE UPDATE OR DELETE ON signature_revocations
  FOR EACH ROW EXECUTE FUNCTION signatures_refuse_change();
