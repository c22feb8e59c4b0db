import { parseAuditPayload } from "@/lib/domain/audit/audit-events";

// An audit event in words, for people reading history. Payloads are read with the schemas
// their writers use (audit-events.ts).
type TJson = Record<string, unknown> | null;
export type TDescribable = { action: string; entityType: string; entityId: string; before: TJson; after: TJson; itemText?: string | null };

const str = (value: unknown) => (value === null || value === undefined || value === "" ? "—" : String(value));
const status = (value: unknown) => str(value).toLowerCase().replaceAll("_", " ");
const day = (value: string | null | undefined) => str(value).slice(0, 10);
const minute = (value: string | null | undefined) => (value ? `${value.slice(0, 10)} ${value.slice(11, 16)} UTC` : "an earlier minute");

export function describeEvent({ action, entityType, entityId, before, after, itemText }: TDescribable): string {
  const item = itemText ? `“${itemText}”` : "an item";
  const payload = parseAuditPayload(action, before, after);
  switch (payload?.action) {
    case "item.status.update":
      return `set ${item} from ${status(payload.before?.status)} to ${status(payload.after.status)}${payload.after.naReason ? ` (not applicable: ${payload.after.naReason})` : ""}`;
    case "item.details.update":
      return `changed owner/due date of ${item}: owner ${str(payload.before?.owner)} → ${str(payload.after.owner)}, due ${day(payload.before?.dueDate)} → ${day(payload.after.dueDate)}`;
    case "evidence.add":
      return `added evidence to ${item}: ${str(payload.after.url ?? payload.after.note)}${payload.after.expiresAt ? ` (expires ${day(payload.after.expiresAt)})` : ""}`;
    case "comment.add":
      return `commented on ${item}: “${payload.after.body}”`;
    case "waiver.grant":
      return `waived ${item} until ${day(payload.after.expiresAt)}: ${payload.after.reason} (compensating control: ${payload.after.compensatingControl})`;
    case "waiver.revoke":
      return `revoked the waiver on ${item}${payload.before && payload.before.status !== payload.after.status ? `, now ${status(payload.after.status)}` : ""}: ${payload.after.reason}`;
    case "release.sign-off":
      return `signed off ${payload.after.decision === "GO" ? "GO" : "NO-GO"} as ${payload.after.capacity} with the verdict ${status(payload.after.verdict)}${payload.after.comment ? `: “${payload.after.comment}”` : ""}`;
    case "release.sign-off.request":
      return `asked for sign-off from ${payload.after.seats.map((s) => s.name).join(", ") || "every seat"}`;
    case "release.seat.add":
      return `added the sign-off seat “${payload.after.seat.name}” to this release only (${payload.after.seat.required} signature${payload.after.seat.required === 1 ? "" : "s"})`;
    case "item.add":
      return `added ${item} to this release only`;
    case "release.template.move": {
      const { number, added, removed, changed } = payload.after;
      return `moved the release to version ${number} of its template (${added.length} added, ${removed.length} removed, ${changed.length} changed)`;
    }
    case "release.ship":
      return "marked the release shipped: its checklist is frozen";
    case "release.cancel":
      return `cancelled the release: ${payload.after.reason}`;
    case "release.reopen":
      return `reopened the ${status(payload.before?.status)} release: ${payload.after.reason}`;
    case "release.create":
      return `created the release ${payload.after.name} (${payload.after.items} items)`;
    case "template.import":
      return `imported the template “${payload.after.title}” (${payload.after.items} items)`;
    case "template.version.publish": {
      const draft = payload.after.fromDraft;
      const changes = draft ? ` from the editor (${draft.added} added, ${draft.removed} removed, ${draft.changed} changed)` : "";
      return `published version ${payload.after.number} of “${payload.after.title}”${changes}`;
    }
    case "token.create":
      return `created the API token ${payload.after.name} (${payload.after.prefix}) as ${status(payload.after.role)}${payload.after.expiresAt ? `, expiring ${day(payload.after.expiresAt)}` : ""}`;
    case "token.revoke":
      return `revoked the API token ${str(payload.before?.name)} (${str(payload.before?.prefix)})`;
    case "webhook.create":
      return `registered the webhook ${payload.after.url} for ${payload.after.events.join(", ")}`;
    case "webhook.delete":
      return `removed the webhook ${str(payload.before?.url)}`;
    case "webhook.redeliver":
      return `asked for ${payload.after.event} to be delivered again (it was ${payload.after.previousStatus})`;
    case "template.draft.create":
      return payload.after.baseVersion === null
        ? `started a new template draft “${payload.after.title || "Untitled"}”`
        : `started editing “${payload.after.title}” from version ${payload.after.baseVersion}`;
    case "template.draft.save":
      return `${payload.after.overwrote ? "overwrote another admin’s changes to" : "saved"} the draft “${payload.after.title || "Untitled"}” (${payload.after.items} items)`;
    case "template.draft.discard":
      return `discarded the draft “${payload.before?.title || "Untitled"}”`;
    case "user.create":
      return `created the user ${payload.after.email} as ${status(payload.after.role)}`;
    case "user.role.update":
      return `changed the role of ${str(payload.after.email ?? entityId)} from ${status(payload.before?.role)} to ${status(payload.after.role)}`;
    case "user.disable":
      return `disabled ${payload.after.email}`;
    case "user.enable":
      return `enabled ${payload.after.email}`;
    case "team.create":
      return `created the team ${payload.after.name}`;
    case "team.rename":
      return `renamed the team ${str(payload.before?.name)} to ${payload.after.name}`;
    case "team.delete": {
      const { name, members } = payload.after;
      return `deleted the team ${name}${members.length > 0 ? ` (members: ${members.join(", ")})` : ""}`;
    }
    case "team.member.add":
      return `added ${payload.after.email} to the team ${payload.after.team}`;
    case "team.member.remove":
      return `removed ${payload.after.email} from the team ${payload.after.team}`;
    case "auth.sign-in":
      return "signed in";
    case "auth.sign-out":
      return "signed out";
    case "permission.denied": {
      // Events from before refusals named their target carry the permission as the entity.
      if (!payload.after) return `was refused: ${entityId}`;
      const target = entityType === "ReleaseItem" ? (itemText ? ` on ${item}` : ` on item ${entityId}`) : entityType === "Permission" ? "" : ` on ${entityType.toLowerCase()} ${entityId}`;
      const { permission, suppressedBefore, suppressedSince } = payload.after;
      const suppressed = suppressedBefore
        ? ` (and ${suppressedBefore} more refusal${suppressedBefore === 1 ? "" : "s"} of ${permission} in the minute from ${minute(suppressedSince)}, counted but not recorded one by one)`
        : "";
      return `was refused: ${permission}${target}${suppressed}`;
    }
    default:
      return `${action} on ${entityId}`;
  }
}
