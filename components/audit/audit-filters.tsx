import type { TAuditFilters } from "@/lib/data/audit/list-audit-events";
import { plainInlineText } from "@/lib/domain/markdown/inline-markdown";
import { NavigationForm } from "@/components/ui/navigation-form";
import { PendingButton } from "@/components/ui/pending-button";

const ACTIONS = ["item.", "evidence.", "comment.", "waiver.", "release.", "template.", "user.", "team.", "auth.", "permission."];
const input = "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm";

/** A plain GET form: filters live in the URL, so a filtered view can be shared and exported. */
const ENTITIES = ["ReleaseItem", "Evidence", "Comment", "Waiver", "SignOff", "Release", "TemplateVersion", "User", "Team", "Permission"];

type TProps = {
  action: string;
  filters: TAuditFilters;
  hidden?: Record<string, string>;
  /** On a release's history: its items, to filter by one. */
  items?: { id: string; text: string }[];
};

export function AuditFilters({ action, filters, hidden = {}, items }: TProps) {
  return (
    <NavigationForm action={action} className="mb-4 flex flex-wrap items-end gap-2" aria-label="Filter events">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <label className="text-xs text-slate-600">
        Person
        <input name="actor" defaultValue={filters.actor ?? ""} placeholder="email" className={`${input} block`} />
      </label>
      <label className="text-xs text-slate-600">
        Kind of change
        <select name="action" defaultValue={filters.action ?? ""} className={`${input} block`}>
          <option value="">Any</option>
          {ACTIONS.map((a) => (
            <option key={a} value={a}>
              {a.replace(".", "")}
            </option>
          ))}
        </select>
      </label>
      {items ? (
        <label className="text-xs text-slate-600">
          Item
          <select name="itemId" defaultValue={filters.itemId ?? ""} className={`${input} block max-w-56`}>
            <option value="">Any item</option>
            {items.map((item) => (
              <option key={item.id} value={item.id}>
                {plainInlineText(item.text)}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <label className="text-xs text-slate-600">
          Entity
          <select name="entityType" defaultValue={filters.entityType ?? ""} className={`${input} block`}>
            <option value="">Any</option>
            {ENTITIES.map((entity) => (
              <option key={entity} value={entity}>
                {entity}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="text-xs text-slate-600">
        Text
        <input name="q" defaultValue={filters.q ?? ""} placeholder="item text, value…" className={`${input} block`} />
      </label>
      <label className="text-xs text-slate-600">
        From
        <input name="from" type="date" defaultValue={filters.from ?? ""} className={`${input} block`} />
      </label>
      <label className="text-xs text-slate-600">
        To
        <input name="to" type="date" defaultValue={filters.to ?? ""} className={`${input} block`} />
      </label>
      <PendingButton pendingText="Filtering…" className="rounded-md bg-slate-800 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60">
        Filter
      </PendingButton>
    </NavigationForm>
  );
}
