// Search's Spanish stemmer (src/search/spanish.rs, which says why it differs from Snowball's):
// Snowball Spanish, as rust-stemmers 1.2.0, read on folded words. Served in search.js in
// place of the English stemmer for a site whose language is Spanish; the browser test
// compares it with the index's stemmer word for word. Regions as Snowball's: p is RV, r is
// R1, q is R2. A suffix is the longest one that ends the word (a regular expression's
// leftmost match anchored at the end); E finds one in the word and says whether it starts
// at k or later, F finds one inside RV, C cuts the word where the suffix starts.
function stem(w){
let m,b,g,q,r,n=w.length,
V=i=>/[aeiou]/.test(w[i]||1),
R=s=>(s.match(/^.*?[aeiou][^aeiou]/)||[s])[0].length,
P=(f,v)=>{for(;f<n;f++)if(V(f)==v)return f+1},
p=(V(0)?!V(1)&&n>1&&P(2,1)||P(1,0):n>1&&!V(1)?P(2,1):n>2&&3)||n,
E=(x,k)=>(m=w.match(x))&&(b=m.index)>=k,
F=x=>(m=w.slice(p).match(x))&&(b=p+m.index,1),
C=()=>w=w.slice(0,b);
q=(r=R(w))+R(w.slice(r));
E(/(ando|iendo|(?<=u)yendo|[aei]r)(me|se|sel[ao]s?|l[aeo]s?|nos)$/,p)&&(w=w.slice(0,b+m[1].length));
E(/(?:(anzas?|ic[ao]s?|ismos?|[ai]bles?|istas?|os[ao]s?|[ai]mientos?)|(ador(?:as?|es)?|acion(?:es)?|antes?|ancias?)|(logias?)|(ucion(?:es)?)|(encias?)|(amente)|(mente)|(idad(?:es)?)|(iv[ao]s?))$/,0)&&b>=((g=m.findIndex((x,i)=>i&&x))-6?q:r)&&(w=w.slice(0,b)+(['','','','log','u','ente'][g]||''),
g==2?E(/ic$/,q)&&C():g==6?E(/(iv|os|ic|ad)$/,q)&&(C(),m[1]=='iv'&&E(/at$/,q)&&C()):g==7?E(/(ante|[ai]ble)$/,q)&&C():g==8?E(/(abil|ic|iv)$/,q)&&C():g==9&&E(/at$/,q)&&C(),1)||
F(/y(?:[ae]n?|eron|endo|o|[ae]s|ais|amos)$/)&&w[b-1]=='u'&&(C(),1)||
F(/(?:(e(?:[ns]|is|mos))|ios?|(?:ab|ar|ier|i)(?:a[sn]?|ais|amos)|[ai]d(?:[ao]s?)?|ed|(?:as|ies)(?:e[sn]?|eis|emos)|[ai]ste(?:is)?|a(?:[sn]|is|mos)|(?:a|ie)(?:ron|ndo)|[aei]r|[aei]re(?:is|mos)|imos)$/)&&(C(),m[1]&&/gu$/.test(w)&&(w=w.slice(0,-1)));
E(/(os|[aoe])$/,p)&&(C(),m[1]=='e'&&/gu$/.test(w)&&w.length>p&&(w=w.slice(0,-1)));
return w}
