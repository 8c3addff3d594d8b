CREATE TABLE "processor_accounts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"practice_id" uuid NOT NULL,
	"description" text NOT NULL,
	"type" text NOT NULL,
	"credentials" text NOT NULL,
	"masked_credentials" jsonb NOT NULL,
	"active" boolean NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sales_tax_settings" (
	"practice_id" uuid PRIMARY KEY NOT NULL,
	"settings" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid NOT NULL
);
--> statement-breakpoint
CREATE INDEX "processor_accounts_practice_idx" ON "processor_accounts" USING btree ("practice_id");--> statement-breakpoint
CREATE UNIQUE INDEX "processor_accounts_one_active_idx" ON "processor_accounts" USING btree ("practice_id") WHERE "processor_accounts"."active";