import type { Plan } from "./plans";

const n = (v: number) => v.toLocaleString("en-US");

/** What stops working on `target` for an org using this much: shown before a downgrade. */
export function downgradeWarnings(current: Plan, target: Plan, usage: { seats: number; contacts: number }): string[] {
  const out: string[] = [];
  if (usage.seats > target.seats) {
    out.push(`${target.name} has ${target.seats} seats and you have ${usage.seats} people (members and pending invitations): no one new can join until you are under the limit.`);
  }
  if (usage.contacts > target.contacts) {
    out.push(`${target.name} holds ${n(target.contacts)} contacts and you have ${n(usage.contacts)} contacts: imports and new contacts are refused until you are under the limit.`);
  }
  if (target.monthlyCredits !== null && current.monthlyCredits === null) {
    out.push(`${target.name} sends on ${n(target.monthlyCredits)} credits a month, one per message, with no pay-as-you-go: sending stops when they run out.`);
  }
  if (target.includedSms < current.includedSms && target.includedSms === 0) out.push(`${target.name} includes no SMS.`);
  if (target.senders < current.senders) out.push(`${target.name} allows ${target.senders} sender${target.senders === 1 ? "" : "s"} (you may use up to ${current.senders} now).`);
  return out;
}
