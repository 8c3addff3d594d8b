CREATE TABLE "payment_closed_keys" (
	"practice_id" uuid NOT NULL,
	"idempotency_key" text NOT NULL,
	"invoice_id" uuid NOT NULL,
	"closed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "payment_closed_keys_practice_id_idempotency_key_pk" PRIMARY KEY("practice_id","idempotency_key")
);
