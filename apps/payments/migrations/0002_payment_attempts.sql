CREATE TABLE "payment_attempts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"practice_id" uuid NOT NULL,
	"invoice_id" uuid NOT NULL,
	"idempotency_key" text NOT NULL,
	"request_fingerprint" text NOT NULL,
	"amount" integer NOT NULL,
	"currency" text NOT NULL,
	"processor_account_id" uuid NOT NULL,
	"processor" text NOT NULL,
	"processor_attempt_reference" text NOT NULL,
	"replay_token" text,
	"status" text NOT NULL,
	"transaction_id" text,
	"decline_reason" text,
	"decline_code" text,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"last_error" text,
	CONSTRAINT "payment_attempts_status_check" CHECK ("payment_attempts"."status" IN ('STARTED', 'UNKNOWN', 'SUCCEEDED', 'DECLINED')),
	CONSTRAINT "payment_attempts_amount_check" CHECK ("payment_attempts"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "payment_refunds" (
	"id" uuid PRIMARY KEY NOT NULL,
	"practice_id" uuid NOT NULL,
	"attempt_id" uuid NOT NULL,
	"idempotency_key" text NOT NULL,
	"amount" integer NOT NULL,
	"method" text NOT NULL,
	"processor_refund_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "payment_refunds_amount_check" CHECK ("payment_refunds"."amount" > 0),
	CONSTRAINT "payment_refunds_method_check" CHECK ("payment_refunds"."method" IN ('refund', 'void'))
);
--> statement-breakpoint
ALTER TABLE "payment_refunds" ADD CONSTRAINT "payment_refunds_attempt_id_payment_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."payment_attempts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "payment_attempts_idempotency_key_idx" ON "payment_attempts" USING btree ("practice_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "payment_attempts_invoice_idx" ON "payment_attempts" USING btree ("practice_id","invoice_id");--> statement-breakpoint
CREATE INDEX "payment_attempts_unsettled_idx" ON "payment_attempts" USING btree ("started_at") WHERE "payment_attempts"."status" IN ('STARTED', 'UNKNOWN');--> statement-breakpoint
CREATE UNIQUE INDEX "payment_refunds_idempotency_key_idx" ON "payment_refunds" USING btree ("practice_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "payment_refunds_attempt_idx" ON "payment_refunds" USING btree ("attempt_id");