// Search's French stemmer (src/search/french.rs, which says why it differs from Snowball's):
// Snowball French, as rust-stemmers 1.2.0, read on folded words. Served in search.js in
// place of the English stemmer for a site whose language is French; the browser test
// compares it with the index's stemmer word for word.
// Regions as Snowball's: p is RV, r is R1, q is R2. A suffix is the longest one that ends
// the word (a regular expression's leftmost match anchored at the end), and a rule whose
// condition fails fails its step, as `among` does. D replaces the suffix at b.
function stem(w){
let m,g,b,p,q,r,n,
V=i=>/[aeiouy]/.test(w[i]||1),
R=s=>(s.match(/^.*?[aeiouy][^aeiouy]/)||[s])[0].length,
D=(c,t='')=>c&&(w=w.slice(0,b)+t,1),
E=x=>w.endsWith(x)&&(b=w.length-x.length,1),
F=x=>(m=w.slice(p).match(x))&&(b=p+m.index,1);
w=w.replace(/([aeiouy])([ui](?=[aeiouy])|y)|y(?=[aeiouy])|qu/g,s=>s[1]?s[0]+s[1].toUpperCase():'Y');
n=w.length;
p=V(0)&&V(1)&&n>2||/^(par|col|tap)/.test(w)?3:(m=w.slice(1).search(/[aeiouy]/))<0?n:m+2;
q=(r=R(w))+R(w.slice(r));
if((m=w.match(/(?:((?:anc|iqU|ism|abl|ist)es?|eux)|(at(?:rice|eur|ion)s?)|(logies?)|(u[st]ions?)|(ences?)|(ements?)|(ites?)|(i(?:f|ve)s?)|(eaux)|(aux)|(euses?)|(issements?)|(amment)|(emment)|(ments?))$/))&&(b=m.index,g=m.findIndex((x,i)=>i&&x),
g<6?D(b>=q,['','','','log','u','ent'][g])&&(g-2||E('ic')&&D(1,b<q?'iqU':''),1):
g<7?D(b>=p)&&((E('iv')?D(b>=q)&&E('at')&&D(b>=q):E('eus')?D(b>=r,b<q?'eux':''):E('ier')||E('Ier')?D(b>=p,'i'):(E('abl')||E('iqU'))&&D(b>=q)),1):
g<8?D(b>=q)&&((E('abil')?D(1,b<q?'abl':''):E('ic')?D(1,b<q?'iqU':''):E('iv')&&D(b>=q)),1):
g<9?D(b>=q)&&(E('at')&&D(b>=q)&&E('ic')&&D(1,b<q?'iqU':''),1):
g<10?D(1,'eau'):g<11?D(b>=r,'al'):g<12?D(b>=r,b<q?'eux':''):g<13?D(b>=r&&!V(b-1)):(D(g<15?b>=p:V(b-1)&&b>p,['ant','ent',''][g-13]),0))||
F(/i(?:es?|[st]|r(?:a(?:i[st]?|Ient|s)?|ent|ez|iez|i?ons|ont)?|ss(?:a(?:Ient|i[st]|nt(?:es?|s)?)|e(?:nt|[sz])?|iez|i?ons))?$/)&&b>p&&D(!V(b-1))||
F(/(?:(ions)|(e(?:r(?:a(?:i[st]?|Ient|s)?|ent|ez|iez|i?ons|ont)?|z|es?)|iez)|(a(?:i[st]?|Ient|nt(?:es?|s)?|s(?:s(?:e(?:nt|s)?|iez|ions))?)?))$/)&&(m[1]?D(b>=q):(g=m[3],D(1),g&&E('e')&&D(b>=p),1)))w=w.replace(/Y$/,'i');
else{/[^aious]s$/.test(w)&&(w=w.slice(0,-1));F(/(?:(ion)|([iI]ere?)|e)$/)&&D(m[1]?b>=q&&b>p&&/[st]/.test(w[b-1]):1,m[2]?'i':'')}
/(enn|onn|ett|ei?ll)$/.test(w)&&(w=w.slice(0,-1));
return w.replace(/[IUY]/g,c=>c.toLowerCase())}
