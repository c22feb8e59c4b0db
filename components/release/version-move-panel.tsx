import { MoveReleaseVersionForm } from "@/components/release/version-move-form";
import { InlineMarkdown } from "@/components/ui/inline-markdown";
import type { TVersionMovePreview } from "@/lib/data/releases/move-release-version";

// A server component: the changes are formatted here; only the button ships JavaScript.

function Changes({ title, items }: { title: string; items: { key: string; text: string }[] }) {
  if (items.length === 0) return null;
  return (
    <>
      <h3 className="mt-2 text-xs font-semibold text-slate-700">
        {title} ({items.length})
      </h3>
      <ul className="list-disc pl-5 text-xs text-slate-700">
        {items.slice(0, 8).map((item) => (
          <li key={item.key}>
            <InlineMarkdown source={item.text} />
          </li>
        ))}
        {items.length > 8 ? <li>…and {items.length - 8} more</li> : null}
      </ul>
    </>
  );
}

/** What moving to the template's newest version would do, and (for release managers) the button that does it. */
export function VersionMovePanel({ releaseId, preview, canMove }: { releaseId: string; preview: TVersionMovePreview; canMove: boolean }) {
  const { plan } = preview;
  return (
    <section aria-label="Template version" className="border-t border-slate-200 pt-3 text-sm">
      <h2 className="font-semibold">Version {preview.to.number} of the template</h2>
      <p className="mt-1 text-xs text-slate-600">
        This release uses version {preview.from}. Moving keeps the state, evidence and comments of every item that stays, and voids the sign-offs.
      </p>
      <Changes title="Added" items={plan.added} />
      <Changes title="Removed (with their evidence and comments)" items={plan.removed} />
      <Changes title="Changed" items={plan.changed.map((c) => c.after)} />
      {canMove ? <MoveReleaseVersionForm releaseId={releaseId} versionId={preview.to.id} number={preview.to.number} /> : null}
    </section>
  );
}
