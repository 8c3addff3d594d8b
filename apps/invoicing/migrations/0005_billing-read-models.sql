CREATE TABLE "billing_clients" (
	"client_id" uuid PRIMARY KEY NOT NULL,
	"practice_id" uuid NOT NULL,
	"status" text NOT NULL,
	"tax_state" text,
	"revision" integer NOT NULL,
	"provider_ids" uuid[] NOT NULL,
	"providers_revision" integer NOT NULL,
	CONSTRAINT "billing_clients_status_known" CHECK ("billing_clients"."status" IN ('active', 'archived'))
);
--> statement-breakpoint
CREATE TABLE "billing_services" (
	"practice_id" uuid PRIMARY KEY NOT NULL,
	"enabled" boolean NOT NULL,
	"provider_ids" uuid[] NOT NULL,
	"as_of" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "portal_accounts" (
	"practice_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"client_id" uuid,
	"as_of" timestamp with time zone NOT NULL,
	CONSTRAINT "portal_accounts_practice_id_user_id_pk" PRIMARY KEY("practice_id","user_id")
);
