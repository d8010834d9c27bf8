// For a site in a language search has no stemmer for: words are matched as they are
// spelt (folded), as the index counts them.
function stem(w){return w}
