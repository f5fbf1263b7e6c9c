import { describe, expect, it } from "vitest";
import { sanitizeMailHtml } from "./sanitize-mail-html";

/** Attributes of the first `<tag …>` of the output, whatever their order. */
function attributesOf(html: string, tag: string): Record<string, string> {
  const open = new RegExp(`<${tag}((?:\\s+[a-z-]+="[^"]*")*)\\s*/?>`, "i").exec(html);
  if (!open) throw new Error(`no <${tag}> in ${html}`);
  return Object.fromEntries([...open[1]!.matchAll(/([a-z-]+)="([^"]*)"/gi)].map((m) => [m[1]!, m[2]!]));
}

describe("sanitizeMailHtml", () => {
  it("keeps ordinary formatting of a clinical letter", () => {
    const html =
      '<p style="text-align: center; font-weight: bold">Compte rendu</p><table border="1"><tr><td colspan="2">Na <b>140</b> mmol/L</td></tr></table><ul><li><i>Suivi</i></li></ul>';
    expect(sanitizeMailHtml(html)).toBe(
      '<p style="text-align:center;font-weight:bold">Compte rendu</p><table border="1"><tr><td colspan="2">Na <b>140</b> mmol/L</td></tr></table><ul><li><i>Suivi</i></li></ul>',
    );
  });

  describe("scripts and active content", () => {
    it.each([
      ["a script element", "<script>alert(1)</script><p>après</p>", "<p>après</p>"],
      ["a script with attributes", '<script src="https://evil.example/x.js"></script><p>après</p>', "<p>après</p>"],
      ["a script inside SVG", "<svg><script>alert(1)</script></svg><p>après</p>", "<p>après</p>"],
      ["an iframe", '<iframe src="https://evil.example"></iframe><p>après</p>', "<p>après</p>"],
      ["object and embed", '<object data="x.swf"></object><embed src="x.swf"><p>après</p>', "<p>après</p>"],
      ["meta refresh, base and link", '<meta http-equiv="refresh" content="0;url=https://x"><base href="https://x/"><link rel="stylesheet" href="https://x/s.css"><p>après</p>', "<p>après</p>"],
      ["a style element", "<style>body{background:url(https://t.example/p)}</style><p>après</p>", "<p>après</p>"],
      ["a form, keeping only its text", '<form action="https://phish.example"><input name="password"><button>Valider</button></form><p>après</p>', "Valider<p>après</p>"],
    ])("removes %s", (_case, html, expected) => {
      expect(sanitizeMailHtml(html)).toBe(expected);
    });

    it.each([
      ['<img src="cid:logo" onerror="alert(1)">'],
      ['<p onclick="alert(1)" onmouseover="alert(2)">x</p>'],
      ['<body onload="alert(1)"><p>x</p></body>'],
      ['<a href="https://ok.example" onfocus="alert(1)" autofocus>x</a>'],
      ['<div ONERROR="alert(1)">x</div>'],
      ['<svg onload="alert(1)"><circle r="1"></circle></svg>'],
    ])("removes every event handler: %s", (html) => {
      const out = sanitizeMailHtml(html);
      expect(out).not.toMatch(/\son[a-z]+=/i);
      expect(out).not.toContain("alert");
    });
  });

  describe("links", () => {
    it.each([
      ['<a href="javascript:alert(1)">x</a>'],
      ['<a href="JaVaScRiPt:alert(1)">x</a>'],
      ['<a href="  javascript:alert(1)">x</a>'],
      ['<a href="java&#x09;script:alert(1)">x</a>'],
      ['<a href="java\nscript:alert(1)">x</a>'],
      ['<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>'],
      ['<a href="vbscript:msgbox(1)">x</a>'],
      ['<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>'],
      ['<a href="file:///etc/passwd">x</a>'],
    ])("drops a dangerous href: %s", (html) => {
      const out = sanitizeMailHtml(html);
      expect(attributesOf(out, "a").href).toBeUndefined();
      expect(out).toMatch(/>x<\/a>$/);
    });

    it("opens web links in a new tab without referrer or opener, whatever the message asked", () => {
      const out = sanitizeMailHtml('<a href="https://www.has-sante.fr/reco" target="_self" rel="opener" title="HAS">reco</a>');
      expect(attributesOf(out, "a")).toEqual({ href: "https://www.has-sante.fr/reco", title: "HAS", target: "_blank", rel: "noopener noreferrer nofollow" });
    });

    it("keeps mailto: and tel: links", () => {
      expect(sanitizeMailHtml('<a href="mailto:secretariat@gcs.fr">m</a>')).toContain('href="mailto:secretariat@gcs.fr"');
      expect(sanitizeMailHtml('<a href="tel:+33123456789">t</a>')).toContain('href="tel:+33123456789"');
    });
  });

  describe("remote resources and tracking pixels", () => {
    it.each([
      ['<img src="https://tracker.example/p.gif" width="1" height="1">'],
      ['<img src="http://tracker.example/p.gif">'],
      ['<img src="HTTPS://tracker.example/p.gif">'],
      ['<img src="//tracker.example/p.gif">'],
      ['<img src="/api/mailboxes/1/delete">'],
      ['<img src="p.gif">'],
      ['<img srcset="https://tracker.example/p.gif 1x">'],
      ['<img src="cid:x" srcset="https://tracker.example/p.gif 2x">'],
      ['<table background="https://tracker.example/bg.gif"><tr><td>x</td></tr></table>'],
      ['<td style="background-image: url(https://tracker.example/bg.gif)">x</td>'],
      ['<div style="background: url(//tracker.example/bg.gif)">x</div>'],
      ['<video poster="https://tracker.example/p.gif"></video>'],
      ['<audio src="https://tracker.example/a.mp3"></audio>'],
      ['<input type="image" src="https://tracker.example/p.gif">'],
    ])("loads nothing remote: %s", (html) => {
      const out = sanitizeMailHtml(html);
      expect(out).not.toContain("tracker.example");
      expect(out).not.toMatch(/src="(?!cid:|data:)/);
    });

    it("keeps inline images (cid: and data:) and their size", () => {
      expect(attributesOf(sanitizeMailHtml('<img src="cid:logo@gcs" alt="Logo" width="120">'), "img")).toEqual({ src: "cid:logo@gcs", alt: "Logo", width: "120" });
      expect(attributesOf(sanitizeMailHtml('<img src="data:image/png;base64,iVBORw0KGgo=">'), "img")).toEqual({ src: "data:image/png;base64,iVBORw0KGgo=" });
    });
  });

  describe("styles", () => {
    it.each([
      ["position: fixed overlays", '<p style="position: fixed; top: 0; left: 0; width: 100%; height: 100%; z-index: 9999">x</p>'],
      ["IE expressions", '<p style="color: expression(alert(1))">x</p>'],
      ["escaped expressions", '<p style="color: \\65 xpression(alert(1))">x</p>'],
      ["url() in a colour", '<p style="background-color: url(x.png)">x</p>'],
      ["url() in a colour, protocol-relative", '<p style="color: url(//t.example/x)">x</p>'],
      ["behavior and -moz-binding", '<p style="behavior: url(x.htc); -moz-binding: url(x.xml#xss)">x</p>'],
      ["CSS variables", '<p style="color: var(--x)">x</p>'],
      ["content injection", '<p style="content: \'Cliquez ici\'">x</p>'],
    ])("removes %s", (_case, html) => {
      expect(sanitizeMailHtml(html)).toBe("<p>x</p>");
    });

    it("keeps plain colours in hex, names and rgb()/hsl() notation", () => {
      expect(sanitizeMailHtml('<span style="color: #1e3a8a; background-color: rgb(255, 255, 0)">a</span>')).toBe(
        '<span style="color:#1e3a8a;background-color:rgb(255, 255, 0)">a</span>',
      );
      expect(sanitizeMailHtml('<span style="color: darkred; background-color: hsla(120, 50%, 50%, 0.3)">a</span>')).toBe(
        '<span style="color:darkred;background-color:hsla(120, 50%, 50%, 0.3)">a</span>',
      );
    });

    it("keeps the allowed properties of a mixed declaration and drops the rest", () => {
      expect(sanitizeMailHtml('<p style="color: red; position: absolute; font-style: italic">a</p>')).toBe('<p style="color:red;font-style:italic">a</p>');
    });
  });

  it("survives malformed and oversized markup", () => {
    expect(sanitizeMailHtml("<p><b>unclosed <i>tags")).toBe("<p><b>unclosed <i>tags</i></b></p>");
    expect(sanitizeMailHtml('<<script>script>alert(1)<</script>/script>')).not.toMatch(/<script/i);
    expect(sanitizeMailHtml('<img src=x onerror=alert(1)//')).not.toContain("onerror");
    expect(sanitizeMailHtml("")).toBe("");
    const deep = `${"<div>".repeat(5_000)}x${"</div>".repeat(5_000)}`;
    expect(sanitizeMailHtml(deep)).toContain("x");
  });
});
