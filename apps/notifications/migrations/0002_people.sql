CREATE TABLE "practice_members" (
	"practice_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"roles" text[] NOT NULL,
	"client_id" uuid,
	"as_of" timestamp with time zone NOT NULL,
	CONSTRAINT "practice_members_practice_id_user_id_pk" PRIMARY KEY("practice_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "practices" (
	"practice_id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "practice_members_client_idx" ON "practice_members" USING btree ("practice_id","client_id");