// Materia search. Reads the index src/search/mod.rs writes under /search/, folds, splits
// and stems queries as the build did (keep in step), and ranks pages by the shards'
// scores. Content strings reach the page via textContent only.
(function () {
'use strict';
var me = document.currentScript, base = me.src.replace(/\/search\.js([?#].*)?$/, '') + '/search/',
  cache = {}, man, seq = 0, marked, inline = document.getElementById('search-index'), WORD = /[\p{Alphabetic}\p{N}]+/gu, NUM = /\p{N}/u;
// Snowball English stemmer, as rust-stemmers 1.2 (checked against it word for word).
function stem(w){// Snowball English (Porter2) exactly as rust-stemmers 1.2.0
let f,m,L,P,Q,b,c,o={},
S=s=>/[^aeiouy][aeiouy][^aeiouwxyY]$|^[aeiouy][^aeiouy]$/u.test(s),
O=t=>t.split('|').map(e=>(e=e.split(/(\d)/),o[e[0]]=e[1]&&e[0].slice(0,-e[1])+e[2])),
X=(t,p,f)=>(O(t),w=w.replace(RegExp('('+t.replace(/\d\w*/g,'')+')$'),s=>(L=w.length-s.length)<p||f(s,w[L-1])?s:o[s]||''));
O('skis1|skies3y|dying4ie|lying4ie|tying4ie|idly1|gently1|ugly1i|early1i|only1i|singly1|sky|news|howe|atlas|cosmos|bias|andes');
if(o.hasOwnProperty(w))return o[w]||w;
if(!(c=[...w])[2])return w;
w=w.replace(/(^|[aeiouy])y/g,(s,a)=>f=a+'Y');
Q=(P=w.match(/^(gener|commun|arsen|.*?[aeiouy][^aeiouy])|.*/u)[0].length)+w.slice(P).match(/^.*?[aeiouy][^aeiouy]|.*/u)[0].length;
w=w.replace(/sses$/,'ss').replace(/ie[ds]$/,c[4]?'i':'ie').replace(/([aeiouy].*[^su])s$/,'$1');
if(/^(succ|proc|exc)eed$|^(cann|inn|earr|herr|out)ing$/.test(w))return w;
if(m=/(e?ed|ing)(ly)?$/.exec(w))L=m.index,b=w.slice(0,L),m[1][2]<'e'?L<P||(w=b+'ee'):/[aeiouy]/.test(b)&&(w=/(at|bl|iz)$/.test(b)||L==P&&S(b)?b+'e':b.replace(/([bdfgmnprt])\1$/,'$1'));
w=w.replace(/(.[^aeiouy])[yY]$/u,'$1i');
X('tional2|enci1e|anci1e|abli1e|entli2|izer1|ization5e|ational5e|ation3e|ator2e|alism3|aliti3|alli2|fulness4|ousli2|ousness4|iveness4|iviti3e|biliti5le|bli1e|ogi1|fulli2|lessli2|li2',P,(s,c)=>/^(li[^cdeghkmnrt]|ogi[^l])/.test(s+c));
X('tional2|ational5e|alize3|icate3|iciti3|ical2|ful|ness|ative',P,s=>s=='ative'&&L<Q);
X('([ae]nc|[ai]bl|at|iv|iz)e|al|er|ic|[ae]nt|e?ment|ism|iti|ous|ion',Q,(s,c)=>/^ion[^st]/.test(s+c));
X('e|l',P,(s,c)=>s>'e'?c!='l'||L<Q:L<Q&&S(w.slice(0,-1)));
return f?w.replace(/Y/g,'y'):w}
// END STEM
// The search page carries the manifest, else it is fetched on first use.
if (inline) man = JSON.parse(inline.textContent);
// Hung requests fail after 9 s.
const A = AbortSignal, get = p => cache[p] || (cache[p] = fetch(base + p, A.timeout && { signal: A.timeout(9e3) }).then(r => {
  if (!r.ok) throw Error(r.status + ' ' + p);
  return r.json();
}).catch(e => { delete cache[p]; throw e; }));
const load = (nums, dir) => Promise.all(nums.map(n => get(dir + n + '.json')));
const fold = s => s.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '');
const words = s => (fold(s).match(WORD) || []).filter(w => [...w].length < 41);
const stemw = w => NUM.test(w) ? w : stem(w);
const notStop = w => man.stop.indexOf(w) < 0;
const at = (e, k, v) => e.setAttribute(k, v);
function shardOf(t) {
  let b = man.shards, lo = 0, hi = b.length - 1, m;
  while (lo < hi) { m = (lo + hi + 1) >> 1; if (b[m] <= t) lo = m; else hi = m - 1; }
  return lo;
}
// Optimal string alignment distance, giving up past `max`.
function dist(a, b, max) {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let d = [], i, j, lo;
  for (i = 0; i <= a.length; i++) d[i] = [i];
  for (j = 0; j <= b.length; j++) d[0][j] = j;
  for (i = 1; i <= a.length; i++) {
    lo = max + 1;
    for (j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1]));
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      lo = Math.min(lo, d[i][j]);
    }
    if (lo > max) return lo;
  }
  return d[a.length][b.length];
}

// A query: its words (stop words dropped; quoted ones required), the last one a prefix
// while it is being typed, and its quoted phrases, checked against page text.
function parse(q) {
  let parts = q.split('"'), terms = [], phrases = [];
  parts.forEach((p, i) => {
    let ws = words(p);
    if (i % 2 && ws.length > 1) phrases.push(' ' + ws.join(' ') + ' ');
    ws.filter(notStop).forEach(w => terms.push({ w: w, s: stemw(w), need: i % 2 }));
  });
  let last = terms[terms.length - 1];
  if (last && parts.length % 2 && /[\p{Alphabetic}\p{N}]$/u.test(q)) last.p = 1;
  return { terms: terms, phrases: phrases };
}

// The index terms a query word stands for, with how much a match on each counts: the
// word's stem; while typed, the terms it begins; failing both, the nearest terms.
function expand(t, shards) {
  let out = {}, keys = [], best = 99, w = t.w, max = w.length > 7 ? 2 : w.length > 3 ? 1 : 0;
  shards.forEach(s => { keys = keys.concat(Object.keys(s.t)); });
  keys.forEach(k => {
    if (k == t.s) out[k] = 1;
    else if (t.p && w.length > 1 && (!k.indexOf(w) || (k.length > 3 && w.length - k.length < 3 && !w.indexOf(k)))) out[k] = out[k] || 0.8;
  });
  if (Object.keys(out).length || !max) return out;
  keys.forEach(k => {
    let d = Math.min(dist(t.s, k, max), dist(w, k, max));
    if (d <= max && d <= best) { if (d < best) out = {}; best = d; out[k] = 0.7; }
  });
  return out;
}

// Runs a query; calls show(result) once the first results are known, and again once the
// tails of long posting lists (for multi-word queries and phrases) are in.
function search(q, show) {
  let my = ++seq;
  return (man ? Promise.resolve() : get('index.json').then(m => { man = m; })).then(() => {
    let Q = parse(q), need = {};
    if (!Q.terms.length) return show({ q: q, list: [], count: 0 });
    Q.terms.forEach(t => {
      t.sh = [shardOf(t.s)];
      if (t.p) for (let i = shardOf(t.w); i < man.shards.length && t.sh.length < 4; i++) {
        if (t.sh.indexOf(i) < 0) t.sh.push(i);
        if (!man.shards[i + 1] || man.shards[i + 1].indexOf(t.w)) break;
      }
      t.sh.forEach(n => { need[n] = 1; });
    });
    let nums = Object.keys(need);
    return load(nums, 's/').then(got => {
      let S = {}, meta = {}, tails = [];
      nums.forEach((n, i) => {
        S[n] = got[i];
        got[i].d.forEach(r => { meta[r[0]] = r.slice(1); });
      });
      // Each word's entries [term, entry, weight]; an entry is [idf, pages, tail file,
      // page, tf, …], and pages past those listed are in the tail file.
      Q.terms.forEach(t => {
        let m = t.m = expand(t, t.sh.map(n => S[n]));
        t.e = [];
        t.sh.forEach(n => {
          for (let k in m) {
            let h = S[n].t[k];
            if (!h) continue;
            t.e.push([k, h, m[k]]);
            if (h[1] > (h.length - 3) / 2 && tails.indexOf(h[2]) < 0) tails.push(h[2]);
          }
        });
      });
      let later = tails.length > 0 && (Q.terms.length > 1 || Q.phrases.length > 0);
      function rank(T) {
        let sc = {}, hit = {}, need = 0, count = 0, d;
        Q.terms.forEach(t => {
          let best = {}, put = (d, v) => { best[d] = Math.max(best[d] || 0, v); };
          if (t.need) need += 100;
          t.e.forEach(e => {
            let h = e[1], w = h[0] * e[2], tl = T && T[e[0]], j, d = 0;
            count = Math.max(count, h[1]);
            for (j = 3; j < h.length; j += 2) put(h[j], h[j + 1] * w);
            if (tl) for (j = 0; j < tl.length; j += 2) put(d += tl[j], tl[j + 1] * w);
          });
          for (d in best) { sc[d] = (sc[d] || 0) + best[d]; hit[d] = (hit[d] || 0) + 1 + (t.need ? 100 : 0); }
        });
        // A page whose whole title the query names (Magnesium for "magnesium") leads.
        for (d in sc) if (meta[d]) {
          let tk = words(meta[d][0]).filter(notStop);
          if (tk.length == Q.terms.length && tk.every(w => Q.terms.some(t => t.m[stemw(w)]))) sc[d] *= 2;
        }
        let list = Object.keys(sc).filter(d => hit[d] >= need).map(Number);
        list.sort((a, b) => hit[b] - hit[a] || sc[b] - sc[a] || a - b);
        // One word: the page count of its best term covers pages not loaded.
        return { q: q, Q: Q, list: list, meta: meta, more: !T && later, count: Q.terms.length == 1 ? Math.max(count, list.length) : list.length };
      }
      if (my != seq) return;
      show(rank());
      if (later) return load(tails, 't/').then(got => {
        let T = {};
        got.forEach(f => Object.assign(T, f));
        if (my == seq) show(rank(T));
      });
    });
  });
}

// Page texts for excerpts (and titles shards lack), a few pages a file.
function texts(ids) {
  let c = man.chunk, nums = [];
  ids.forEach(d => { let n = Math.floor(d / c); if (nums.indexOf(n) < 0) nums.push(n); });
  return load(nums, 'x/').then(got => {
    let out = {};
    nums.forEach((n, i) => got[i].forEach((r, j) => { out[n * c + j] = r; }));
    return out;
  });
}

function el(tag, cls, text) {
  let e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text) e.textContent = text;
  return e;
}

