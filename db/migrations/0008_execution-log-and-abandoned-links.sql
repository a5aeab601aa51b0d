ALTER TABLE "connections" ADD COLUMN "abandoned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "connections" ADD COLUMN "check_failed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "connections" ADD COLUMN "check_failure" text;--> statement-breakpoint
ALTER TABLE "executions" ADD COLUMN "outcome" text DEFAULT 'success' NOT NULL;--> statement-breakpoint
ALTER TABLE "executions" ADD COLUMN "error_code" text;--> statement-breakpoint
ALTER TABLE "executions" ADD COLUMN "request_id" text;--> statement-breakpoint
ALTER TABLE "executions" ADD COLUMN "source" text DEFAULT 'api' NOT NULL;--> statement-breakpoint
ALTER TABLE "executions" ADD COLUMN "api_key_id" text;--> statement-breakpoint
ALTER TABLE "executions" ADD COLUMN "operator_id" text;--> statement-breakpoint
ALTER TABLE "executions" ADD COLUMN "session_id" text;--> statement-breakpoint
ALTER TABLE "executions" ADD COLUMN "caller_label" text;--> statement-breakpoint
ALTER TABLE "executions" ADD COLUMN "arguments" jsonb;--> statement-breakpoint
ALTER TABLE "executions" ADD COLUMN "response" jsonb;--> statement-breakpoint
CREATE INDEX "connections_abandoned_at_idx" ON "connections" USING btree ("abandoned_at") WHERE "connections"."abandoned_at" is not null;--> statement-breakpoint
CREATE INDEX "connections_check_failed_idx" ON "connections" USING btree ("project_id","check_failed_at") WHERE "connections"."check_failed_at" is not null;--> statement-breakpoint
CREATE INDEX "executions_request_id_idx" ON "executions" USING btree ("project_id","request_id") WHERE "executions"."request_id" is not null;--> statement-breakpoint
UPDATE "executions" SET "outcome" = CASE WHEN "http_status" IS NULL THEN 'error' ELSE 'provider_error' END WHERE "status" = 'error';--> statement-breakpoint
UPDATE "connections" SET "abandoned_at" = "updated_at" WHERE "status" = 'EXPIRED' AND "status_reason" LIKE 'The end user did not finish connecting%';
