CREATE TABLE "practice_providers" (
	"practice_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"is_provider" boolean NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	CONSTRAINT "practice_providers_practice_id_user_id_pk" PRIMARY KEY("practice_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "practice_services" (
	"practice_id" uuid NOT NULL,
	"key" text NOT NULL,
	"enabled" boolean NOT NULL,
	"provider_ids" uuid[] NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "practice_services_practice_id_key_pk" PRIMARY KEY("practice_id","key")
);
