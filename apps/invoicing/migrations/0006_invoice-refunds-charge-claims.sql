CREATE TABLE "invoice_charge_claims" (
	"invoice_id" uuid PRIMARY KEY NOT NULL,
	"idempotency_key" text NOT NULL,
	"claimed_by" uuid NOT NULL,
	"claimed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invoice_refunds" (
	"id" uuid PRIMARY KEY NOT NULL,
	"invoice_id" uuid NOT NULL,
	"attempt_id" uuid NOT NULL,
	"amount" bigint NOT NULL,
	"method" text NOT NULL,
	"reason" text,
	"requested_by" uuid,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "invoice_refunds_method_known" CHECK ("invoice_refunds"."method" IN ('refund', 'void')),
	CONSTRAINT "invoice_refunds_amount_positive" CHECK ("invoice_refunds"."amount" > 0)
);
--> statement-breakpoint
ALTER TABLE "invoice_charge_claims" ADD CONSTRAINT "invoice_charge_claims_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_refunds" ADD CONSTRAINT "invoice_refunds_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "invoice_refunds_invoice_idx" ON "invoice_refunds" USING btree ("invoice_id","recorded_at");--> statement-breakpoint
CREATE UNIQUE INDEX "invoice_payments_card_attempt_unique" ON "invoice_payments" USING btree ("reference") WHERE "invoice_payments"."method" = 'card';