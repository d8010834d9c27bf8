// Materia's search (src/search/mod.rs); content goes in as text.
(function () {
'use strict';
var doc = document, me = doc.currentScript, base = me.src.replace(/\/search\.js([?#].*)?$/, '') + '/search/',
	cache = {}, man, seq = 0, marked, inline = doc.getElementById('search-index'), WORD = /[\p{Alphabetic}\p{N}]+/gu, NUM = /\p{N}/u;
// The stemmer: Snowball English (Porter2), as rust-stemmers 1.2.0. For a site in another
// language the build serves the script with that language's (src/search/stemmers/) in
// place of the lines from here to the end marker.
function stem(w){
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
// End of the stemmer.
if (inline) man = JSON.parse(inline.textContent);
const A = AbortSignal, T = () => A.timeout && { signal: A.timeout(9e3) }, get = p => cache[p] || (cache[p] = fetch(base + p, T()).then(r => {
	if (!r.ok) throw Error(r.status + ' ' + p);
	return r.json();
}).catch(e => { delete cache[p]; throw e; }));
const K = Object.keys, mix = Object.assign, mx = Math.max, load = (nums, dir) => Promise.all(nums.map(n => get(dir + n + '.json')));
const fold = s => s.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '');
// "B-12" is b12, as in the index.
const words = s => (fold(s).replace(/([a-z])-(?=\d)/g, '$1').match(WORD) || []).filter(w => [...w].length < 41);
// Stemmed as text.rs's Stem: in English -sis as -se, SPELLINGS, IRREGULAR (the manifest's
// lists are empty in other languages).
const sp = w => w.replace(man.re ||= RegExp(K(man.sp).join('|') || '(?!)', 'g'), s => man.sp[s]), stemw = w => NUM.test(w = sp(man.sis ? w.replace(/sis$/, 'se') : w)) ? w : man.ir.hasOwnProperty(w) ? man.ir[w] : stem(w);
const notStop = w => !man.stop.includes(w);
const on = (e, k, f) => e.addEventListener(k, f), at = (e, k, v) => e.setAttribute(k, v), ats = (e, o) => { for (let k in o) at(e, k, o[k]); };
const find = (bounds, t) => mx(0, bounds.findLastIndex(b => b <= t)), shardOf = t => find(man.shards, t);
// Optimal string alignment distance, up to `max` (a[-1] undefined).
function dist(a, b, max) {
	if (Math.abs(a.length - b.length) > max) return max + 1;
	let d = [[...Array(b.length + 1).keys()]], i, j, lo, v, M = Math.min;
	for (i = 1; i <= a.length; i++) {
		d[i] = [i];
		lo = max + 1;
		for (j = 1; j <= b.length; j++) {
			v = M(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1]));
			if (a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) v = M(v, d[i - 2][j - 2] + 1);
			lo = M(lo, d[i][j] = v);
		}
		if (lo > max) return lo;
	}
	return d[a.length][b.length];
}

// A query's words (quoted ones required), the last a prefix while typed, and its phrases.
function parse(q) {
	let parts = q.split('"'), terms = [], phrases = [];
	parts.forEach((p, i) => {
		let ws = words(p);
		if (i % 2 && ws.length > 1) phrases.push(' ' + ws.join(' ') + ' ');
		ws.filter(notStop).forEach(w => terms.push({ w: sp(w), s: stemw(w), need: i % 2, o: w }));
	});
	let last = terms.at(-1);
	if (last && parts.length % 2 && /[\p{Alphabetic}\p{N}]$/u.test(q)) last.p = 1;
	return { terms, phrases };
}

// A word's index terms, weighted: its stem; while typed, terms it begins; else the nearest
// (half its length at least) to it or to a stem plus a suffix ("numbess": numb+ness).
function expand(t, shards) {
	let out = {}, keys = shards.flatMap(s => K(s.t)), best = 99, w = t.w, max = w.length > 7 ? 2 : w.length > 3 ? 1 : 0;
	keys.forEach(k => {
		if (k == t.s) out[k] = 1;
		else if (t.p && w.length > 1 && (!k.indexOf(w) || (k.length > 3 && w.length - k.length < 3 && !w.indexOf(k)))) out[k] = out[k] || 0.8;
	});
	if (K(out).length || !max) return out;
	t.ty = 1;
	keys.forEach(k => {
		let d = k.length * 2 < w.length ? 9 : Math.min(dist(t.s, k, max), ...man.suf.map(e => dist(w, k + e, max)));
		if (d <= max && d <= best) { if (d < best) out = {}; best = d; out[k] = 0.7; }
	});
	return out;
}

// show(r): first results, then with tails.
function search(q, show) {
	let my = ++seq;
	return Promise.resolve(man || get('index.json')).then(m => {
		man = m;
		let Q = parse(q), need = {};
		if (!Q.terms.length) return show({ q, list: [], count: 0 });
		Q.terms.forEach(t => {
			t.sh = [shardOf(t.s)];
			if (t.p) for (let i = shardOf(t.w); i < man.shards.length && t.sh.length < 4; i++) {
				if (!t.sh.includes(i)) t.sh.push(i);
				if (!man.shards[i + 1] || man.shards[i + 1].indexOf(t.w)) break;
			}
			t.sh.forEach(n => need[n] = 1);
		});
		let nums = K(need), S = {};
		const shards = ns => load(ns, 's/').then(g => ns.forEach((n, i) => S[n] = g[i]));
		return shards(nums).then(() => {
			// A long word matching nothing: words ending as it does ("pnuemonia": pneumonia),
			// from the words spelt backwards, then their shards.
			let miss = Q.terms.filter(t => !K(t.m = expand(t, t.sh.map(n => S[n]))).length && t.w.length > 3 && !NUM.test(t.w) && man.ends?.length);
			return miss.length && load(miss.map(t => find(man.ends, [...t.s].reverse().join(''))), 'e/').then(E => {
				let more = {};
				miss.forEach((t, i) => (t.sh = K(t.m = expand(t, [{ t: Object.fromEntries(E[i].map(k => [k])) }])).map(shardOf)).forEach(n => more[n] = 1));
				return shards(K(more));
			});
		}).then(() => {
			let meta = {}, tails = [], named = {};
			for (let n in S) S[n].d.forEach(r => meta[r[0]] = r.slice(1));
			// Entries: [term, [idf, pages, tail file, page, tf, …], weight].
			Q.terms.forEach(t => {
				let m = t.m;
				t.e = [];
				t.y = [];
				t.sh.forEach(n => {
					for (let k in m) {
						let h = S[n].t[k];
						if (!h) continue;
						t.e.push([k, h, m[k]]);
						// Other names of the names the query holds whole ("b12 inject" not for
						// "injections" alone); not a longer word's, begun by a word being typed.
						// A query that is a record's whole name names its page (e[1]).
						if (m[k] != .8) (S[n].y?.[k] || []).forEach(e => {
							let c = e[0].split(' ').filter(x => x);
							if (c.every(c => Q.terms.some(u => u.s == c))) t.y.push(...e.slice(2)), c.length + 1 == Q.terms.length && (named[e[1]] = 1);
						});
						if (h[1] > (h.length - 3) / 2 && !tails.includes(h[2])) tails.push(h[2]);
					}
				});
				// Of words as near to a typo, the commoner is likelier meant ("numbess": numbness
				// before numbers): each weighs as the commonest does, by its share of its pages,
				// where rarity (idf) ranked the rarer first.
				let top = t.e.reduce((a, e) => e[1][1] > a[1][1] ? e : a, t.e[0]), ex = t.e.find(e => e[2] == 1);
				if (t.ty && top) t.e.forEach(e => e[2] *= top[1][0] / (e[1][0] || 1) * e[1][1] / top[1][1]);
				// A word typed whole outweighs the rarer words it begins ("care": a page saying
				// "carers" less than one saying "care"): they weigh at most its rarity.
				else if (ex) t.e.forEach(e => e[2] == .8 && (e[2] *= Math.min(1, ex[1][0] / (e[1][0] || 1))));
			});
			let later = tails.length > 0 && (Q.terms.length > 1 || Q.phrases.length > 0);
			function rank(T) {
				let sc = {}, hit = {}, need = 0, count = 0, d;
				Q.terms.forEach(t => {
					let best = {}, put = (d, v) => { best[d] = mx(best[d] || 0, v); };
					if (t.need) need += 100;
					t.e.forEach(e => {
						let h = e[1], w = h[0] * e[2], tl = T && T[e[0]], j, d = 0;
						count = mx(count, h[1]);
						for (j = 3; j < h.length; j += 2) put(h[j], h[j + 1] * w);
						if (tl) for (j = 0; j < tl.length; j += 2) put(d += tl[j], tl[j + 1] * w);
					});
					for (d in best) { sc[d] = (sc[d] || 0) + best[d]; hit[d] = (hit[d] || 0) + 1 + (t.need ? 100 : 0); }
				});
				// A page whose whole title or record name the query names ("magnesium":
				// Magnesium; "bulim twitch", its alias) leads. One whose title holds every
				// word of a longer query is about what it asks ("what causes b12 deficiency":
				// "…the autoimmune cause of vitamin B12 deficiency"), where words its body
				// repeats saturate as much on pages that only mention them.
				for (d in sc) if (meta[d]) {
					let tk = words(meta[d][0]).filter(notStop).map(stemw), n = Q.terms.length;
					sc[d] *= named[d] || tk.length == n && tk.every(w => Q.terms.some(t => t.m[w])) ? 2 : n > 1 && Q.terms.every(t => tk.some(w => t.m[w])) ? 1.5 : 1;
				}
				let list = K(sc).filter(d => hit[d] >= need).map(Number);
				list.sort((a, b) => hit[b] - hit[a] || sc[b] - sc[a] || a - b);
				// One word: its best term's page count covers pages not loaded.
				return { q, Q, list, meta, more: !T && later, count: Q.terms.length == 1 ? mx(count, list.length) : list.length, x: [...new Set(Q.terms.filter(t => !t.e.length).map(t => t.o))].join(' ') };
			}
			if (my != seq) return;
			show(rank());
			if (later) return load(tails, 't/').then(got => {
				let T = {};
				got.forEach(f => mix(T, f));
				if (my == seq) show(rank(T));
			});
		});
	});
}

// Stored page texts (and titles shards lack).
function texts(ids) {
	let c = man.chunk, nums = [...new Set(ids.map(d => d / c | 0))], out = {};
	return load(nums, 'x/').then(got => {
		nums.forEach((n, i) => got[i].forEach((r, j) => out[n * c + j] = r));
		return out;
	});
}

// The section of a result whose heading holds every word of the query, and little else
// ("magnesium": an article's "Magnesium"; "take too much b12": its "Is it possible to take
// too much B12?"), the shortest such: the result leads there. An id of 0 is the heading's,
// lower case, hyphens for the rest (src/search/excerpt_files.rs).
function part(h = [], Q) {
	let b, n = Q.terms.length, i, ws;
	for (i = 0; i < h.length; i += 2) {
		ws = words(h[i]).filter(notStop).map(stemw);
		if (n && ws.length <= 2 * n && !(b && b[2] <= ws.length) && Q.terms.every(t => ws.some(w => t.m[w]))) b = [h[i], h[i + 1] || h[i].toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, ''), ws.length];
	}
	return b;
}

const el = (tag, cls, text) => mix(doc.createElement(tag), cls && { className: cls }, text && { textContent: text });

// A window of text around the first matched word, matches marked: words, then words
// joined by a hyphen as the index joins them ("B-12" for b12), longest first where two start
// together. A query word the text lacks is marked where the text has another name of
// its group (t.y: "prickling" finds, and marks, "pins and needles").
function excerpt(text, Q) {
	let m, hits = [], toks = [], own = Q.terms.map(() => []);
	[WORD, /[\p{Alphabetic}\p{N}]*[a-z]-\d[\p{Alphabetic}\p{N}]*/giu].forEach((r, i) => {
		for (r = new RegExp(r); (m = r.exec(text));) {
			let f = fold(m[0]).replace('-', ''), s = stemw(f), h = [m.index, m.index + m[0].length];
			if (!i && notStop(f)) toks.push([s, ...h]);
			Q.terms.forEach((t, j) => (t.m[s] || t.p && !sp(f).indexOf(t.w)) && own[j].push(h));
		}
	});
	own.forEach((o, j) => hits.push(...o.length ? o : (Q.terms[j].y || []).flatMap(p => (p = p.split(' '), toks.flatMap((k, i) => {
		let w = toks.slice(i, i + p.length).map(k => k[0]);
		return w.length == p.length && w.every(s => p.includes(s)) && p.every(s => w.includes(s)) ? [[k[1], toks[i + p.length - 1][2]]] : [];
	})))));
	hits.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
	let from = hits.length ? text.lastIndexOf(' ', mx(0, hits[0][0] - 60)) + 1 : 0,
		to = text.length > from + 220 ? mx(text.lastIndexOf(' ', from + 220), from + 99) : text.length, p = el('p', 'search-excerpt'), i = from;
	if (from) p.append('… ');
	hits.forEach(h => {
		if (h[0] < i || h[1] > to) return;
		p.append(text.slice(i, h[0]), el('mark', '', text.slice(h[0], h[1])));
		i = h[1];
	});
	p.append(text.slice(i, to) + (to < text.length ? ' …' : ''));
	p.h = hits.length;
	return p;
}

// A page's prose (no headings or listed titles), for matches past its stored text; and
// its words with its title's and headings', for phrases past it.
// With `id`, the text of that heading's section: what follows it up to the next heading.
const FULL = {}, own = (u, all, id) => (FULL[u] || (FULL[u] = fetch(u, T()).then(r => r.ok ? r.text() : '').then(h => new DOMParser().parseFromString(h, 'text/html')).catch(() => 0))).then(d => {
	if (!d) return '';
	let e, h = id && d.getElementById(id), o = [];
	if (id) {
		while (h && (h = h.nextElementSibling) && !/^H\d/.test(h.tagName)) o.push(h.textContent);
		return o.join(' ').replace(/\s+/g, ' ').trim();
	}
	e = d.querySelectorAll('.prose :is(p,li,td,dd)');
	return all ? ' ' + words([d.querySelector('h1'), ...d.querySelectorAll('.prose')].map(e => e && e.textContent).join(' ')).join(' ') + ' ' :
		[...(e.length ? e : d.querySelectorAll('main p'))].filter(e => !e.querySelector('p,li')).map(e => e.textContent).join(' ').replace(/\s+/g, ' ');
});

// A search box as an ARIA combobox: a popup, or the search page's list.
function ui(input) {
	let page = doc.getElementById('search-results'), popup = !page, box = page || el('div', 'search-popup'),
		status = el('p', 'search-status'), list = el('ul'), more = el('button', 'search-more'),
		active = -1, timer, TEXT = {}, DEEP, dq, limit, last, AD = 'aria-activedescendant';
	if (page && page.getAttribute('data-input') != input.id) return;
	if (popup) { box.id = 'search-results'; box.hidden = true; input.form.after(box); }
	at(status, 'role', 'status');
	ats(list, { id: 'search-listbox', role: 'listbox' });
	let lab = () => man && (at(list, 'aria-label', man.l[0]), more.textContent = man.l[1]);
	lab();
	ats(more, { type: 'button', hidden: '' });
	more.onclick = () => { limit += 10; show(last); };
	box.replaceChildren(status, list, more);
	ats(input, { role: 'combobox', 'aria-autocomplete': 'list', 'aria-controls': list.id, 'aria-expanded': false });
	const options = () => list.querySelectorAll('[role=option]');
	function move(i) {
		let o = options();
		if (!o.length) return;
		active = (i + o.length) % o.length;
		o.forEach((e, j) => at(e, 'aria-selected', j == active));
		at(input, AD, o[active].id);
		o[active].scrollIntoView({ block: 'nearest' });
	}
	function open(on) { if (popup) box.hidden = !on; at(input, 'aria-expanded', on); }
	// A phrase holds unless the page's text lacks it: its stored text, or where that is cut
	// short, the page's own, fetched (`go`) only for the results on screen, and held
	// meanwhile; those past them are counted unread.
	const has = (s, r) => r.Q.phrases.every(p => s.includes(p)), WH = {},
		phrase = (r, d, go, t = TEXT[d], w = WH[d]) => !t || has(' ' + words(t[0] + ' ' + t[3]).join(' ') + ' ', r) || t[4] &&
			(w == null ? !go || (WH[d] = own(t[2], 1)).then(s => { WH[d] = s; r == last && show(r); }) : w.then || !w || has(w, r));
	function show(r) {
		if (r.q != dq) DEEP = {}, dq = r.q;
		lab();
		let ph = r.Q && r.Q.phrases.length, k = 0, ids = ph ? r.list.filter(d => phrase(r, d, k < limit) && ++k) : r.list, rows = [], missing = [], deep = [];
		last = r;
		ids.slice(0, limit).forEach(d => {
			let t = TEXT[d], m = r.meta[d] || t, a = el('a'), li = el('li');
			if (!t) missing.push(d);
			if (!m) return;
			at(li, 'role', 'presentation');
			a.href = m[2];
			ats(a, { id: 'search-option-' + rows.length, role: 'option', 'aria-selected': false });
			a.append(el('span', 'search-title', m[0]), ' ', el('span', 'search-kind', man.kinds[m[1]]));
			if (t) {
				let x = excerpt(t[3], r.Q), f = DEEP[d], s = part(t[5], r.Q);
				if (s) at(a, 'href', m[2] + '#' + s[1]), a.append(el('span', 'search-section', s[0]));
				// A result leading to a section shows its text, once read from the page.
				if (!popup && (s || !x.h && t[4]) && f == null) deep.push([d, s && s[1]]);
				a.append(f && (f.h || s) ? f : x);
			}
			li.append(a);
			rows.push(li);
		});
		list.replaceChildren(...rows);
		if (rows.length && !marked) { marked = 1; performance.mark('materia-search-results'); }
		more.hidden = popup || ids.length <= limit;
		active = -1;
		input.removeAttribute(AD);
		let n = ph ? ids.length : r.count, q = r.q.trim();
		status.textContent = q ? man.l[n > 1 ? 4 : n + 2].replace('{n}', n).replace('{q}', q) + (n && r.x ? '. ' + man.l[5].replace('{q}', r.x) : '') : '';
		open(!!q);
		// Busy until ranking and excerpts settle (tests wait).
		at(box, 'aria-busy', !!(r.more || missing.length || deep.length || ph && ids.some(d => WH[d] && WH[d].then)));
		if (missing.length) texts(missing).then(got => {
			mix(TEXT, got);
			if (r == last) show(r);
		}, () => r == last && at(box, 'aria-busy', false));
		let D = DEEP;
		if (deep.length) Promise.all(deep.map(([d, id]) => own(TEXT[d][2], 0, id).then(s => { D[d] = s ? excerpt(s, r.Q) : 0; }))).then(() => r == last && show(r));
	}
	function run() {
		let q = input.value;
		limit = popup ? 8 : 10;
		if (!popup) history.replaceState(null, '', q ? '?q=' + encodeURIComponent(q) : location.pathname);
		if (!q.trim()) { seq++; return show({ q: '', list: [] }); }
		search(q, r => { if (q == input.value) show(r); }).catch(e => { status.textContent = (me.dataset.unavailable || 'Search is unavailable: {error}').replace('{error}', () => e.message); });
	}
	on(input, 'input', () => { clearTimeout(timer); timer = setTimeout(run, 60); });
	on(input, 'keydown', e => {
		let o = options(), k = e.key, d = k == 'ArrowDown' ? 1 : k == 'ArrowUp' ? -1 : 0;
		if (d) open(true), move(active + d);
		else if (k == 'Enter' && o[active]) location.href = o[active].href;
		else if (k == 'Enter' && !popup) run();
		else { if (k == 'Escape') open(false), active = -1; return; }
		e.preventDefault();
	});
	if (popup) {
		const out = e => { let t = e.relatedTarget; if (!input.form.contains(t) && !box.contains(t)) open(false); };
		on(input, 'focus', () => { if (list.children.length) open(true); });
		on(input.form, 'focusout', out);
		on(box, 'focusout', out);
	} else {
		let q = new URLSearchParams(location.search).get('q');
		if (q) { input.value = q; run(); }
	}
}

// For themes' own result lists (docs/themes.md).
window.materiaSearch = { fold, words, stem: stemw, search: q => { let r; return search(q, x => r = x).then(() => r); } };
const BOX = 'input[type=search][name=q]';
doc.querySelectorAll(BOX).forEach(ui);
on(doc, 'keydown', e => {
	let t = e.target, i = doc.querySelector(BOX);
	if (e.key == '/' && i && !(e.ctrlKey || e.metaKey || e.altKey || t.isContentEditable || t.closest('input,textarea,select'))) { e.preventDefault(); i.focus(); i.select(); }
});
})();
