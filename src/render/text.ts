import { escapeConsole } from "./escape.js";
import { isWebUrl, type Reply } from "./reply.js";

/** Renders a Reply as plain text for the console: no markup; terminal sequences, controls and bidi controls removed. */
export function renderText(reply: Reply): string {
  const out: string[] = [];
  const clean = escapeConsole;
  if (reply.title) {
    const title = `${reply.tone === "error" ? "! " : ""}${clean(reply.title)}`;
    out.push(title, "=".repeat(Math.min(title.length, 72)));
    if (isWebUrl(reply.url)) out.push(clean(reply.url));
  }
  if (reply.intro) out.push(clean(reply.intro));
  for (const section of reply.sections) {
    out.push("");
    if (section.heading) out.push(`${clean(section.heading)}:`);
    section.items.forEach((item, i) => {
      const text = clean(item);
      out.push(
        section.style === "bullets"
          ? `  - ${text}`
          : section.style === "numbered"
            ? `  ${i + 1}. ${text}`
            : text,
      );
    });
    const links = (section.links ?? []).filter(isWebUrl).map(clean);
    if (links.length) out.push(`${section.style === "bullets" ? "  - " : ""}Sources: ${links.join(" ")}`);
  }
  if (reply.footer) out.push("", `(${clean(reply.footer)})`);
  return `${out.join("\n").trim()}\n`;
}
