ALTER TABLE "connections" ADD COLUMN "refresh_failures" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "connections" ADD COLUMN "next_refresh_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "connections_refresh_failing_idx" ON "connections" USING btree ("project_id","expires_at") WHERE "connections"."refresh_failures" > 0;--> statement-breakpoint
CREATE INDEX "executions_failures_idx" ON "executions" USING btree ("project_id","at") WHERE "executions"."status" = 'error';