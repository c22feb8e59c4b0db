"use client";

import { createContext, useContext, useEffect, useState, useSyncExternalStore } from "react";
import type { TActionResult } from "@/lib/actions/action-result";
import type { TReleaseChange } from "@/lib/actions/releases/release-change";
import type { TReleaseLive } from "@/lib/data/releases/get-release-live";
import type { TLiveItem } from "@/lib/data/releases/live-item";

/**
 * The release page's one source of truth on the client: each item's state and version, and
 * the release's verdict, status and sign-offs. Every control, form, counter, the banner, the
 * header and the sign-off card read it; every action's answer is merged into it; a server
 * render (after revalidation) is merged too. Newer always wins: items by version, the
 * release by the sequence number of its newest audit event.
 */
export class ReleaseStore {
  private items = new Map<string, TLiveItem>();
  private live: TReleaseLive;
  private messages = new Map<string, string>();
  private listeners = new Set<() => void>();
  private queues = new Map<string, Promise<unknown>>();
  private unsatisfied: { verdict: TReleaseLive["verdict"]; keys: Set<string> } | null = null;

  constructor(live: TReleaseLive) {
    this.live = live;
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private notify() {
    for (const listener of this.listeners) listener();
  }

  item(id: string): TLiveItem | undefined {
    return this.items.get(id);
  }

  release(): TReleaseLive {
    return this.live;
  }

  message(id: string): string | null {
    return this.messages.get(id) ?? null;
  }

  /** Keys of the blocking items the verdict says are not satisfied (its reasons). */
  unsatisfiedKeys(): Set<string> {
    if (this.unsatisfied?.verdict !== this.live.verdict) {
      this.unsatisfied = { verdict: this.live.verdict, keys: new Set(this.live.verdict.reasons.flatMap((r) => (r.itemKey ? [r.itemKey] : []))) };
    }
    return this.unsatisfied.keys;
  }

  /** Takes an item's state if it is newer than the one held; returns whether anything visible changed. */
  private mergeItem(item: TLiveItem, { force = false } = {}): boolean {
    const held = this.items.get(item.id);
    if (!held) {
      this.items.set(item.id, item);
      return false; // first sight: readers already showed these props
    }
    if (!force && item.version < held.version) return false;
    if (held.version === item.version && held.status === item.status && held.owner === item.owner && held.dueDate === item.dueDate && held.naReason === item.naReason) return false;
    this.items.set(item.id, item);
    return true;
  }

  private mergeLive(live: TReleaseLive): boolean {
    if (BigInt(live.seq) < BigInt(this.live.seq)) return false;
    this.live = live;
    return true;
  }

  /** A server render's state of one item (its props). */
  seedItem(item: TLiveItem) {
    if (this.mergeItem(item)) this.notify();
  }

  /** A server render's state of the release. */
  seedRelease(live: TReleaseLive) {
    if (this.mergeLive(live)) this.notify();
  }

  /** An action's answer: the saved item and the release now; on a conflict, the item as it is now. */
  apply(result: TActionResult<TReleaseChange | unknown>) {
    let changed = false;
    if (result.ok) {
      const change = result.data as Partial<TReleaseChange> | null;
      if (change?.item) changed = this.mergeItem(change.item) || changed;
      if (change?.live) changed = this.mergeLive(change.live) || changed;
    } else if (result.current) {
      changed = this.mergeItem(result.current, { force: true });
    }
    if (changed) this.notify();
  }

  setMessage(id: string, message: string | null) {
    if (this.message(id) === message) return;
    if (message) this.messages.set(id, message);
    else this.messages.delete(id);
    this.notify();
  }

  /**
   * Runs one write to an item after the ones already under way, with the version the store
   * holds when it starts: a person's own successive edits never conflict with each other.
   */
  enqueue<T>(itemId: string, write: (version: number) => Promise<T>): Promise<T> {
    const before = this.queues.get(itemId) ?? Promise.resolve();
    const next = before.catch(() => undefined).then(() => write(this.items.get(itemId)?.version ?? 0));
    this.queues.set(itemId, next);
    return next;
  }
}

const StoreContext = createContext<ReleaseStore | null>(null);

export function ReleaseStoreProvider({ live, children }: { live: TReleaseLive; children: React.ReactNode }) {
  const [store] = useState(() => new ReleaseStore(live));
  useEffect(() => store.seedRelease(live), [store, live]);
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

export function useReleaseStore(): ReleaseStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error("useReleaseStore outside ReleaseStoreProvider");
  return store;
}

/** An item's live state; `seed` is what the server rendered (merged when it is newer). */
export function useLiveItem(seed: TLiveItem): TLiveItem {
  const store = useReleaseStore();
  useEffect(() => store.seedItem(seed), [store, seed]);
  return useSyncExternalStore(
    store.subscribe,
    () => store.item(seed.id) ?? seed,
    () => seed,
  );
}

export function useReleaseLive(): TReleaseLive {
  const store = useReleaseStore();
  return useSyncExternalStore(store.subscribe, () => store.release(), () => store.release());
}

export function useItemMessage(id: string): string | null {
  const store = useReleaseStore();
  return useSyncExternalStore(store.subscribe, () => store.message(id), () => null);
}

export function useUnsatisfiedKeys(): Set<string> {
  const store = useReleaseStore();
  return useSyncExternalStore(store.subscribe, () => store.unsatisfiedKeys(), () => store.unsatisfiedKeys());
}
