// Search's Italian stemmer (src/search/italian.rs says why it differs from Snowball's):
// Snowball Italian, as rust-stemmers 1.2.0, read on folded words; the browser test compares
// it with the index's stemmer word for word. A character outside the BMP stands as \0 while
// the rules run. The u after q, and i or u between vowels, are upper-case (not vowels) till
// the end. p is RV, r R1, q R2; E finds the longest suffix and says if it starts at k or
// later, F finds one in RV, C cuts the word where it starts.
function stem(w){
let m,b,g,p,q,r,W=[...w],
R=s=>(s.match(/^[^]*?[aeiou][^aeiou]/)||[s])[0].length,
E=(x,k)=>(m=w.match(x))&&(b=m.index)>=k,
F=x=>(m=w.slice(p).match(x))&&(b=p+m.index,1),
C=()=>w=w.slice(0,b);
w=W.map(c=>c[1]?'\0':c).join('').replace(/qu|[aeiou][ui](?=[aeiou])/g,s=>s[0]+s[1].toUpperCase());
p=(w.match(/^(?:[^][^aeiou]+[aeiou]|[aeiou]{2,}[^aeiou]|[^aeiou][aeiou][^])/)||[w])[0].length;
q=(r=R(w))+R(w.slice(r));
E(/([ae]ndo|[aei]r)(?:(?:[cmtv]e|glie)?(?:l[aeio]|ne)|sene|gli|[cmstv]i)$/,p)&&(w=w.slice(0,b)+m[1]+(m[1][2]?'':'e'));
E(/(?:(anz[ae]|ic(?:[aeio]|h[ei])|ism[io]|[ai]bil[ei]|ist[aei]|os[aeio]|mente|atric[ei]|ant[ei])|(a(?:zion|tor)[ei])|(logi[ae])|(u[sz]ion[ei])|(enz[ae])|([ai]ment[io])|(amente)|(ita)|(iv[aeio]))$/,0)&&b>=((g=m.findIndex((x,i)=>i&&x))-6?g-7?q:r:p)&&(w=w.slice(0,b)+([,,,'log','u','ente'][g]||''),
g==7?E(/(iv|os|ic|abil)$/,q)&&(C(),m[1]=='iv'&&E(/at$/,q)&&C()):g==8?E(/(ic|abil|iv)$/,q)&&C():g>8&&E(/at$/,q)&&(C(),g=2),g==2&&E(/ic$/,q)&&C(),1)||
F(/(?:[aei]mmo|ando|end[aeio]|[ao]no|[aei]r(?:e|ono)|[ai]r|[aei]ssero|ass(?:e|i(?:mo)?)|[aiu]t[aeio]|(?:[ei]r)?ete|[aei]v(?:[aio]|a(?:mo|no|te))|[ei]r(?:a(?:i|nno)|e(?:bbe(?:ro)?|i|m?mo|st[ei]))|iamo|isc(?:[aeio]|[ao]no)|([ei]ra))$/)&&(m[1]&&(b<q||w[b-1]=='i')||C());
F(/i?[aeio]$/)&&C();F(/(?<=[cg])h$/)&&C();
return w.replace(/[IU]/g,c=>c.toLowerCase()).replace(/\0/g,(c,i)=>W[i])}
