CREATE TYPE "public"."connection_status" AS ENUM('untested', 'ok', 'failing');--> statement-breakpoint
CREATE TYPE "public"."provider_kind" AS ENUM('outbox', 'sendgrid', 'smtp', 'http_sms');--> statement-breakpoint
CREATE TYPE "public"."sender_status" AS ENUM('active', 'paused', 'failing');--> statement-breakpoint
CREATE TABLE "templates" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"channel" "channel" NOT NULL,
	"name" text NOT NULL,
	"subject" text,
	"preheader" text,
	"html" text,
	"text" text,
	"sms_body" text,
	"variables" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "templates_orgId_name_unique" UNIQUE("org_id","name")
);
--> statement-breakpoint
CREATE TABLE "provider_connections" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"name" text NOT NULL,
	"kind" "provider_kind" NOT NULL,
	"config" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"secrets_enc" text,
	"status" "connection_status" DEFAULT 'untested' NOT NULL,
	"last_tested_at" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "provider_connections_orgId_name_unique" UNIQUE("org_id","name")
);
--> statement-breakpoint
CREATE TABLE "sender_daily_counts" (
	"sender_id" text NOT NULL,
	"day" date NOT NULL,
	"sent" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "sender_daily_counts_sender_id_day_pk" PRIMARY KEY("sender_id","day")
);
--> statement-breakpoint
CREATE TABLE "senders" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"channel" "channel" NOT NULL,
	"connection_id" text NOT NULL,
	"from_name" text,
	"from_email" text,
	"sms_sender_id" text,
	"rate_per_second" numeric(8, 2) DEFAULT 10 NOT NULL,
	"daily_cap" integer DEFAULT 2000 NOT NULL,
	"status" "sender_status" DEFAULT 'active' NOT NULL,
	"last_error" text,
	"last_error_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "templates" ADD CONSTRAINT "templates_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "templates" ADD CONSTRAINT "templates_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_connections" ADD CONSTRAINT "provider_connections_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sender_daily_counts" ADD CONSTRAINT "sender_daily_counts_sender_id_senders_id_fk" FOREIGN KEY ("sender_id") REFERENCES "public"."senders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "senders" ADD CONSTRAINT "senders_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "senders" ADD CONSTRAINT "senders_connection_id_provider_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."provider_connections"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "templates_org_id_updated_at_index" ON "templates" USING btree ("org_id","updated_at");--> statement-breakpoint
CREATE INDEX "senders_org_id_channel_index" ON "senders" USING btree ("org_id","channel");