// HTML → what a run records: title, normalised visible text (one line per block), and links.
import { createHash } from "node:crypto";
import * as cheerio from "cheerio";

const BLOCKS =
  "address,article,aside,blockquote,dd,div,dl,dt,fieldset,figcaption,figure,footer,form,h1,h2,h3,h4,h5,h6,header,hr,li,main,nav,ol,p,pre,section,table,tbody,thead,tfoot,tr,td,th,ul,option,summary,details";
const INVISIBLE = "script,style,noscript,template,svg,iframe,object,canvas,head";

/** Collapses whitespace inside lines and drops empty lines. */
export function normaliseText(text: string): string {
  return text
    .split("\n")
    .map((line) => line.replace(/\s+/g, " ").trim())
    .filter(Boolean)
    .join("\n");
}

export function hashText(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** Absolute http(s) URL without fragment and default port; null for anything else. */
export function normaliseUrl(href: string, base: string | URL): string | null {
  let url: URL;
  try {
    url = new URL(href.trim(), base);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  url.hash = "";
  if (!url.search) url.search = "";
  url.username = "";
  url.password = "";
  return url.toString();
}

export type ExtractedPage = { title: string | null; text: string; links: string[] };

export function isHtml(contentType: string | null): boolean {
  return /\b(text\/html|application\/xhtml\+xml)\b/i.test(contentType ?? "");
}

export function extractPage(html: string, pageUrl: string): ExtractedPage {
  const $ = cheerio.load(html);
  const title = $("title").first().text().replace(/\s+/g, " ").trim() || null;
  const baseHref = $("base[href]").attr("href");
  const base = (baseHref && normaliseUrl(baseHref, pageUrl)) || pageUrl;
  const links = new Set<string>();
  $("a[href], area[href]").each((_, el) => {
    const rel = ($(el).attr("rel") ?? "").toLowerCase();
    if (rel.split(/\s+/).includes("nofollow")) return;
    const url = normaliseUrl($(el).attr("href") ?? "", base);
    if (url) links.add(url);
  });
  $(INVISIBLE).remove();
  $("br").replaceWith("\n");
  $(BLOCKS).each((_, el) => {
    $(el).prepend("\n").append("\n");
  });
  const text = $("body").length ? $("body").text() : $.root().text();
  return { title, text: normaliseText(text), links: [...links] };
}
