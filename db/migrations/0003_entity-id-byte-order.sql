DROP INDEX "entities_prefix_idx";--> statement-breakpoint
CREATE INDEX "entities_external_id_c_idx" ON "entities" USING btree ("project_id",("external_id" collate "C"));