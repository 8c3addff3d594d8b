CREATE TABLE "processor_webhook_events" (
	"processor_account_id" uuid NOT NULL,
	"event_id" text NOT NULL,
	"practice_id" uuid NOT NULL,
	"event_type" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	CONSTRAINT "processor_webhook_events_processor_account_id_event_id_pk" PRIMARY KEY("processor_account_id","event_id")
);
--> statement-breakpoint
CREATE INDEX "payment_attempts_transaction_idx" ON "payment_attempts" USING btree ("processor_account_id","transaction_id");