// Snowball German, as rust-stemmers 1.2.0 (its german.sbl), for words already folded as
// search folds them (ä is a, ß stays ß until the stemmer makes it ss). Served in search.js
// in place of the English stemmer for a site whose language is German; the browser test
// compares it with the index's stemmer word for word. r is R1 (at least 3), q is R2; M
// finds a step's suffix, the longest that ends the word, and whether it lies in a region.
function stem(w){
let s,b,r,q,n,
R=s=>(s.match(/^.*?[aeiouy][^aeiouy]/)||[s])[0].length,
M=(x,k)=>(s=w.match(x))&&(b=s.index)>=k,
C=k=>w=w.slice(0,-k);
w=w.replace(/ß/g,'ss').replace(/([aeiouy])([uy])(?=[aeiouy])/g,s=>s[0]+s[1].toUpperCase());
n=w.length;q=(r=R(w))+R(w.slice(r));n<3?r=q=n:r<3&&(r=3);
M(/(e[mnrs]?|ern|s)$/,r)&&(s[1]=='s'?/[bdfghklmnrt]s$/.test(w)&&C(1):(w=w.slice(0,b),/^e[ns]?$/.test(s[1])&&/niss$/.test(w)&&C(1)));
M(/(e[nr]|e?st)$/,r)&&(s[1]!='st'||b>3&&/[bdfghklmnt]/.test(w[b-1]))&&C(s[1].length);
M(/(end|ung|i[gk]|isch|lich|heit|keit)$/,q)&&((s=s[1])<'f'|s>'u'?(C(3),/[^e]ig$/.test(w)&&w.length-2>=q&&C(2)):s<'j'&s>'i'?w[b-1]!='e'&&C(s.length):(C(4),s[0]!='k'?/e[nr]$/.test(w)&&w.length-2>=r&&C(2):M(/(lich|ig)$/,q)&&C(s[1].length)));
return w.replace(/[UY]/g,c=>c.toLowerCase())}
