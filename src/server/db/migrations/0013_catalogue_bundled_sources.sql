CREATE TABLE "catalogue_bundled_sources" (
	"source_hash" text PRIMARY KEY NOT NULL,
	"fiscal_year" integer NOT NULL,
	"content_hash" text NOT NULL
);
