CREATE TABLE "invoice_number_counters" (
	"practice_id" uuid PRIMARY KEY NOT NULL,
	"last_number" integer NOT NULL,
	CONSTRAINT "invoice_number_counters_positive" CHECK ("invoice_number_counters"."last_number" > 0)
);
--> statement-breakpoint
CREATE TABLE "invoices" (
	"id" uuid PRIMARY KEY NOT NULL,
	"practice_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"client_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"description" text NOT NULL,
	"subtotal" bigint NOT NULL,
	"tax" bigint NOT NULL,
	"total" bigint NOT NULL,
	"currency" text NOT NULL,
	"tax_rule" jsonb NOT NULL,
	"status" text NOT NULL,
	"amount_paid" bigint DEFAULT 0 NOT NULL,
	"amount_refunded" bigint DEFAULT 0 NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"status_changed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "invoices_practice_number_unique" UNIQUE("practice_id","number"),
	CONSTRAINT "invoices_status_known" CHECK ("invoices"."status" IN ('unpaid', 'paid', 'partially_refunded', 'refunded', 'forgiven', 'void')),
	CONSTRAINT "invoices_number_positive" CHECK ("invoices"."number" > 0),
	CONSTRAINT "invoices_money_adds_up" CHECK ("invoices"."subtotal" >= 0 AND "invoices"."tax" >= 0 AND "invoices"."total" > 0 AND "invoices"."total" = "invoices"."subtotal" + "invoices"."tax"),
	CONSTRAINT "invoices_refund_within_paid" CHECK (0 <= "invoices"."amount_refunded" AND "invoices"."amount_refunded" <= "invoices"."amount_paid" AND "invoices"."amount_paid" <= "invoices"."total")
);
--> statement-breakpoint
CREATE INDEX "invoices_practice_issued_idx" ON "invoices" USING btree ("practice_id","issued_at","id");--> statement-breakpoint
CREATE INDEX "invoices_client_issued_idx" ON "invoices" USING btree ("client_id","issued_at","id");