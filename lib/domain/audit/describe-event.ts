// An audit event in words, for people reading history.
type TJson = Record<string, unknown> | null;
export type TDescribable = { action: string; entityType: string; entityId: string; before: TJson; after: TJson; itemText?: string | null };

const str = (value: unknown) => (value === null || value === undefined || value === "" ? "—" : String(value));
const status = (value: unknown) => str(value).toLowerCase().replaceAll("_", " ");

export function describeEvent({ action, entityId, before, after, itemText }: TDescribable): string {
  const item = itemText ? `“${itemText}”` : "an item";
  switch (action) {
    case "item.status.update":
      return `set ${item} from ${status(before?.status)} to ${status(after?.status)}${after?.naReason ? ` (not applicable: ${str(after.naReason)})` : ""}`;
    case "item.details.update":
      return `changed owner/due date of ${item}: owner ${str(before?.owner)} → ${str(after?.owner)}, due ${str(before?.dueDate).slice(0, 10)} → ${str(after?.dueDate).slice(0, 10)}`;
    case "evidence.add":
      return `added evidence to ${item}: ${str(after?.url ?? after?.note)}`;
    case "comment.add":
      return `commented on ${item}: “${str(after?.body)}”`;
    case "waiver.grant":
      return `waived ${item} until ${str(after?.expiresAt).slice(0, 10)}: ${str(after?.reason)} (compensating control: ${str(after?.compensatingControl)})`;
    case "release.sign-off":
      return `signed off ${str(after?.decision) === "GO" ? "GO" : "NO-GO"} with the verdict ${status(after?.verdict)}${after?.comment ? `: “${str(after.comment)}”` : ""}`;
    case "release.create":
      return `created the release ${str(after?.name)} (${str(after?.items)} items)`;
    case "template.import":
      return `imported the template “${str(after?.title)}” (${str(after?.items)} items)`;
    case "template.version.publish":
      return `published version ${str(after?.number)} of “${str(after?.title)}”`;
    case "user.create":
      return `created the user ${str(after?.email)} as ${status(after?.role)}`;
    case "user.role.update":
      return `changed the role of ${str(after?.email ?? entityId)} from ${status(before?.role)} to ${status(after?.role)}`;
    case "user.disable":
      return `disabled ${str(after?.email)}`;
    case "user.enable":
      return `enabled ${str(after?.email)}`;
    case "auth.sign-in":
      return "signed in";
    case "auth.sign-out":
      return "signed out";
    case "permission.denied":
      return `was refused: ${entityId}`;
    default:
      return `${action} on ${entityId}`;
  }
}
