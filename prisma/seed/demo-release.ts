import type { TActor } from "@/lib/auth/permissions";
import type { TDb } from "@/lib/db";
import { addComment } from "@/lib/data/releases/add-comment";
import { addEvidence } from "@/lib/data/releases/add-evidence";
import { addReleaseItem } from "@/lib/data/releases/add-release-item";
import { createRelease } from "@/lib/data/releases/create-release";
import { grantWaiver } from "@/lib/data/releases/grant-waiver";
import { cancelRelease, shipRelease } from "@/lib/data/releases/release-lifecycle";
import { revokeWaiver } from "@/lib/data/releases/revoke-waiver";
import { updateItemDetails } from "@/lib/data/releases/update-item-details";
import { updateItemStatus } from "@/lib/data/releases/update-item-status";
import { requestSignOff } from "@/lib/data/sign-offs/request-sign-off";
import { signOffRelease } from "@/lib/data/sign-offs/sign-off-release";
import type { TItemStatus } from "@/lib/domain/checklist/types";
import type { TMovedClock } from "@/prisma/seed/moved-clock";

const DAY = 86_400_000;

// Through the data layer, as people would: every change audited the ordinary way, so
// history, replay and the charts need no special case for demo data.
export function must<T>(result: { ok: true; data: T } | { ok: false; error: string }, what: string): T {
  if (!result.ok) throw new Error(`demo ${what}: ${result.error}`);
  return result.data;
}

/** A date `days` from when the story began, as the forms take it ("2026-11-27"). */
export function dateFromStart(clock: TMovedClock, days: number): string {
  return new Date(clock.realStart.getTime() + days * DAY).toISOString().slice(0, 10);
}

type TReleaseSpec = { name: string; service: string; version: string; environment: string; targetInDays: number };

/** One demo release and the things people do to it, each at the time the clock says. */
export class DemoRelease {
  private constructor(
    private readonly db: TDb,
    private readonly clock: TMovedClock,
    readonly id: string,
    private readonly service: string,
  ) {}

  static async create(db: TDb, clock: TMovedClock, actor: TActor, templateVersionId: string, spec: TReleaseSpec): Promise<DemoRelease> {
    const { targetInDays, ...fields } = spec;
    const { releaseId } = must(await createRelease(actor, { templateVersionId, ...fields, targetDate: dateFromStart(clock, targetInDays) }, db), `release ${spec.name}`);
    return new DemoRelease(db, clock, releaseId, spec.service);
  }

  async item(text: string) {
    const item = await this.db.releaseItem.findFirst({ where: { releaseId: this.id, text } });
    if (!item) throw new Error(`demo: no item “${text}” in ${this.service}`);
    return item;
  }

  async status(actor: TActor, text: string, status: TItemStatus, naReason?: string): Promise<void> {
    const item = await this.item(text);
    must(await updateItemStatus(actor, { itemId: item.id, expectedVersion: item.version, status, naReason }, this.db), `status of “${text}”`);
  }

  async owner(actor: TActor, text: string, owner: string, dueInDays?: number): Promise<void> {
    const item = await this.item(text);
    const dueDate = dueInDays === undefined ? "" : dateFromStart(this.clock, dueInDays);
    must(await updateItemDetails(actor, { itemId: item.id, expectedVersion: item.version, owner, dueDate }, this.db), `owner of “${text}”`);
  }

  async link(actor: TActor, text: string, url: string, note?: string): Promise<void> {
    const { id } = await this.item(text);
    must(await addEvidence(actor, { kind: "LINK", itemId: id, url, note }, this.db), `evidence for “${text}”`);
  }

  async comment(actor: TActor, text: string, body: string): Promise<void> {
    const { id } = await this.item(text);
    must(await addComment(actor, { itemId: id, body }, this.db), `comment on “${text}”`);
  }

