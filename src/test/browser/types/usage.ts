// What an application written in TypeScript does with herald-notify, checked against the package's declarations
// (ClientPackageIT runs tsc on it): a wrong name or type here fails the build.
import { HeraldClient, type Notification, type Preferences } from "../../../../clients/js/herald-client.js";
import { configure, LANGUAGES } from "../../../../clients/js/herald-elements.js";

const client: HeraldClient = configure({ baseUrl: "https://notify.example.com", getToken: async () => "token" });
client.addEventListener("created", (event) => {
  const n: Notification = event.detail.notification;
  const silent: boolean = event.detail.silent;
  console.log(n.title, n.eventCount, silent);
});
client.addEventListener("unread", (event) => console.log(event.detail.count.toFixed(0)));

async function tour(): Promise<void> {
  const page = await client.list({ limit: 10, unread: true, category: "social" });
  const next: string | null = page.nextCursor;
  await client.markRead(page.items[0].id);
  await client.snooze(page.items[0].id, new Date(Date.now() + 3_600_000));
  const preferences: Preferences = await client.patchPreferences({ muted: true });
  console.log(next, preferences.quietHours?.start, LANGUAGES.includes("de"));
}

const bell = document.createElement("herald-bell");
bell.client = new HeraldClient({ getToken: () => "token" });
document.querySelector("herald-inbox")?.setAttribute("filter", "unread");
document.addEventListener("herald-open", (event) => console.log(event.detail.notification.data));
void tour();
