import { createHash } from "node:crypto";

/**
 * The whole site stylesheet: system fonts, high-contrast colours (AA at every size), a
 * visible focus ring, a single-column layout on narrow screens and a print section that
 * keeps agendas readable on paper.
 */
export const SITE_CSS = `
:root{--ink:#0b0c0c;--muted:#4b4f54;--link:#1d4f91;--visited:#4c2c92;--bg:#fff;--band:#f3f2f1;--line:#b1b4b6;--focus:#ffdd00;--warn:#8a1f11;--ok:#0b6b3a}
*{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-size:100%;line-height:1.5;color:var(--ink);background:var(--bg)}
body{margin:0}
a{color:var(--link);text-underline-offset:.15em}
a:visited{color:var(--visited)}
a:hover{text-decoration-thickness:3px}
:focus-visible{outline:3px solid var(--ink);outline-offset:0;box-shadow:0 0 0 6px var(--focus)}
a:focus-visible{background:var(--focus);color:var(--ink);outline:3px solid transparent;box-shadow:0 4px 0 var(--ink);text-decoration:none}
.skip{position:absolute;left:-9999px;top:0;padding:.5rem 1rem;background:var(--focus);color:var(--ink)}
.skip:focus{left:0;z-index:10}
header.site{background:var(--ink);color:#fff;padding:.75rem 1rem;border-bottom:8px solid var(--link)}
header.site a{color:#fff}
header.site a:focus-visible{color:var(--ink)}
header.site .name{font-weight:700;font-size:1.25rem;text-decoration:none}
nav.primary ul{list-style:none;margin:.5rem 0 0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem}
nav.primary a[aria-current=page]{font-weight:700}
form.quick{display:flex;gap:.5rem;margin-top:.5rem;flex-wrap:wrap}
main{max-width:60rem;margin:0 auto;padding:1rem 1rem 3rem}
footer.site{border-top:1px solid var(--line);padding:1rem;color:var(--muted);max-width:60rem;margin:0 auto}
h1{font-size:2rem;line-height:1.2;margin:.5rem 0 1rem}
h2{font-size:1.5rem;margin:2rem 0 .75rem}
h3{font-size:1.2rem;margin:1.25rem 0 .5rem}
.muted,.meta{color:var(--muted)}
.sub{display:block;font-size:1.25rem;font-weight:400}
.pre{white-space:pre-line}
dl.meta-list{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dl.meta-list dt{font-weight:700}dl.meta-list dd{margin:0}
.crumbs ol{list-style:none;padding:0;margin:0 0 .5rem;display:flex;flex-wrap:wrap;gap:.25rem}
.crumbs li+li::before{content:"›";padding:0 .4rem;color:var(--muted)}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
th,td{text-align:left;vertical-align:top;padding:.4rem .5rem;border-bottom:1px solid var(--line)}
caption{text-align:left;font-weight:700;padding:.25rem 0}
.exempt{border-left:6px solid var(--warn);background:var(--band);padding:.5rem .75rem;margin:.5rem 0}
.notice{border-left:6px solid var(--link);background:var(--band);padding:.5rem .75rem}
.tag{display:inline-block;padding:0 .4rem;border:1px solid currentColor;font-size:.875rem;font-weight:600}
.tag.overdue,.tag.cancelled{color:var(--warn)}
.tag.complete,.tag.held{color:var(--ok)}
.prov{font-size:.875rem;color:var(--muted)}
ol.agenda{padding-left:0;list-style:none}
ol.agenda>li{border-top:1px solid var(--line);padding:.75rem 0}
.num{font-weight:700;display:inline-block;min-width:2.5rem}
mark{background:#fff2a8;color:var(--ink);font-weight:600}
label{display:block;font-weight:600;margin-bottom:.25rem}
input,select,button{max-width:100%;font:inherit;padding:.35rem .5rem;border:2px solid var(--ink);background:#fff;color:var(--ink)}
button{background:var(--ok);color:#fff;border-color:var(--ok);cursor:pointer}
textarea{max-width:100%}
button.danger{background:var(--warn);border-color:var(--warn);color:#fff}
.confirm-step{margin:.75rem 0}
fieldset{border:1px solid var(--line);margin:0 0 1rem;padding:.5rem .75rem;min-width:0}
.filters{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-end;background:var(--band);padding:.75rem;margin-bottom:1rem}
.filters fieldset{border:0;padding:0;margin:0}
.filters>div{min-width:0;max-width:100%}
.page{border-top:2px solid var(--line);padding-top:.5rem;margin-top:1rem}
.page pre{white-space:pre-wrap;word-wrap:break-word;font-family:inherit;margin:0}
.page h2{font-size:1rem;margin:0 0 .5rem}
.cal{table-layout:fixed}
.cal td{height:5rem;font-size:.875rem}
.cal .other{color:var(--muted);background:var(--band)}
.minute .decision{margin:.25rem 0 .9rem 1.5rem;padding-left:.6rem;border-left:3px solid var(--line)}
ul.cards>li{margin-bottom:1.25rem}ul.cards h2{font-size:1.2rem;margin:0}
.pager{display:flex;gap:1rem;margin:1rem 0}
.inline{display:inline}
.check label{display:inline}
.visually-hidden{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
textarea{max-width:100%;width:100%;font:inherit;padding:.35rem .5rem;border:2px solid var(--ink)}
button.danger{background:var(--warn);border-color:var(--warn);color:#fff}
button.irreversible{background:#fff;border-color:var(--ink);color:var(--ink);font-weight:700}
.confirm{border-left:4px solid var(--warn);padding:.25rem .5rem;margin:.5rem 0}
nav.sections ol{list-style:none;padding:0;margin:0 0 1rem;display:flex;flex-wrap:wrap;gap:.25rem 1rem;border-bottom:2px solid var(--line)}
nav.sections a{display:inline-block;padding:.25rem 0}
nav.sections a[aria-current=page]{font-weight:700;color:var(--ink)}
.table-wrap{overflow-x:auto;max-width:100%}
.editor-nav ul.plain li{overflow-wrap:anywhere}
details.edit{margin:.5rem 0}details.edit>summary{cursor:pointer;color:var(--link);text-decoration:underline}
ul.plain{list-style:none;padding:0}
ul.plain li{padding:.35rem 0;border-bottom:1px solid var(--line)}
@media (max-width:40rem){h1{font-size:1.6rem}.cal,.cal tbody,.cal tr,.cal td,.cal thead{display:block}.cal thead{display:none}.cal td.empty,.cal td.other,.cal td.none{display:none}.cal td{height:auto}table.stack thead{display:none}table.stack tr,table.stack td{display:block}}
@media print{header.site,nav,footer.site,.skip,form,.filters,.pager,.noprint{display:none!important}main{max-width:none;padding:0}a{color:#000;text-decoration:none}.exempt{border:1px solid #000}ol.agenda>li{break-inside:avoid}h1,h2,h3{break-after:avoid}body{font-size:11pt}.page{break-before:page}}
`;

export const SITE_CSS_HASH = createHash("sha256").update(SITE_CSS).digest("hex").slice(0, 10);
export const SITE_CSS_PATH = `/assets/site.${SITE_CSS_HASH}.css`;