  async waive(actor: TActor, text: string, waiver: { reason: string; compensatingControl: string; expiresInDays: number }): Promise<string> {
    const item = await this.item(text);
    const { reason, compensatingControl, expiresInDays } = waiver;
    const granted = must(
      await grantWaiver(actor, { itemId: item.id, expectedVersion: item.version, reason, compensatingControl, expiresOn: dateFromStart(this.clock, expiresInDays) }, this.db),
      `waiver of “${text}”`,
    );
    return granted.waiverId;
  }

  async revoke(actor: TActor, text: string, waiverId: string, reason: string): Promise<void> {
    const item = await this.item(text);
    must(await revokeWaiver(actor, { itemId: item.id, waiverId, expectedVersion: item.version, reason }, this.db), `revoking the waiver of “${text}”`);
  }

  async addItem(actor: TActor, besideText: string, text: string): Promise<void> {
    const { sectionId } = await this.item(besideText);
    must(await addReleaseItem(actor, { releaseId: this.id, sectionId, text }, this.db), `release-only item “${text}”`);
  }

  async signOff(actor: TActor, decision: "GO" | "NO_GO", comment: string): Promise<void> {
    must(await signOffRelease(actor, { releaseId: this.id, decision, comment }, this.db), "sign-off");
  }

  async requestSignOff(actor: TActor): Promise<void> {
    must(await requestSignOff(actor, { releaseId: this.id }, this.db), "sign-off request");
  }

  async ship(actor: TActor): Promise<void> {
    must(await shipRelease(actor, { releaseId: this.id }, this.db), "ship");
  }

  async cancel(actor: TActor, reason: string): Promise<void> {
    must(await cancelRelease(actor, { releaseId: this.id, reason }, this.db), "cancel");
  }

  /**
   * People tick the blocking items still open (all but `except`; the first `share` of them),
   * spread over working hours from `fromDay` to `toDay`, taking turns: the steps to run with
   * `runInOrder`, so two releases worked on at once interleave as they would.
   */
  async planWork(actors: TActor[], { fromDay, toDay, except = [], share = 1 }: { fromDay: number; toDay: number; except?: string[]; share?: number }): Promise<TStep[]> {
    const open = await this.db.releaseItem.findMany({
      where: { releaseId: this.id, severity: "BLOCKING", status: { in: ["OPEN", "IN_PROGRESS"] }, text: { notIn: except } },
      orderBy: { position: "asc" },
      select: { text: true, key: true, evidenceRequired: true },
    });
    const todo = open.slice(0, Math.round(open.length * share));
    const span = toDay - fromDay;
    // Earlier items go faster than later ones: a burndown that flattens as the hard ones remain.
    const minutes = todo
      .map((_, index) => {
        const progress = todo.length === 1 ? 1 : index / (todo.length - 1);
        return (fromDay + Math.floor(span * Math.pow(progress, 1.4))) * 24 * 60 + 9 * 60 + 30 + ((index * 97) % (8 * 60));
      })
      .sort((a, b) => a - b);
    return todo.map(({ text, key, evidenceRequired }, index) => ({
      minutes: minutes[index]!,
      run: async () => {
        const actor = actors[index % actors.length]!;
        // Where the template asks for evidence, it comes with the tick.
        if (evidenceRequired) await this.link(actor, text, `https://evidence.example.com/${this.service}/${key}`);
        await this.status(actor, text, "DONE");
      },
    }));
  }

  /** `planWork`, run now. */
  async workThrough(actors: TActor[], options: Parameters<DemoRelease["planWork"]>[1]): Promise<void> {
    await runInOrder(this.clock, await this.planWork(actors, options));
  }
}

/** A step of the story at a time, in minutes from the story's start day (negative: before). */
export type TStep = { minutes: number; run: () => Promise<void> };

/** Runs steps in time order, the clock moved to each (never back: a past time runs now). */
export async function runInOrder(clock: TMovedClock, steps: TStep[]): Promise<void> {
  for (const step of [...steps].sort((a, b) => a.minutes - b.minutes)) {
    const day = Math.floor(step.minutes / (24 * 60));
    const minutes = step.minutes - day * 24 * 60;
    clock.dayOrLater(day, `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`);
    await step.run();
  }
}
