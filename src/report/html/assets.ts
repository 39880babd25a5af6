/**
 * The HTML report's own style sheet and script, inlined so the file works alone from file:// with no
 * network. Colours keep a 4.5:1 contrast on white; long paths and URLs wrap (nothing scrolls sideways
 * at 400 px); the script only adds the severity filter, opens the details an anchor points into, and
 * opens every details for printing. Without it, everything shows.
 */

export const STYLE = `
:root{--fg:#1d1d1f;--muted:#545458;--line:#d9d9de;--bg2:#f5f5f7;--good:#0a7d32;--mid:#9a5b00;--bad:#c4141c;
--critical:#a3000f;--high:#b33c00;--medium:#8a5300;--low:#1d4ed8;--info:#52525b;--accent:#0b57d0}
*{box-sizing:border-box}
@media (prefers-reduced-motion:no-preference){html{scroll-behavior:smooth}}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:var(--fg);background:#fff}
.wrap{max-width:72rem;margin:0 auto;padding:0 1rem}
a{color:var(--accent)}
a:focus-visible,summary:focus-visible,input:focus-visible{outline:3px solid var(--accent);outline-offset:2px;border-radius:3px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem}.skip:focus{left:1rem}
header.top{border-bottom:1px solid var(--line);padding:1.2rem 0 1rem;margin-bottom:1rem}
h1{font-size:1.6rem;margin:0 0 .2rem;overflow-wrap:anywhere}
h2{font-size:1.3rem;margin:2rem 0 .6rem;border-bottom:1px solid var(--line);padding-bottom:.3rem}
h3{font-size:1.1rem;margin:1.4rem 0 .5rem;scroll-margin-top:1rem}
h4{font-size:.95rem;margin:.9rem 0 .4rem;text-transform:capitalize}
.meta{color:var(--muted);margin:0;display:flex;flex-wrap:wrap;gap:.2rem 1.2rem}
.gauges{display:flex;flex-wrap:wrap;gap:.8rem 1rem;margin:1rem 0 0;padding:0;list-style:none}
.gauge{display:flex;flex-direction:column;align-items:center;width:6.4rem;text-align:center;text-decoration:none;color:var(--fg);font-size:.85rem;line-height:1.25}
a.gauge:hover .g-label{text-decoration:underline}
.g-ring{position:relative;width:4rem;height:4rem;margin-bottom:.3rem}
.gauge.total .g-ring{width:5rem;height:5rem}
.g-ring svg{width:100%;height:100%;transform:rotate(-90deg)}
.g-ring .track{fill:none;stroke:#e6e6ea;stroke-width:3.2}
.g-ring .arc{fill:none;stroke-width:3.2;stroke-linecap:round}
.g-num{position:absolute;inset:0;display:flex;align-items:center;justify-content:center;font-weight:700;font-size:1.1rem}
.gauge.total .g-num{font-size:1.4rem}
.good{color:var(--good)}.good .arc{stroke:var(--good)}
.mid{color:var(--mid)}.mid .arc{stroke:var(--mid)}
.bad{color:var(--bad)}.bad .arc{stroke:var(--bad)}
.g-sub{color:var(--muted);font-size:.75rem}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:1.2rem 0 .2rem}
.facts dt{font-weight:600}.facts dd{margin:0;overflow-wrap:anywhere}
@media (max-width:520px){.facts{grid-template-columns:1fr}.facts dd{margin-bottom:.4rem}}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.86em}
code{background:var(--bg2);padding:0 .25rem;border-radius:3px;overflow-wrap:anywhere}
pre{background:var(--bg2);padding:.5rem .7rem;border-radius:4px;white-space:pre-wrap;overflow-wrap:anywhere;margin:.4rem 0}
pre code{background:none;padding:0}
.filter{border:1px solid var(--line);border-radius:6px;padding:.4rem .8rem .6rem;margin:1rem 0}
.filter fieldset{border:0;margin:0;padding:0}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.filter legend{font-weight:600;padding:0 .3rem}
.filter label{display:inline-flex;align-items:center;gap:.3rem;margin:.2rem 1rem .2rem 0;text-transform:capitalize}
.counts{display:flex;flex-wrap:wrap;gap:.4rem;margin:.6rem 0;padding:0;list-style:none}
.badge{display:inline-block;color:#fff;border-radius:3px;padding:0 .4rem;font-size:.75rem;font-weight:700;text-transform:uppercase;letter-spacing:.02em;white-space:nowrap}
.b-critical{background:var(--critical)}.b-high{background:var(--high)}.b-medium{background:var(--medium)}.b-low{background:var(--low)}.b-info{background:var(--info)}
.b-zero{background:var(--bg2);color:var(--muted);box-shadow:inset 0 0 0 1px var(--line)}
details.finding{border:1px solid var(--line);border-left:4px solid var(--info);border-radius:4px;margin:.4rem 0;background:#fff}
details.finding.s-critical{border-left-color:var(--critical)}details.finding.s-high{border-left-color:var(--high)}
details.finding.s-medium{border-left-color:var(--medium)}details.finding.s-low{border-left-color:var(--low)}
details.finding>summary{cursor:pointer;padding:.45rem .7rem .45rem 1.7rem;list-style:none;position:relative}
details.finding>summary::-webkit-details-marker{display:none}
details.finding>summary::before{content:"▸";position:absolute;left:.6rem;top:.4rem;color:var(--muted)}
details.finding[open]>summary::before{content:"▾"}
details.finding[open]>summary{border-bottom:1px solid var(--line)}
.f-title{font-weight:600}
.f-where{display:block;color:var(--muted);font-size:.85rem;overflow-wrap:anywhere}
.f-body{padding:.3rem .9rem .7rem}
.f-body h5{margin:.7rem 0 .2rem;font-size:.85rem;text-transform:uppercase;color:var(--muted);letter-spacing:.03em}
.excerpt{display:block;padding:.3rem 0}
.excerpt .ln{display:grid;grid-template-columns:3em 1fr;padding:0 .7rem 0 .4rem;white-space:pre-wrap;overflow-wrap:anywhere}
.excerpt .ln::before{content:attr(data-n);color:var(--muted);user-select:none;text-align:right;padding-right:.8em}
.excerpt .ln.mark{background:#fff1c2;box-shadow:inset 3px 0 0 var(--bad)}
pre.code{padding:0}
.diff .add{background:#e6f6ea}.diff .del{background:#fde8e8}.diff .hunk{color:#0a5a7a}.diff .hdr{font-weight:700}
.diff span{display:block}
details.section{border:1px solid var(--line);border-radius:6px;margin:.6rem 0;padding:.2rem .8rem}
details.section>summary{cursor:pointer;font-weight:600;padding:.3rem 0;overflow-wrap:anywhere}
details.section>summary .muted{font-weight:400}
ul.rules{padding-left:1.2rem;margin:.3rem 0 .6rem}ul.rules li{margin:.15rem 0;overflow-wrap:anywhere}
.muted{color:var(--muted)}
.ok{color:var(--good);font-weight:600}
.bars{list-style:none;padding:0;margin:.5rem 0}
.bars li{display:grid;grid-template-columns:9rem 1fr 6rem;gap:.6rem;align-items:center;margin:.3rem 0}
.bar{height:1.1rem;background:var(--bg2);border-radius:3px;overflow:hidden}
.bar span{display:block;height:100%;background:#6b7280}
.bars li.rec .bar span{background:var(--accent)}
.bars .amount{text-align:right;font-variant-numeric:tabular-nums}
@media (max-width:520px){.bars li{grid-template-columns:6.5rem 1fr 4.6rem}}
ol.steps li,ul.plain li{margin:.3rem 0;overflow-wrap:anywhere}
ol.requests{padding-left:1.6rem;font-size:.9rem}ol.requests li{overflow-wrap:anywhere;margin:.15rem 0}
footer{border-top:1px solid var(--line);margin:2.5rem 0 1rem;padding-top:.6rem;color:var(--muted);font-size:.85rem}
[hidden]{display:none!important}
@media print{
  body{font-size:11pt}.wrap{max-width:none}
  .filter,.skip{display:none!important}
  a{color:inherit}
  .f-body a[href^="http"]::after{content:" (" attr(href) ")";font-size:.8em;overflow-wrap:anywhere}
  details.finding,.gauge,pre{break-inside:avoid}
  h2,h3,h4{break-after:avoid}
  .badge,.excerpt .ln.mark,.diff .add,.diff .del,.bar span{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
`;

