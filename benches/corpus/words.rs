//! The vocabulary: filler words, keyword and tag pools, people, and the syllables invented
//! record names are made of.

/// Filler words, common in health writing. Invented record names never collide with these.
#[rustfmt::skip]
pub(super) const FUNCTION_WORDS: &[&str] = &[
    "the", "a", "of", "and", "in", "to", "with", "for", "is", "are", "may", "can", "often", "also",
    "that", "this", "these", "from", "by", "as", "on", "at", "or", "but", "when", "while",
    "because", "which", "more", "most", "some", "many", "each", "their", "its", "not", "usually",
    "rarely", "still", "even",
];

#[rustfmt::skip]
pub(super) const CONTENT_WORDS: &[&str] = &[
    "body", "cells", "tissue", "nerves", "muscles", "blood", "energy", "levels", "intake", "diet",
    "food", "meals", "protein", "fat", "sugar", "water", "sleep", "rest", "stress", "activity",
    "exercise", "walking", "training", "recovery", "routine", "habits", "evening", "morning",
    "week", "month", "year", "people", "adults", "children", "patients", "readers", "doctors",
    "clinicians", "researchers", "studies", "trials", "evidence", "data", "results", "reviews",
    "reports", "cases", "signs", "changes", "effects", "risk", "risks", "benefit", "benefits",
    "dose", "doses", "amount", "timing", "form", "forms", "label", "quality", "purity", "testing",
    "screening", "diagnosis", "treatment", "care", "support", "advice", "guidance", "plan",
    "approach", "strategy", "balance", "function", "response", "process", "pathway", "system",
    "signal", "rhythm", "pattern", "factor", "factors", "marker", "markers", "range", "threshold",
    "symptom", "condition", "problem", "issue", "question", "answer", "reason", "cause", "causes",
    "source", "sources", "example", "detail", "context", "history", "family", "age", "weight",
    "height", "pressure", "temperature", "appetite", "digestion", "absorption", "metabolism",
    "hydration", "inflammation", "immunity", "circulation", "memory", "focus", "mood", "attention",
    "comfort", "mobility", "strength", "endurance", "flexibility", "posture", "breathing",
    "heartbeat", "skin", "hair", "nails", "eyes", "ears", "joints", "bones", "spine", "hands",
    "feet", "legs", "arms", "chest", "stomach", "liver", "kidneys", "brain", "mild", "moderate",
    "severe", "chronic", "acute", "early", "late", "gradual", "sudden", "common", "rare",
    "typical", "unusual", "steady", "variable", "daily", "weekly", "regular", "occasional",
    "careful", "gentle", "simple", "complex", "practical", "useful", "important", "clear",
    "reliable", "modest", "strong", "weak", "higher", "lower", "better", "worse", "similar",
    "different", "specific", "general", "personal", "clinical", "dietary", "physical", "mental",
    "emotional", "social", "natural", "synthetic", "balanced", "consistent", "measured",
    "supports", "improves", "reduces", "increases", "affects", "changes", "helps", "explains",
    "suggests", "shows", "notes", "describes", "compares", "tracks", "measures", "lowers",
    "raises", "protects", "restores", "limits", "triggers", "eases", "worsens", "persists",
    "appears", "develops", "returns", "fades", "builds", "depends", "varies", "matters", "works",
    "fits", "takes", "needs", "uses", "keeps", "starts", "stops", "follows", "checks", "discuss",
    "consider", "notice", "record", "review", "adjust", "combine", "avoid", "choose", "read",
    "ask", "clinic", "pharmacy", "kitchen", "garden", "office", "season", "winter", "summer",
    "travel", "workplace", "household", "journal", "diary", "notebook", "schedule", "calendar",
];

#[rustfmt::skip]
pub(super) const KEYWORD_HEADS: &[&str] = &[
    "gut", "sleep", "muscle", "nerve", "bone", "skin", "immune", "energy", "stress", "hormone",
    "blood", "liver", "kidney", "brain", "joint", "eye", "heart", "thyroid", "adrenal",
    "mitochondrial", "dietary", "mineral", "vitamin", "protein", "fiber",
];

#[rustfmt::skip]
pub(super) const KEYWORD_TAILS: &[&str] = &[
    "health", "balance", "support", "function", "recovery", "absorption", "deficiency", "intake",
    "levels", "markers", "quality", "resilience", "tolerance", "metabolism", "signaling", "repair",
    "density", "rhythm", "inflammation", "testing",
];