// The excerpt: a window of the page text around the first matched word, matches marked.
function excerpt(text, Q) {
  let m, hits = [], re = new RegExp(WORD.source, 'gu'), keys = {};
  Q.terms.forEach(t => Object.assign(keys, t.m));
  while ((m = re.exec(text))) {
    let f = fold(m[0]);
    if (keys[stemw(f)] || Q.terms.some(t => t.p && !f.indexOf(t.w))) hits.push([m.index, m.index + m[0].length]);
  }
  let from = hits.length ? text.lastIndexOf(' ', Math.max(0, hits[0][0] - 60)) + 1 : 0,
    to = Math.min(text.length, from + 220), p = el('p', 'search-excerpt'), i = from;
  if (from) p.append('… ');
  hits.forEach(h => {
    if (h[0] < i || h[1] > to) return;
    p.append(text.slice(i, h[0]), el('mark', '', text.slice(h[0], h[1])));
    i = h[1];
  });
  p.append(text.slice(i, to) + (to < text.length ? ' …' : ''));
  return p;
}

// Wires a search box: results drop down under the header box, or fill the search page's
// #search-results, as an ARIA combobox with a listbox and a status line read out.
function ui(input) {
  let page = document.getElementById('search-results'), popup = !page, box = page || el('div', 'search-popup'),
    status = el('p', 'search-status'), list = el('ul'), more = el('button', 'search-more', 'More results'),
    active = -1, timer, TEXT = {}, limit, last;
  if (page && page.getAttribute('data-input') != input.id) return;
  if (popup) { box.id = 'search-results'; box.hidden = true; input.form.after(box); }
  at(status, 'role', 'status');
  list.id = 'search-listbox';
  at(list, 'role', 'listbox');
  at(list, 'aria-label', 'Search results');
  more.type = 'button';
  more.hidden = true;
  more.onclick = () => { limit += 10; show(last); };
  box.replaceChildren(status, list, more);
  at(input, 'role', 'combobox');
  at(input, 'aria-autocomplete', 'list');
  at(input, 'aria-controls', list.id);
  at(input, 'aria-expanded', false);
  const options = () => list.querySelectorAll('[role=option]');
  function move(i) {
    let o = options();
    if (!o.length) return;
    active = (i + o.length) % o.length;
    o.forEach((e, j) => at(e, 'aria-selected', j == active));
    at(input, 'aria-activedescendant', o[active].id);
    o[active].scrollIntoView({ block: 'nearest' });
  }
  function open(on) {
    if (popup) box.hidden = !on;
    at(input, 'aria-expanded', on);
  }
  // A phrase holds unless the page's text, when complete, lacks it.
  const phrase = (r, d) => !TEXT[d] || TEXT[d][4] || r.Q.phrases.every(p => (' ' + words(TEXT[d][3]).join(' ') + ' ').indexOf(p) >= 0);
  function show(r) {
    let ph = r.Q && r.Q.phrases.length, ids = ph ? r.list.filter(d => phrase(r, d)) : r.list, rows = [], missing = [];
    last = r;
    ids.slice(0, limit).forEach(d => {
      let t = TEXT[d], m = r.meta[d] || t, a = el('a'), li = el('li');
      if (!t) missing.push(d);
      if (!m) return;
      at(li, 'role', 'presentation');
      a.href = m[2];
      a.id = 'search-option-' + rows.length;
      at(a, 'role', 'option');
      at(a, 'aria-selected', false);
      a.append(el('span', 'search-title', m[0]), ' ', el('span', 'search-kind', man.kinds[m[1]]));
      if (t) a.append(excerpt(t[3], r.Q));
      li.append(a);
      rows.push(li);
    });
    list.replaceChildren(...rows);
    if (rows.length && !marked) { marked = 1; performance.mark('materia-search-results'); }
    more.hidden = popup || ids.length <= limit;
    active = -1;
    input.removeAttribute('aria-activedescendant');
    let n = ph ? ids.length : r.count, q = r.q.trim();
    status.textContent = q ? (n ? n + (n == 1 ? ' result' : ' results') : 'No results') + ' for “' + q + '”' : '';
    open(!!q);
    // Busy until the ranking and shown excerpts are in or failed: tests wait on it.
    at(box, 'aria-busy', !!(r.more || missing.length));
    if (missing.length) texts(missing).then(got => {
      Object.assign(TEXT, got);
      if (r == last) show(r);
    }, () => r == last && at(box, 'aria-busy', false));
  }
  function run() {
    let q = input.value;
    limit = popup ? 8 : 10;
    if (!popup) history.replaceState(null, '', q ? '?q=' + encodeURIComponent(q) : location.pathname);
    if (!q.trim()) { seq++; return show({ q: '', list: [] }); }
    search(q, r => { if (q == input.value) show(r); }).catch(e => { status.textContent = 'Search is unavailable: ' + e.message; });
  }
  input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(run, 60); });
  input.addEventListener('keydown', e => {
    let o = options(), k = e.key;
    if (k == 'ArrowDown' || k == 'ArrowUp') { e.preventDefault(); open(true); move(active + (k == 'ArrowDown' ? 1 : -1)); }
    else if (k == 'Enter' && o[active]) { e.preventDefault(); location.href = o[active].href; }
    else if (k == 'Enter' && !popup) { e.preventDefault(); run(); }
    else if (k == 'Escape') { open(false); active = -1; }
  });
  if (popup) {
    const out = e => { let t = e.relatedTarget; if (!input.form.contains(t) && !box.contains(t)) open(false); };
    input.addEventListener('focus', () => { if (list.children.length) open(true); });
    input.form.addEventListener('focusout', out);
    box.addEventListener('focusout', out);
  } else {
    let q = new URLSearchParams(location.search).get('q');
    if (q) { input.value = q; run(); }
  }
}

// For themes that draw their own results: search(q) resolves to the ranked page ids and
// the query as parsed (each word's matched index terms in Q.terms[i].m).
window.materiaSearch = { fold: fold, words: words, stem: stemw, search: q => {
  let r; return search(q, x => { r = x; }).then(() => r);
} };
document.querySelectorAll('input[type=search][name=q]').forEach(ui);
document.addEventListener('keydown', e => {
  let t = e.target, i = document.querySelector('input[type=search][name=q]');
  if (e.key == '/' && i && !e.ctrlKey && !e.metaKey && !e.altKey && !/^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName) && !t.isContentEditable) { e.preventDefault(); i.focus(); i.select(); }
});
})();
