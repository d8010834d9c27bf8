// Search's Portuguese stemmer (src/search/portuguese.rs says why it differs from Snowball's):
// Snowball Portuguese, as rust-stemmers 1.2.0, read on folded words, for a site in Portuguese;
// the browser test compares it with the index's stemmer word for word. A character outside
// the BMP stands as \0 while the rules run, so that positions count characters. p is RV, r R1,
// q R2; E finds the longest suffix and says whether it starts at k or later, F finds one in
// RV, C cuts the word where it starts, D drops the last letter after x if that is in RV.
function stem(w){
let m,b,g,W=[...w],n=(w=W.map(c=>c[1]?'\0':c).join('')).length,
V=i=>/[aeiou]/.test(w[i]||1),
R=s=>(s.match(/^[^]*?[aeiou][^aeiou]/)||[s])[0].length,
P=(f,v)=>{for(;f<n;f++)if(V(f)==v)return f+1},
p=(n>1&&(V(1)?V(0)?P(2,0):n>2&&3:P(2,1)))||n,
r=R(w),q=r+R(w.slice(r)),
E=(x,k)=>(m=w.match(x))&&(b=m.index)>=k,
F=x=>(m=w.slice(p).match(x))&&(b=p+m.index,1),
C=()=>w=w.slice(0,b),
D=x=>x.test(w)&&w.length>p&&(w=w.slice(0,-1));
(E(/(?:(ic[ao]s?|ancia|ador(?:as?|es)?|os[ao]s?|istas?|ezas?|antes?|[ai]vel|ismos?|[ai]mentos?|ac(?:ao|oes))|(logias?)|(uc(?:ao|oes))|(encias?)|(amente)|(mente)|(idades?)|(iv[ao]s?)|(iras?))$/,0)&&b>=((g=m.findIndex((x,i)=>i&&x))-5?g-9?q:p:r)&&(g<9||w[b-1]=='e')&&(w=w.slice(0,b)+([,,'log','u','ente',,,,,'ir'][g]||''),
g==5?E(/(ic|ad|os|iv)$/,q)&&(C(),m[1]=='iv'&&(g=8)):g==6?E(/(ante|[ai]vel)$/,q)&&C():g==7&&E(/(ic|abil|iv)$/,q)&&C(),
g==8&&E(/at$/,q)&&C(),1)||
F(/(?:[ai]d[ao]s?|(?:ir)?ias?|[aei]ras?|avas?|as|(?:(?:[aei]r)?i|[aei]r|av)?am|(?:[aei](?:r|ss))?em|(?:[aei](?:rd?|s[st]))?es|[aei]s[st]e|(?:[aei]r)?ei|(?:a|(?:[aei](?:r|ss)|av|(?:[aei]r)?i)?e)?is|(?:(?:av|(?:[aei]r)?i)?a|(?:[aei](?:r|ss))?e|i|[aei]r)mos|[aei]ndo|[aei]rao|[aei]r|[eio]u)$/)&&(C(),1))?D(/ci$/):E(/(os|[aio])$/,p)&&C();
E(/e$/,p)&&(C(),D(/(gu|ci)$/));
return w.replace(/\0/g,(c,i)=>W[i])}