export const SCRIPT = `
(function () {
  var form = document.getElementById('severity-filter');
  function apply() {
    var on = {};
    form.querySelectorAll('input[type=checkbox]').forEach(function (i) { on[i.value] = i.checked; });
    document.querySelectorAll('[data-severity]').forEach(function (el) { el.hidden = !on[el.getAttribute('data-severity')]; });
    document.querySelectorAll('[data-category]').forEach(function (c) {
      var any = c.querySelector('[data-severity]');
      c.hidden = !!any && !c.querySelector('[data-severity]:not([hidden])');
    });
  }
  if (form) { form.hidden = false; form.addEventListener('change', apply); }
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    if (!el) return;
    for (var d = el.closest('details'); d; d = d.parentElement && d.parentElement.closest('details')) d.open = true;
    if (el.hidden || el.closest('[hidden]')) {
      if (form) { form.querySelectorAll('input[type=checkbox]').forEach(function (i) { i.checked = true; }); apply(); }
    }
    el.scrollIntoView();
  }
  window.addEventListener('hashchange', reveal);
  reveal();
  var opened = [];
  window.addEventListener('beforeprint', function () {
    document.querySelectorAll('details:not([open])').forEach(function (d) { d.open = true; opened.push(d); });
  });
  window.addEventListener('afterprint', function () { opened.forEach(function (d) { d.open = false; }); opened = []; });
})();
`;
