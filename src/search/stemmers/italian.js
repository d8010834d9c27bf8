// Snowball Italian, as rust-stemmers 1.2.0 (its italian.sbl), for words already folded as
// search folds them (no accents, so its accented endings never match). Served in search.js
// in place of the English stemmer for a site whose language is Italian; the browser test
// compares it with the index's stemmer word for word. The prelude writes u after q, and i
// or u between vowels, upper-case (not vowels); the end makes them lower-case again. p is
// RV, r is R1, q is R2, R finds where a region starts. A suffix is the longest one that
// ends the word (a regular expression's leftmost match anchored at the end); E finds one
// and says whether it starts at k or later, C cuts the word where it starts, V cuts one
// found inside RV.
function stem(w){
let m,b,g,p,q,r,
R=s=>(s.match(/^.*?[aeiou][^aeiou]/)||[s])[0].length,
E=(x,k)=>(m=w.match(x))&&(b=m.index)>=k,
C=()=>w=w.slice(0,b),
V=x=>w=w.slice(0,p)+w.slice(p).replace(x,'');
w=w.replace(/qu|[aeiou][ui](?=[aeiou])/g,s=>s[0]+s[1].toUpperCase());
p=(w.match(/^(?:.[^aeiou]+[aeiou]|[aeiou]{2,}[^aeiou]|[^aeiou][aeiou].)/)||[w])[0].length;
q=(r=R(w))+R(w.slice(r));
E(/([ae]ndo|[aei]r)(?:(?:[cmtv]e|glie)?(?:l[aeio]|ne)|sene|gli|[cmstv]i)$/,p)&&(w=w.slice(0,b)+m[1]+(m[1][2]?'':'e'));
E(/(?:(anz[ae]|ic(?:[aeio]|h[ei])|ism[io]|[ai]bil[ei]|ist[aei]|os[aeio]|mente|atric[ei]|ant[ei])|(a(?:zion|tor)[ei])|(logi[ae])|(u[sz]ion[ei])|(enz[ae])|([ai]ment[io])|(amente)|(iv[aeio]))$/,0)&&b>=((g=m.findIndex((x,i)=>i&&x))-6?g-7?q:r:p)&&(w=w.slice(0,b)+(['','','','log','u','ente'][g]||''),
g==7?E(/(iv|os|ic|abil)$/,q)&&(C(),m[1]=='iv'&&E(/at$/,q)&&C()):g==8&&E(/at$/,q)&&(C(),g=2),g==2&&E(/ic$/,q)&&C(),1)||
V(/(?:[aei]mmo|ando|end[aeio]|[ao]no|[aei]r(?:e|ono)|[ai]r|[aei]ssero|ass(?:e|i(?:mo)?)|[aiu]t[aeio]|(?:[ei]r)?ete|[aei]v(?:[aio]|a(?:mo|no|te))|[ei]r(?:a(?:i|nno)|e(?:bbe(?:ro)?|i|m?mo|st[ei]))|iamo|isc(?:[aeio]|[ao]no))$/);
V(/i?[aeio]$/);V(/(?<=[cg])h$/);
return w.replace(/[IU]/g,c=>c.toLowerCase())}
