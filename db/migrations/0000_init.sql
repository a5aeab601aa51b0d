CREATE TABLE "api_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"hash" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_keys_hash_unique" UNIQUE("hash")
);
--> statement-breakpoint
CREATE TABLE "operators" (
	"id" text PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_members" (
	"project_id" text NOT NULL,
	"operator_id" text NOT NULL,
	"role" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_members_project_id_operator_id_pk" PRIMARY KEY("project_id","operator_id")
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"allowed_return_origins" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"branding_name" text,
	"branding_logo_url" text,
	"branding_accent" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "projects_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "sign_in_attempts" (
	"email" text PRIMARY KEY NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"project_id" text,
	"actor_type" text NOT NULL,
	"actor_id" text,
	"actor_label" text NOT NULL,
	"verb" text NOT NULL,
	"object_type" text NOT NULL,
	"object_id" text,
	"ip" text,
	"detail" jsonb,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "auth_flows" (
	"state_hash" text PRIMARY KEY NOT NULL,
	"connection_id" text NOT NULL,
	"project_id" text NOT NULL,
	"app_key" text NOT NULL,
	"issuer" text,
	"token_endpoint" text NOT NULL,
	"redirect_uri" text NOT NULL,
	"verifier_enc" text,
	"binding_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "connection_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "connection_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"connection_id" text NOT NULL,
	"project_id" text NOT NULL,
	"type" text NOT NULL,
	"detail" text,
	"actor" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "connections" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"entity_id" text NOT NULL,
	"integration_id" text NOT NULL,
	"app_key" text NOT NULL,
	"auth_scheme" text NOT NULL,
	"status" text NOT NULL,
	"status_reason" text,
	"enabled" boolean DEFAULT true NOT NULL,
	"credentials_enc" text,
	"key_id" text,
	"credential_hints" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"expires_at" timestamp with time zone,
	"granted_scopes" jsonb,
	"upstream_identity" jsonb,
	"upstream_login" text,
	"connection_params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"labels" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"alias" text,
	"return_url" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"last_refreshed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "entities" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"external_id" text NOT NULL,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "executions" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"connection_id" text,
	"entity_id" text,
	"app_key" text NOT NULL,
	"action" text NOT NULL,
	"status" text NOT NULL,
	"http_status" integer,
	"duration_ms" integer NOT NULL,
	"error" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "integrations" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"app_key" text NOT NULL,
	"name" text NOT NULL,
	"auth_scheme" text NOT NULL,
	"client_id" text,
	"secrets_enc" text,
	"scopes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"authorize_url" text,
	"token_url" text,
	"api_base_url" text,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "link_tokens" (
	"hash" text PRIMARY KEY NOT NULL,
	"id" text NOT NULL,
	"connection_id" text NOT NULL,
	"project_id" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "link_tokens_id_unique" UNIQUE("id")
);
--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_members" ADD CONSTRAINT "project_members_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_members" ADD CONSTRAINT "project_members_operator_id_operators_id_fk" FOREIGN KEY ("operator_id") REFERENCES "public"."operators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auth_flows" ADD CONSTRAINT "auth_flows_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connection_events" ADD CONSTRAINT "connection_events_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connections" ADD CONSTRAINT "connections_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connections" ADD CONSTRAINT "connections_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connections" ADD CONSTRAINT "connections_integration_id_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."integrations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entities" ADD CONSTRAINT "entities_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "integrations" ADD CONSTRAINT "integrations_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "link_tokens" ADD CONSTRAINT "link_tokens_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_keys_project_id_created_at_index" ON "api_keys" USING btree ("project_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "operators_email_key" ON "operators" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "project_members_operator_id_index" ON "project_members" USING btree ("operator_id");--> statement-breakpoint
CREATE INDEX "audit_log_project_id_at_index" ON "audit_log" USING btree ("project_id","at");--> statement-breakpoint
CREATE INDEX "auth_flows_expires_at_index" ON "auth_flows" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "auth_flows_connection_id_index" ON "auth_flows" USING btree ("connection_id");--> statement-breakpoint
CREATE INDEX "connection_events_connection_id_at_index" ON "connection_events" USING btree ("connection_id","at");--> statement-breakpoint
CREATE INDEX "connections_entity_id_app_key_created_at_index" ON "connections" USING btree ("entity_id","app_key","created_at");--> statement-breakpoint
CREATE INDEX "connections_project_id_app_key_status_created_at_index" ON "connections" USING btree ("project_id","app_key","status","created_at");--> statement-breakpoint
CREATE INDEX "connections_project_id_status_created_at_index" ON "connections" USING btree ("project_id","status","created_at");--> statement-breakpoint
CREATE INDEX "connections_project_id_created_at_index" ON "connections" USING btree ("project_id","created_at");--> statement-breakpoint
CREATE INDEX "connections_project_id_upstream_login_index" ON "connections" USING btree ("project_id","upstream_login");--> statement-breakpoint
CREATE INDEX "connections_integration_id_index" ON "connections" USING btree ("integration_id");--> statement-breakpoint
CREATE INDEX "connections_expiry_idx" ON "connections" USING btree ("status","expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "entities_project_id_external_id_index" ON "entities" USING btree ("project_id","external_id");--> statement-breakpoint
CREATE INDEX "entities_prefix_idx" ON "entities" USING btree ("project_id","external_id" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "executions_project_id_at_index" ON "executions" USING btree ("project_id","at");--> statement-breakpoint
CREATE INDEX "executions_connection_id_at_index" ON "executions" USING btree ("connection_id","at");--> statement-breakpoint
CREATE INDEX "executions_project_id_entity_id_at_index" ON "executions" USING btree ("project_id","entity_id","at");--> statement-breakpoint
CREATE INDEX "integrations_project_id_app_key_index" ON "integrations" USING btree ("project_id","app_key");--> statement-breakpoint
CREATE INDEX "link_tokens_connection_id_index" ON "link_tokens" USING btree ("connection_id");