import { messageStatusEnum, type Message, type MessageStatus, type Sender } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { decodeId, encodeId } from "@/lib/ids";
import { senderFrom } from "@/lib/sending/senders/sender-view";

export const MESSAGE_STATUSES = messageStatusEnum.enumValues;

export const MESSAGE_NOT_FOUND = "That message does not exist in this organization.";

/** `msg_<base36>` -> the bigint key; anything malformed is the same NOT_FOUND as a miss. */
export function parseMessageId(id: string): number {
  const n = decodeId("msg", id);
  if (n === null) throw new AppError("NOT_FOUND", MESSAGE_NOT_FOUND);
  return n;
}

export const messagePublicId = (id: number) => encodeId("msg", id);

/** One row of the message log, with the campaign and sender it names (null when since deleted). */
export type MessageListItem = {
  id: string;
  channel: Message["channel"];
  toAddress: string;
  status: MessageStatus;
  contactId: string | null;
  campaign: { id: string; name: string } | null;
  sender: { id: string; from: string } | null;
  providerMessageId: string | null;
  attempts: number;
  lastError: string | null;
  scheduledFor: Date;
  sentAt: Date | null;
  createdAt: Date;
};

export type MessageRowParts = {
  message: Pick<
    Message,
    "id" | "channel" | "toAddress" | "status" | "contactId" | "campaignId" | "senderId" | "providerMessageId" | "attempts" | "lastError" | "scheduledFor" | "sentAt" | "createdAt"
  >;
  campaignName: string | null;
  sender: Pick<Sender, "channel" | "fromName" | "fromEmail" | "smsSenderId"> | null;
};

export function toMessageListItem({ message: m, campaignName, sender }: MessageRowParts): MessageListItem {
  return {
    id: messagePublicId(m.id),
    channel: m.channel,
    toAddress: m.toAddress,
    status: m.status,
    contactId: m.contactId === null ? null : encodeId("ct", m.contactId),
    // The joins also match the org: a name is shown only for this org's campaign and sender.
    campaign: m.campaignId && campaignName !== null ? { id: m.campaignId, name: campaignName } : null,
    sender: m.senderId && sender ? { id: m.senderId, from: senderFrom(sender) } : null,
    providerMessageId: m.providerMessageId,
    attempts: m.attempts,
    lastError: m.lastError,
    scheduledFor: m.scheduledFor,
    sentAt: m.sentAt,
    createdAt: m.createdAt,
  };
}
