// Pure: used by proxy.ts before the launch page renders, and by the tests. A card's launch link
// works once; only a browser opening the page may use it up. A HEAD, a prefetch or prerender, a
// ranged fetch and a link unfurler (chat apps, mail scanners) get an empty answer and leave the
// launch as it was.

/** The page that spends a launch (app/ehr-launch/page.tsx). */
export const LAUNCH_PATH = "/ehr-launch";

// The link previewers of chat and mail apps, by the product token their User-Agent carries.
const UNFURLERS =
  /Slackbot-LinkExpanding|Slack-ImgProxy|Twitterbot|facebookexternalhit|LinkedInBot|Discordbot|TelegramBot|WhatsApp\/|SkypeUriPreview|Microsoft Office Existence Discovery|Googlebot|bingbot|BingPreview|Applebot|redditbot|Embedly|Iframely|Mattermost-Bot/i;

/** Why this request to the launch page must not spend the launch, or null when it may. */
export function launchPreviewReason(method: string, headers: Headers): string | null {
  if (method.toUpperCase() === "HEAD") return "a HEAD request";
  if (method.toUpperCase() !== "GET") return null;
  const purpose = `${headers.get("sec-purpose") ?? ""} ${headers.get("purpose") ?? ""} ${headers.get("x-purpose") ?? ""} ${headers.get("x-moz") ?? ""}`;
  if (/prefetch|prerender|preview/i.test(purpose)) return "a prefetch";
  if (headers.has("next-router-prefetch")) return "a prefetch";
  if (headers.has("range")) return "a ranged fetch";
  if (UNFURLERS.test(headers.get("user-agent") ?? "")) return "a link preview";
  return null;
}