#[rustfmt::skip]
pub(super) const TAGS: &[&str] = &[
    "nutrition", "sleep", "fitness", "aging", "immunity", "digestion", "mood", "focus", "energy",
    "recovery", "hydration", "minerals", "vitamins", "herbs", "hormones", "heart", "brain", "skin",
    "joints", "bones", "stress", "women", "men", "children", "seniors", "athletes", "vegan",
    "keto", "fasting", "labs", "research", "safety", "dosage", "interactions", "pregnancy",
    "travel", "allergies", "weight", "pain", "eyes",
];

#[rustfmt::skip]
pub(super) const SECTIONS: &[&str] = &[
    "nutrition", "neurology", "cardiology", "digestion", "sleep", "fitness", "mental-health",
    "skin-care", "aging", "immunity",
];

#[rustfmt::skip]
pub(super) const AUTHORS: &[&str] = &[
    "Ada Brennan", "Malik Osei", "Hana Sato", "Lucia Ferraro", "Tomas Lindqvist", "Priya Raman",
    "Jonah Weller", "Ines Duarte", "Kwame Mensah", "Elena Petrova", "Sam Okafor", "Mia Kowalski",
];

#[rustfmt::skip]
pub(super) const REVIEWERS: &[&str] = &[
    "Dr. Clara Hughes, MD", "Dr. Rafael Ortiz, MD", "Dr. Yuki Tanaka, PharmD",
    "Dr. Amara Nwosu, MD", "Dr. Felix Braun, RD", "Dr. Leila Haddad, MD",
];

#[rustfmt::skip]
pub(super) const BODY_SYSTEMS: &[&str] = &[
    "nervous", "cardiovascular", "digestive", "musculoskeletal", "integumentary", "respiratory",
    "endocrine", "immune", "urinary", "reproductive", "sensory",
];

#[rustfmt::skip]
pub(super) const FORMS: &[&str] = &[
    "capsule", "tablet", "powder", "liquid", "gummy", "softgel", "lozenge",
];

// Syllables for invented names.
#[rustfmt::skip]
pub(super) const CLINICAL_HEADS: &[&str] = &[
    "neuro", "cardio", "myo", "gastro", "dermo", "hepato", "nephro", "osteo", "pneumo",
    "encephalo", "arthro", "vaso", "hemo", "lympho", "thyro", "oculo", "oto", "rhino", "entero",
    "cysto", "angio", "chondro", "fibro", "glosso", "laryngo", "spleno", "pyelo", "sialo",
    "tricho", "onycho",
];
#[rustfmt::skip]
pub(super) const CLINICAL_MIDS: &[&str] = &[
    "val", "tor", "mex", "rin", "zan", "quil", "bex", "dor", "lin", "pax", "ser", "vol", "trem",
    "kal", "nib", "sor", "ful", "gan", "ter", "hol",
];
#[rustfmt::skip]
pub(super) const CLINICAL_TAILS: &[&str] = &[
    "algia", "itis", "pathy", "plexia", "trophy", "spasm", "esthesia", "rrhea", "dynia", "osis",
    "megaly", "lepsy",
];
#[rustfmt::skip]
pub(super) const CHEM_HEADS: &[&str] = &[
    "zor", "kel", "ves", "dra", "lum", "myr", "tal", "quen", "bor", "sil", "fen", "cor", "nav",
    "pel", "rho", "tiv", "gal", "hex", "jun", "orn",
];
pub(super) const CHEM_PREFIXES: &[&str] =
    &["methyl", "ethyl", "chelo", "nano", "lipo", "bio", "cyano"];
pub(super) const VOWELS: &[&str] = &["a", "i", "o", "e", "u"];
#[rustfmt::skip]
pub(super) const CHEM_MIDS: &[&str] = &[
    "van", "lor", "ten", "mis", "dar", "rop", "cel", "fin", "gur", "sat",
];
#[rustfmt::skip]
pub(super) const CHEM_TAILS: &[&str] = &[
    "ine", "ate", "ol", "ide", "amin", "ase", "one", "ium", "ene", "yl",
];
#[rustfmt::skip]
pub(super) const LAY_CONSONANTS: &[&str] = &[
    "b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "pl", "tr",
];
#[rustfmt::skip]
pub(super) const LAY_NOUNS: &[&str] = &[
    "ache", "twitch", "fog", "tingle", "cramps", "flutter", "sting", "chills", "throb", "itch",
];
pub(super) const SUPPLEMENT_NOUNS: &[&str] =
    &["extract", "citrate", "complex", "glycinate", "root", "oil"];
