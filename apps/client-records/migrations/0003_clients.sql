CREATE TABLE "clients" (
	"id" uuid PRIMARY KEY NOT NULL,
	"practice_id" uuid NOT NULL,
	"status" text NOT NULL,
	"sealed_info" text NOT NULL,
	"email_hash" text NOT NULL,
	"name_hashes" text[] NOT NULL,
	"search_key_id" text NOT NULL,
	"provider_ids" uuid[] NOT NULL,
	"revision" integer NOT NULL,
	"invited_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "practice_providers" (
	"practice_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"is_provider" boolean NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	CONSTRAINT "practice_providers_practice_id_user_id_pk" PRIMARY KEY("practice_id","user_id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "clients_practice_email_hash_idx" ON "clients" USING btree ("practice_id","email_hash");--> statement-breakpoint
CREATE INDEX "clients_practice_status_id_idx" ON "clients" USING btree ("practice_id","status","id");--> statement-breakpoint
CREATE INDEX "clients_name_hashes_idx" ON "clients" USING gin ("name_hashes");--> statement-breakpoint
CREATE INDEX "clients_provider_ids_idx" ON "clients" USING gin ("provider_ids");--> statement-breakpoint
CREATE INDEX "clients_sealed_key_idx" ON "clients" USING btree (split_part("sealed_info", '.', 2));