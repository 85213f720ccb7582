// HTML → what a run records: title, normalised visible text (one line per block), and links.
import { createHash } from "node:crypto";
import * as cheerio from "cheerio";
import type { AnyNode, Element, ParentNode, Text } from "domhandler";

// One parse (parse5 through cheerio, so the tree is the one the cheerio selectors used to walk),
// then two plain tree walks instead of selector queries and DOM edits: a crawl spends most of its
// CPU here. The result is the same as removing INVISIBLE, turning <br> into "\n", wrapping each
// BLOCKS element in "\n" and taking the body's text.
const BLOCKS = new Set(
  "address,article,aside,blockquote,dd,div,dl,dt,fieldset,figcaption,figure,footer,form,h1,h2,h3,h4,h5,h6,header,hr,li,main,nav,ol,p,pre,section,table,tbody,thead,tfoot,tr,td,th,ul,option,summary,details".split(
    ",",
  ),
);
const INVISIBLE = new Set(
  "script,style,noscript,template,svg,iframe,object,canvas,head".split(","),
);

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
  const root = cheerio.load(html).root()[0] as unknown as ParentNode;
  const found: Found = { title: null, baseHref: undefined, body: null, anchors: [] };
  scan(root, found);
  const title = found.title ? textOf(found.title).replace(/\s+/g, " ").trim() || null : null;
  const base = (found.baseHref && normaliseUrl(found.baseHref, pageUrl)) || pageUrl;
  const links = new Set<string>();
  for (const el of found.anchors) {
    const rel = (el.attribs.rel ?? "").toLowerCase();
    if (rel.split(/\s+/).includes("nofollow")) continue;
    const url = normaliseUrl(el.attribs.href ?? "", base);
    if (url) links.add(url);
  }
  const parts: string[] = [];
  visibleText(found.body ?? root, parts);
  return { title, text: normaliseText(parts.join("")), links: [...links] };
}

type Found = {
  title: Element | null;
  baseHref: string | undefined;
  body: Element | null;
  anchors: Element[];
};

function isElement(node: AnyNode): node is Element {
  return node.type === "tag" || node.type === "script" || node.type === "style";
}

/** Document order, whole tree (links inside <noscript> or <svg> count, as they did). */
function scan(node: ParentNode, found: Found) {
  for (const child of node.children) {
    if (isElement(child)) {
      const name = child.name;
      if (name === "title") found.title ??= child;
      else if (name === "base") {
        if (found.baseHref === undefined && child.attribs.href !== undefined)
          found.baseHref = child.attribs.href;
      } else if (name === "body") found.body ??= child;
      else if ((name === "a" || name === "area") && child.attribs.href !== undefined)
        found.anchors.push(child);
    }
    if ("children" in child) scan(child as ParentNode, found);
  }
}

/** All text below a node (what cheerio's .text() returns). */
function textOf(node: AnyNode): string {
  if (node.type === "text") return (node as Text).data;
  if (!("children" in node)) return "";
  let out = "";
  for (const child of (node as ParentNode).children) out += textOf(child);
  return out;
}

function visibleText(node: ParentNode, out: string[]) {
  for (const child of node.children) {
    if (child.type === "text") out.push((child as Text).data);
    else if (isElement(child)) {
      if (INVISIBLE.has(child.name)) continue;
      if (child.name === "br") out.push("\n");
      else if (BLOCKS.has(child.name)) {
        out.push("\n");
        visibleText(child, out);
        out.push("\n");
      } else visibleText(child, out);
    } else if ("children" in child) visibleText(child as ParentNode, out);
  }
}
