// extractPage walks parse5's tree by hand for speed; these tests hold it to what the original
// cheerio selector-and-DOM-edit version returned, on awkward HTML and on random tag soup.
import * as cheerio from "cheerio";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { extractPage, normaliseText, normaliseUrl } from "@/lib/crawl/extract";

const BLOCKS =
  "address,article,aside,blockquote,dd,div,dl,dt,fieldset,figcaption,figure,footer,form,h1,h2,h3,h4,h5,h6,header,hr,li,main,nav,ol,p,pre,section,table,tbody,thead,tfoot,tr,td,th,ul,option,summary,details";
const INVISIBLE = "script,style,noscript,template,svg,iframe,object,canvas,head";

/** The previous implementation, kept as the reference. */
function referenceExtract(html: string, pageUrl: string) {
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

const URL_ = "https://example.com/a/page";

const FIXTURES = [
  "",
  "plain text, no tags",
  "before<html><head><title>T</title>stray head text<base href='/x/'></head><body>b</body></html>",
  "<title>first</title><title>second</title><p>x</p>",
  "<body><title> in  body </title><p>a<br/>b</p></body>",
  "<svg><title>svg title</title><a href='/svg-link'>s</a></svg><p>after</p>",
  "<template><a href='/tpl'>t</a><p>hidden</p></template><p>shown</p>",
  "<body><template><template><a href='/deep'>d</a></template></template><title>tt</title></body>",
  "<svg><a xlink:href='/xl' href='/plain'>x</a><a href='/p2' xlink:href='/xl2'>y</a></svg>",
  "<noscript><a href='/ns'>n</a>no script</noscript><div>d</div>",
  "<frameset><frame src='/f'></frameset>",
  "<table><tr><td>1</td>loose<td>2</td></tr></table><p>x&amp;y&nbsp;z</p>",
  "<math><![CDATA[cdata text]]></math><!-- a comment --><p>p</p>",
  "<base target='_blank'><base href='https://other.example/b/'><a href='c'>c</a>",
  "<a href=''>self</a><a href='#top'>frag</a><AREA HREF='/area' REL='NoFollow'><a rel='noopener nofollow' href='/nf'>x</a>",
  "<a href='mailto:x@y.z'>m</a><a href='http://u:p@example.com:80/q?'>q</a><a>no href</a>",
  "<ul><li>one<li>two</ul><p>open<div>nested</div>tail",
  "<pre>  keep\n\n  lines  </pre><span>in</span>line<select><option>o1<option>o2</select>",
  "<details><summary>s</summary>body</details><iframe>inner <b>x</b></iframe><object>o</object>",
];

describe("extractPage matches the cheerio reference", () => {
  it.each(FIXTURES.map((f) => [f]))("on %j", (html) => {
    expect(extractPage(html, URL_)).toEqual(referenceExtract(html, URL_));
  });

  it("on random tag soup", () => {
    const tags = [
      "p",
      "div",
      "span",
      "br",
      "a href='/l1'",
      "a href='x' rel='nofollow'",
      "area href='/ar'",
      "title",
      "head",
      "body",
      "script",
      "style",
      "svg",
      "template",
      "noscript",
      "table",
      "tr",
      "td",
      "li",
      "ul",
      "h1",
      "base href='/b/'",
      "pre",
      "b",
      "html",
      "option",
      "select",
    ];
    const token = fc.oneof(
      fc.constantFrom(...tags).map((t) => `<${t}>`),
      fc.constantFrom(...tags).map((t) => `</${t.split(" ")[0]}>`),
      fc.constantFrom("word", "  two  words ", "\n", "&amp;", "&nbsp;", "x<", "<!--c-->"),
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 40 }), (parts) => {
        const html = parts.join("");
        expect(extractPage(html, URL_)).toEqual(referenceExtract(html, URL_));
      }),
      { numRuns: 400 },
    );
  });
});
