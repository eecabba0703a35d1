// Types for herald-client.js (hand-written; the API's shapes are in Herald's OpenAPI document, docs/api/openapi.json).

export type Priority = "low" | "normal" | "high" | "critical";
export type Channel = "in_app" | "email" | "push" | "sms" | "webhook";

export interface Notification {
  id: string;
  /** Place in the user's inbox; grows with every arrival or move to the top. */
  seq: number;
  type: string;
  category: string;
  priority: Priority;
  /** Plain text in the user's locale; never markup. */
  title: string;
  body: string;
  /** Where the notification leads in the product, when its type has a link. */
  link?: string;
  data: Record<string, unknown>;
  actors: Array<Record<string, unknown>>;
  actorCount: number;
  /** More than 1 for an aggregate ("Ana, Ben and 3 others liked your post"). */
  eventCount: number;
  read: boolean;
  seen: boolean;
  createdAt: string;
  updatedAt: string;
  seenAt: string | null;
  readAt: string | null;
  archivedAt: string | null;
  snoozedUntil: string | null;
}

export interface InboxPage {
  items: Notification[];
  /** Opaque; null on the last page. */
  nextCursor: string | null;
}

export interface ListOptions {
  limit?: number;
  cursor?: string;
  unread?: boolean;
  read?: boolean;
  seen?: boolean;
  archived?: boolean;
  snoozed?: boolean;
  category?: string;
  type?: string;
}

export interface Counts {
  unread: number;
  unseen: number;
  categories: Record<string, { unread: number; unseen: number }>;
}

export interface QuietHours {
  days: Array<"mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun">;
  /** HH:mm in the user's time zone. */
  start: string;
  end: string;
}

export interface Preferences {
  muted: boolean;
  channels: Partial<Record<Channel, boolean>>;
  categories: Record<string, Partial<Record<Channel, boolean>>>;
  quietHours: QuietHours | null;
  digest: Partial<Record<Exclude<Channel, "in_app">, { cadence: "off" | "hourly" | "daily"; at?: string | null }>>;
}

/** A JSON Merge Patch of Preferences: only what changes; null resets a field to the catalog's default. */
export type PreferencesPatch = { [K in keyof Preferences]?: unknown };

export interface Contacts {
  email: string | null;
  phone: string | null;
  source: "none" | "token" | "user" | "admin";
}

export interface Delivery {
  id: string;
  channel: Exclude<Channel, "in_app">;
  status: "held" | "digest" | "queued" | "sending" | "sent" | "delivered" | "failed" | "dead" | "skipped";
  reason: string | null;
  attempts: number;
  attemptLog: Array<{ at: string; outcome: string; statusCode?: number | null; answer?: string | null }>;
  dueAt?: string | null;
}

/** An Error from a refused request: the problem's detail as message, its status and the fields it points at. */
export interface HeraldError extends Error {
  status: number;
  errors: Array<{ pointer?: string; parameter?: string; detail: string }>;
}

export interface HeraldClientOptions {
  /** Herald's address ("https://notify.example.com"); empty for the page's own origin. */
  baseUrl?: string;
  /** The user's access token (called before every request and socket ticket). */
  getToken: () => string | Promise<string>;
  minDelayMs?: number;
  maxDelayMs?: number;
}

export interface HeraldClientEventMap {
  created: CustomEvent<{ notification: Notification; seq: number; silent: boolean }>;
  updated: CustomEvent<{ notification: Notification; seq: number }>;
  deleted: CustomEvent<{ id: string; seq: number }>;
  unread: CustomEvent<{ count: number }>;
  preferences: CustomEvent<{ preferences: Preferences }>;
  gap: CustomEvent<{ latestSeq: number }>;
  status: CustomEvent<{ state: "connecting" | "live" | "offline" }>;
}

export class HeraldClient extends EventTarget {
  constructor(options: HeraldClientOptions);
  addEventListener<K extends keyof HeraldClientEventMap>(
    type: K,
    listener: (event: HeraldClientEventMap[K]) => void,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof HeraldClientEventMap>(
    type: K,
    listener: (event: HeraldClientEventMap[K]) => void,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions): void;

  request<T = unknown>(method: string, path: string, body?: unknown, contentType?: string): Promise<T>;
  list(options?: ListOptions): Promise<InboxPage>;
  unreadCount(): Promise<number>;
  counts(): Promise<Counts>;
  markRead(id: string): Promise<void>;
  markAllRead(): Promise<void>;
  markAllSeen(): Promise<void>;
  change(id: string, action: "read" | "unread" | "seen" | "archive" | "unarchive" | "unsnooze"): Promise<Notification>;
  snooze(id: string, until: Date): Promise<Notification>;
  remove(id: string): Promise<void>;
  preferences(): Promise<Preferences>;
  patchPreferences(patch: PreferencesPatch): Promise<Preferences>;
  contacts(): Promise<Contacts>;
  setContacts(contacts: { email?: string | null; phone?: string | null }): Promise<Contacts>;
  deliveries(id: string): Promise<Delivery[]>;
  pushSupported(): boolean;
  pushPublicKey(): Promise<string>;
  pushSubscription(): Promise<PushSubscription | null>;
  pushSubscriptions(): Promise<Array<{ id: string; endpoint: string; createdAt: string }>>;
  enablePush(): Promise<PushSubscriptionJSON>;
  disablePush(): Promise<boolean>;
  /** Loads the first page (answered), then goes live from the newest seq in it. */
  start(): Promise<InboxPage>;
  stop(): void;
  isLive(): boolean;
}

export function reconnectDelay(options: {
  attempt: number;
  minDelayMs: number;
  maxDelayMs: number;
  hintMs?: number;
  random?: () => number;
}): number;
