CREATE TABLE "practice_providers" (
	"practice_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"is_provider" boolean NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	CONSTRAINT "practice_providers_practice_id_user_id_pk" PRIMARY KEY("practice_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "listing_services" (
	"practice_id" uuid PRIMARY KEY NOT NULL,
	"enabled" boolean NOT NULL,
	"as_of" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "practice_profiles" (
	"practice_id" uuid PRIMARY KEY NOT NULL,
	"name" text,
	"description" text,
	"address" jsonb,
	"phone" text,
	"website" text,
	"listed" boolean NOT NULL,
	"slug" text,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "practice_profiles_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "provider_profiles" (
	"practice_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"display_name" text,
	"provider_type" jsonb,
	"provider_type_key" text,
	"introduction" text,
	"specialties" jsonb NOT NULL,
	"specialty_terms" text[] NOT NULL,
	"education" jsonb NOT NULL,
	"licenses" jsonb NOT NULL,
	"languages" text[] NOT NULL,
	"listed" boolean NOT NULL,
	"slug" text,
	"published" boolean NOT NULL,
	"search_document" "tsvector" NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "provider_profiles_practice_id_provider_id_pk" PRIMARY KEY("practice_id","provider_id"),
	CONSTRAINT "provider_profiles_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "slugs" (
	"slug" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"practice_id" uuid NOT NULL,
	"provider_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "slugs_kind_known" CHECK ("slugs"."kind" IN ('provider', 'practice'))
);
--> statement-breakpoint
CREATE INDEX "provider_profiles_search" ON "provider_profiles" USING gin ("search_document") WHERE "provider_profiles"."published";--> statement-breakpoint
CREATE INDEX "provider_profiles_specialties" ON "provider_profiles" USING gin ("specialty_terms") WHERE "provider_profiles"."published";--> statement-breakpoint
CREATE INDEX "provider_profiles_languages" ON "provider_profiles" USING gin ("languages") WHERE "provider_profiles"."published";--> statement-breakpoint
CREATE INDEX "provider_profiles_published_slug" ON "provider_profiles" USING btree ("slug") WHERE "provider_profiles"."published";