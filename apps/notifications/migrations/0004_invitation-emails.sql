ALTER TABLE "email_deliveries" ALTER COLUMN "user_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "email_deliveries" ALTER COLUMN "alert_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "email_deliveries" ADD COLUMN "invitation_id" uuid;--> statement-breakpoint
CREATE UNIQUE INDEX "email_deliveries_invitation_key" ON "email_deliveries" USING btree ("invitation_id");