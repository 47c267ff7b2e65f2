CREATE TABLE "tracking_hits" (
	"message_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"link" integer,
	"agent" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "message_events" ADD COLUMN "provider_event_id" text;--> statement-breakpoint
CREATE UNIQUE INDEX "message_events_provider_event_idx" ON "message_events" USING btree ("message_id","provider_event_id") WHERE provider_event_id IS NOT NULL;