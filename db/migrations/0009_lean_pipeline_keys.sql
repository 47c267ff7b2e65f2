ALTER TABLE "contact_senders" DROP CONSTRAINT "contact_senders_org_id_orgs_id_fk";
--> statement-breakpoint
ALTER TABLE "contact_senders" DROP CONSTRAINT "contact_senders_sender_id_senders_id_fk";
--> statement-breakpoint
ALTER TABLE "message_events" DROP CONSTRAINT "message_events_org_id_orgs_id_fk";
