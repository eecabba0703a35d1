// Types for herald-elements.js: the drop-in elements <herald-bell>, <herald-inbox> and <herald-preferences>.
import { HeraldClient, HeraldClientOptions, Notification } from "./herald-client.js";

export { HeraldClient };
export * from "./herald-client.js";

/** The languages the elements' labels come in. */
export const LANGUAGES: string[];

/** Creates (or takes) the client every element on the page uses unless given its own; answers it. */
export function configure(options: HeraldClientOptions | HeraldClient): HeraldClient;

declare class HeraldElement extends HTMLElement {
  /** The element's own client; unset, the page's (configure()). */
  client: HeraldClient | null;
}

/** Badge with the unread count; opens the feed in a popover (attribute deliveries: show each notification's channels). */
export class HeraldBell extends HeraldElement {}

/** The feed (attributes: filter = all | unread | archived | snoozed, category, page-size, deliveries, lang). */
export class HeraldInbox extends HeraldElement {}

/** Categories x channels, mute, quiet hours and the email digest. */
export class HeraldPreferences extends HeraldElement {}

export interface HeraldOpenEvent extends CustomEvent<{ notification: Notification }> {}
export interface HeraldErrorEvent extends CustomEvent<{ error: Error }> {}

declare global {
  interface HTMLElementTagNameMap {
    "herald-bell": HeraldBell;
    "herald-inbox": HeraldInbox;
    "herald-preferences": HeraldPreferences;
  }
  // bubbling and composed: heard on the element, its ancestors and the document
  interface HTMLElementEventMap {
    "herald-open": HeraldOpenEvent;
    "herald-error": HeraldErrorEvent;
  }
  interface DocumentEventMap {
    "herald-open": HeraldOpenEvent;
    "herald-error": HeraldErrorEvent;
  }
}
