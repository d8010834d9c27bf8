//! The search index under `/search/`: what it holds, how it ranks, how it is split. The
//! browser side (the theme's `search.js`) is driven in `search_browser`.

use crate::support::Site;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// A small knowledge base written for search: lay names, clinical names, an accented
/// title, a misspellable supplement, a phrase found in one article only, and a hostile
/// title.
pub fn search_site() -> Site {
    let site = Site::new();
    site.file(
        "content/symptoms/paresthesia.yaml",
        "name: Paresthesia\naliases: [pins and needles, tingling]\n\
         summary: Prickling or crawling feelings in the skin.\n\
         description: The feeling of a limb waking up after being slept on.\n",
    )
    .file(
        "content/symptoms/fatigue.yaml",
        "name: Fatigue\naliases: [tiredness, exhaustion, tired all the time]\n\
         summary: A lasting lack of energy that rest does not mend.\n",
    )
    .file(
        "content/symptoms/numbness.yaml",
        "name: Numbness\naliases: [loss of sensation]\nsummary: Reduced feeling in part of the body.\n",
    )
    .file(
        "content/supplements/magnesium.yaml",
        "name: Magnesium\naliases: [magnesium glycinate, magnesium citrate]\n\
         summary: A mineral that muscles and nerves rely on.\n",
    )
    .file(
        "content/supplements/b12.yaml",
        "name: Vitamin B12\naliases: [cobalamin, methylcobalamin]\n\
         summary: A vitamin that nerves and red blood cells need.\n",
    )
    .file(
        "content/supplements/vitamin-d.yaml",
        "name: Vitamin D\naliases: [cholecalciferol]\nsummary: The sunshine vitamin.\n",
    )
    .article(
        "nerves/tingling-hands.md",
        "title: Why hands and feet tingle\ndescription: Common reasons for prickling hands.",
        "Tingling in the hands often starts at night. Some people describe burning feet \
         as well, and a few notice numbness in the toes.\n\n\
         ## When it passes\n\nShort episodes after sitting cross-legged are harmless.\n",
    )
    .article(
        "energy/always-tired.md",
        "title: Feeling worn out every day\ndescription: What lies behind a constant lack of energy.",
        "Tiredness that does not lift after a weekend of rest deserves a closer look. \
         Poor sleep, low iron (and the anemia it leads to) and stress are the usual suspects; \
         so is a lack of vitamin B-12, diagnosed with a blood test.\n",
    )
    .article(
        "minerals/magnesium-sleep.md",
        "title: Magnesium and a good night's sleep\ndescription: Can a mineral help you rest?",
        "Magnesium takes part in hundreds of reactions in the body. Evening doses are popular \
         with people who sleep badly, though trials are small.\n",
    )
    .article(
        "diet/cafe-breakfast.md",
        "title: Café breakfasts for steady energy\ndescription: Ordering well when eating out.",
        "Eggs, oats and fruit keep blood sugar level through the morning. Pastries alone \
         do not help much.\n",
    )
    .article(
        "nerves/b12-guide.md",
        "title: Vitamin B12 deficiency explained\ndescription: Causes, signs and treatment of low B12.",
        "Cobalamin keeps nerves insulated. A deficiency develops slowly, over years, and its \
         diagnosis often comes late.\n\n\
         ## Neurological signs\n\nFeet that burn, unsteady walking and memory lapses can all \
         appear before anaemia does.\n",
    )
    .article(
        "misc/odd-title.md",
        "title: \"Odd title <img src=x onerror=alert(1)>\"",
        "This page exists to test escaping; it mentions zebrafish research.\n",
    )
    .article(
        "nerves/balance.md",
        "title: Keeping your balance as you age\ndescription: Simple ways to stay steady on your feet.",
        "## Exercises\n\nStanding on one leg trains proprioception, the sense of where the \
         body is in space.\n",
    );
    site
}

/// An empty site whose `language` is `tag`.
pub fn site_in(tag: &str) -> Site {
    let site = Site::new();
    site.file(
        "site.toml",
        &format!("{}language = \"{tag}\"\n", crate::support::SITE_TOML),
    );
    site
}

/// A small French knowledge base: accented words, and the same word with and without its
/// accents and in several forms ("fatigue", "fatigués", "fatiguée").
pub fn french_site() -> Site {
    let site = site_in("fr");
    site.file(
        "content/symptoms/fatigue.yaml",
        "name: Fatigue\naliases: [épuisement]\nsummary: Un manque d'énergie que le repos ne répare pas.\n",
    )
    .file(
        "content/supplements/b12.yaml",
        "name: Vitamine B12\naliases: [cobalamine]\nsummary: Une vitamine dont les nerfs ont besoin.\n",
    )
    .article(
        "energie/toujours-fatiguee.md",
        "title: Toujours fatiguée, même après une nuit complète\ndescription: Les causes d'un manque d'énergie durable.",
        "Les patients se disent fatigués dès le matin. Une carence en fer ou une anémie \
         peut en être la cause.\n",
    )
    .article(
        "nerfs/fourmillements.md",
        "title: Fourmillements dans les mains\ndescription: Quand consulter pour des picotements.",
        "Les fourmillements nocturnes sont fréquents ; une activité répétée les aggrave.\n",
    );
    site
}

/// A small Spanish knowledge base: accented words, and words in several forms
/// ("hormigueo", "hormigueos"; "sanitaria").
pub fn spanish_site() -> Site {
    let site = site_in("es");
    site.file(
        "content/symptoms/hormigueo.yaml",
        "name: Hormigueo\naliases: [parestesia]\nsummary: Una sensación de pinchazos en la piel.\n",
    )
    .file(
        "content/supplements/b12.yaml",
        "name: Vitamina B12\naliases: [cobalamina]\nsummary: Una vitamina que los nervios necesitan.\n",
    )
    .article(
        "nervios/hormigueo.md",
        "title: Hormigueos en las manos y los pies\ndescription: Cuándo consultar por los pinchazos.",
        "Los hormigueos nocturnos son frecuentes; una actividad repetida los empeora.\n",
    )
    .article(
        "energia/cansancio.md",
        "title: Cansada incluso después de dormir bien\ndescription: Las causas de una falta de energía duradera.",
        "Una mala nutrición o una carencia de hierro puede ser la causa. La atención \
         sanitaria empieza por un análisis de sangre.\n",
    );
    site
}

/// A small Portuguese knowledge base: accented words ("nutrição", "deficiências"), a lay
/// name for a symptom, and words in several forms ("formigamento", "formigamentos";
/// "cansada", "cansados").
pub fn portuguese_site() -> Site {
    let site = site_in("pt-BR");
    site.file(
        "content/symptoms/formigamento.yaml",
        "name: Formigamento\naliases: [parestesia, sensação de agulhadas]\nsummary: Uma sensação de picadas na pele.\n",
    )
    .file(
        "content/supplements/b12.yaml",
        "name: Vitamina B12\naliases: [cobalamina]\nsummary: Uma vitamina de que os nervos precisam.\n",
    )
    .article(
        "nervos/formigamentos.md",
        "title: Formigamentos nas mãos e nos pés\ndescription: Quando procurar um médico por causa das picadas.",
        "Os formigamentos noturnos são frequentes; uma atividade repetida os piora.\n",
    )
    .article(
        "energia/cansaco.md",
        "title: Cansada mesmo depois de dormir bem\ndescription: Por que a energia demora a voltar.",
        "Uma nutrição pobre ou deficiências de ferro podem ser a causa. A avaliação \
         começa com um exame de sangue.\n",
    );
    site
}

/// A small Italian knowledge base: accented words ("perché", "più"), a lay name for a
/// symptom, and words in several forms ("formicolio", "formicolii"; "stanca", "stanchi").
pub fn italian_site() -> Site {
    let site = site_in("it");
    site.file(
        "content/symptoms/formicolio.yaml",
        "name: Formicolio\naliases: [parestesia, spilli e aghi]\nsummary: Una sensazione di punture sulla pelle.\n",
    )
    .file(
        "content/supplements/b12.yaml",
        "name: Vitamina B12\naliases: [cobalamina]\nsummary: Una vitamina di cui i nervi hanno bisogno.\n",
    )
    .article(
        "nervi/formicolii.md",
        "title: Formicolii alle mani e ai piedi\ndescription: Quando rivolgersi al medico per le punture.",
        "I formicolii notturni sono frequenti; un'attività ripetuta li peggiora.\n",
    )
    .article(
        "energia/stanchezza.md",
        "title: Stanca anche dopo aver dormito bene\ndescription: Perché l'energia manca più a lungo del previsto.",
        "Un'alimentazione povera o una carenza di ferro possono esserne la causa. La \
         valutazione sanitaria comincia con un esame del sangue.\n",
    );
    site
}

/// The search fixture, built, and its index.
fn built_index() -> Index {
    let site = search_site();
    site.build().assert_ok();
    Index::read(&site)
}

/// The built index: the manifest and every shard, parsed.
struct Index {
    manifest: Value,
    shards: Vec<Value>,
}

impl Index {
    fn read(site: &Site) -> Index {
        let manifest: Value = serde_json::from_str(&site.read("search/index.json")).unwrap();
        let count = manifest["shards"].as_array().unwrap().len();
        let shards = (0..count)
            .map(|i| serde_json::from_str(&site.read(&format!("search/s/{i}.json"))).unwrap())
            .collect();
        Index { manifest, shards }
    }

    /// The index of a site in a language other than English: `stop` words left out of it
    /// and listed for the browser, the typo fallback's `ending` in the manifest, and none
    /// of the English-only lists.
    fn assert_language(&self, stop: &[&str], ending: &str) {
        for word in stop {
            assert!(self.postings(word).is_empty(), "{word} is indexed");
        }
        let manifest = &self.manifest;
        assert!(manifest["stop"]
            .as_array()
            .unwrap()
            .contains(&Value::from(stop[0])));
        assert_eq!(manifest["sis"], 0);
        assert_eq!(manifest["sp"], serde_json::json!({}));
        assert_eq!(manifest["ir"], serde_json::json!({}));
        assert!(manifest["suf"]
            .as_array()
            .unwrap()
            .contains(&Value::from(ending)));
    }

    /// The first term of each shard, from the manifest.
    fn firsts(&self) -> Vec<&str> {
        self.manifest["shards"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect()
    }

    /// URLs of the pages in a term's in-shard postings, best first (`#id` for pages whose
    /// title the shard does not carry).
    fn postings(&self, term: &str) -> Vec<String> {
        self.scores(term).into_iter().map(|(url, _)| url).collect()
    }

    /// The same postings with each page's score for the term.
    fn scores(&self, term: &str) -> Vec<(String, u64)> {
        let firsts = self.firsts();
        // A term sorting before the first shard's first is in none.
        let Some(shard) = firsts.iter().rposition(|f| *f <= term) else {
            return Vec::new();
        };
        let Some(list) = self.shards[shard]["t"][term].as_array() else {
            return Vec::new();
        };
        let urls = self.urls();
        list[3..]
            .chunks(2)
            .map(|p| {
                let id = p[0].as_u64().unwrap();
                let url = urls.get(&id).cloned().unwrap_or_else(|| format!("#{id}"));
                (url, p[1].as_u64().unwrap())
            })
            .collect()
    }

    /// Every page id the shards name, with its URL.
    fn urls(&self) -> BTreeMap<u64, String> {
        let mut urls = BTreeMap::new();
        for shard in &self.shards {
            for row in shard["d"].as_array().unwrap() {
                urls.insert(
                    row[0].as_u64().unwrap(),
                    row[3].as_str().unwrap().to_string(),
                );
            }
        }
        urls
    }
}

#[test]
fn index_covers_articles_symptoms_and_supplements() {
    let index = built_index();
    assert_eq!(index.manifest["docs"], 7 + 3 + 3);
    let urls: Vec<String> = index.urls().into_values().collect();
    for url in [
        "/articles/nerves/b12-guide/",
        "/symptoms/paresthesia/",
        "/supplements/magnesium/",
    ] {
        assert!(
            urls.contains(&url.to_string()),
            "{url} missing from {urls:?}"
        );
    }
}

#[test]
fn title_outranks_body() {
    let index = built_index();
    // The supplement is named Magnesium; the article has the word in its title and body.
    // A word in one page's body alone still finds that page.
    assert_eq!(
        index.postings("magnesium")[..2],
        [
            "/supplements/magnesium/",
            "/articles/minerals/magnesium-sleep/"
        ]
    );
    assert_eq!(index.postings("propriocept"), ["/articles/nerves/balance/"]);
}

/// A word on every page saturates the same everywhere; a record named by it alone, in its
/// title or in a one-word alias, comes first.
#[test]
fn a_one_word_alias_names_the_page_as_a_title_does() {
    let site = Site::new();
    site.file(
        "content/supplements/vitamin-b12.yaml",
        "name: Vitamin B12\naliases: [B12, cobalamin, B12 shots]\nsummary: A vitamin.\n",
    );
    for (slug, title) in [
        ("tests", "Tests for B12: serum B12, active B12"),
        ("diet", "B12 in the diet"),
    ] {
        site.article(
            &format!("b12/{slug}.md"),
            &format!("title: \"{title}\""),
            &"B12 levels fall slowly; B12 tests catch it. ".repeat(8),
        );
    }
    site.build().assert_ok();
    let index = Index::read(&site);
    assert_eq!(index.postings("b12")[0], "/supplements/vitamin-b12/");
}

/// A word that two synonym groups lend adds up both: every page of a B12 site is lent
/// "shot" by the alias "B12 shots", and a site group of "injection" and "shot" ranks among
/// them the page that speaks of injections.
#[test]
fn a_word_lent_by_two_synonym_groups_ranks_by_both() {
    let site = Site::new();
    site.file(
        "site.toml",
        &format!(
            "{}\n[search]\nsynonyms = [[\"injection\", \"shot\"]]\n",
            crate::support::SITE_TOML
        ),
    )
    .file(
        "content/supplements/vitamin-b12.yaml",
        "name: Vitamin B12\naliases: [B12, B12 shots]\nsummary: A vitamin.\n",
    );
    // Both articles say B12 as often; the first sorts first where scores tie.
    for (slug, extra) in [
        ("a-diet", "Eggs and milk have some."),
        (
            "b-treatment",
            "An injection works; injections are given monthly.",
        ),
    ] {
        site.article(
            &format!("b12/{slug}.md"),
            &format!("title: \"About {slug}\""),
            &format!(
                "{}{extra}\n",
                "B12 levels fall slowly; B12 tests catch it. ".repeat(8)
            ),
        );
    }
    site.build().assert_ok();
    let shot = Index::read(&site).scores("shot");
    let score = |url: &str| {
        shot.iter()
            .find(|(u, _)| u == url)
            .map(|(_, s)| *s)
            .unwrap_or_else(|| panic!("{url} not found by \"shot\": {shot:?}"))
    };
    assert!(
        score("/articles/b12/b-treatment/") > score("/articles/b12/a-diet/"),
        "the page about injections ranks first: {shot:?}"
    );
}

/// A supplement page is found by every text it shows: its forms, dose, upper limit and
/// interactions as well as its description.
#[test]
fn a_supplement_is_found_by_its_dose_limit_forms_and_interactions() {
    let site = Site::new();
    site.file(
        "content/supplements/zinc.yaml",
        "name: Zinc\nforms: [zinc picolinate]\ntypical_dose: 10 milligrams with breakfast\n\
         upper_limit: 40 milligrams, above which copper runs low\n\
         interactions: Apart from tetracyclines by two hours.\n",
    );
    site.build().assert_ok();
    let index = Index::read(&site);
    for term in ["picolin", "breakfast", "copper", "tetracyclin"] {
        assert_eq!(index.postings(term), ["/supplements/zinc/"], "{term}");
    }
}

/// A record page is found by the titles its sections show, where it shows them ("vitamin
/// d upper limit", "numbness when to seek care"), in the site's language.
#[test]
fn a_record_is_found_by_the_titles_of_the_sections_it_shows() {
    let site = Site::new();
    site.file(
        "content/supplements/zinc.yaml",
        "name: Zinc\ntypical_dose: 10 milligrams with breakfast\n\
         interactions: Apart from tetracyclines by two hours.\n",
    )
    .file(
        "content/symptoms/itch.yaml",
        "name: Itch\nsummary: Skin that prickles.\nseek_care: If it spreads.\n",
    )
    .file(
        "content/symptoms/rash.yaml",
        "name: Rash\nsummary: Red skin.\n",
    );
    site.build().assert_ok();
    let index = Index::read(&site);
    for term in ["typic", "interact", "caution"] {
        assert_eq!(index.postings(term), ["/supplements/zinc/"], "{term}");
    }
    // Zinc shows no upper limit, Rash no "When to seek care".
    assert!(index.postings("upper").is_empty());
    assert_eq!(index.postings("seek"), ["/symptoms/itch/"]);

    let french = Site::new();
    french
        .file(
            "site.toml",
            &format!("{}language = \"fr\"\n", crate::support::SITE_TOML),
        )
        .file(
            "content/symptoms/demangeaison.yaml",
            "name: Démangeaison\nsummary: La peau gratte.\nseek_care: Si elle s'étend.\n",
        );
    french.build().assert_ok();
    let index = Index::read(&french);
    assert_eq!(index.postings("consult"), ["/symptoms/demangeaison/"]);
    assert!(index.postings("seek").is_empty());
}

#[test]
fn aliases_are_synonyms_for_the_record_and_the_articles_that_mention_it() {
    let index = built_index();
    // "pins and needles" is only an alias: the article says "tingling".
    let needles = index.postings("needl");
    assert_eq!(needles[0], "/symptoms/paresthesia/");
    assert!(
        needles.contains(&"/articles/nerves/tingling-hands/".to_string()),
        "the article mentioning tingling should be found by the alias: {needles:?}"
    );
    assert!(
        !needles.contains(&"/articles/energy/always-tired/".to_string()),
        "an article that does not mention paresthesia must not match: {needles:?}"
    );
}

/// A record's other names find an article in proportion to how much it uses them, and
/// below an article using the reader's own words: "pins and needles" ranks the article
/// that says so once above one that says "tingling" four times, and that one above one
/// saying "tingling" once.
#[test]
fn aliases_rank_pages_by_how_much_they_use_the_records_names() {
    let site = Site::new();
    site.file(
        "content/symptoms/paresthesia.yaml",
        "name: Paresthesia\naliases: [pins and needles, tingling]\nsummary: Prickling skin.\n",
    );
    let filler = "Sleep, food and movement all play a part in how the body feels each day. ";
    for (slug, mentions) in [
        (
            "once-in-passing",
            "Some people feel tingling in the hands. ",
        ),
        (
            "the-words-themselves",
            "Some people feel pins and needles in the hands. ",
        ),
        (
            "all-about-it",
            "Tingling starts in the toes. Tingling spreads. Tingling at night is common. \
             Tingling that lasts needs a doctor. ",
        ),
    ] {
        site.article(
            &format!("nerves/{slug}.md"),
            &format!("title: {slug}"),
            &format!("{}{mentions}{}", filler.repeat(4), filler.repeat(4)),
        );
    }
    site.build().assert_ok();
    let index = Index::read(&site);
    assert_eq!(
        index.postings("needl"),
        [
            "/symptoms/paresthesia/",
            "/articles/nerves/the-words-themselves/",
            "/articles/nerves/all-about-it/",
            "/articles/nerves/once-in-passing/",
        ]
    );
}

/// A page's own use of the reader's word adds to what its other names for the record lend
/// the word: a long article saying "tingling" twice and "prickling" once ranks above a
/// shorter one saying "tingling" four times and never "prickling", which the larger of the
/// two alone had ranked first.
#[test]
fn the_readers_own_word_adds_to_what_the_other_names_lend() {
    let site = Site::new();
    site.file(
        "content/symptoms/paresthesia.yaml",
        "name: Paresthesia\naliases: [pins and needles, tingling, prickling]\nsummary: Odd skin.\n",
    );
    let filler = "Sleep, food and movement all play a part in how the body feels each day. ";
    for (slug, title, body) in [
        (
            "long",
            "Notes one",
            format!(
                "{}Tingling starts in the toes. Tingling spreads. Prickling follows.",
                filler.repeat(12)
            ),
        ),
        (
            "short",
            "Notes two",
            format!(
                "{}Tingling starts in the toes. Tingling spreads. Tingling at night. \
                 Tingling that lasts.",
                filler.repeat(4)
            ),
        ),
    ] {
        site.article(
            &format!("nerves/{slug}.md"),
            &format!("title: {title}"),
            &body,
        );
    }
    site.build().assert_ok();
    assert_eq!(
        Index::read(&site).postings("prickl"),
        [
            "/symptoms/paresthesia/",
            "/articles/nerves/long/",
            "/articles/nerves/short/",
        ]
    );
}

/// A record's page outranks an article for the words of an alias of several words, though
/// the article uses the alias as the page names it (in the text and a question) and
/// mentions the record by name: the page is lent its other names as the article is.
#[test]
fn a_record_page_outranks_an_article_for_its_alias_of_several_words() {
    let site = Site::new();
    site.file(
        "content/symptoms/hemobexesthesia.yaml",
        "name: Hemobexesthesia\naliases: [bulim twitch]\nsummary: Odd sensations in the skin.\n",
    )
    .article(
        "nerves/notes.md",
        "title: Notes",
        "Sleep, food and movement all play a part. Bulim twitch is common at night. \
         Hemobexesthesia is its clinical name.\n\n\
         ## When to see a doctor about bulim twitch\n\nSoon, when it spreads.\n",
    );
    site.build().assert_ok();
    let index = Index::read(&site);
    for term in ["bulim", "twitch"] {
        assert_eq!(
            index.postings(term),
            ["/symptoms/hemobexesthesia/", "/articles/nerves/notes/"],
            "{term}: {:?}",
            index.scores(term)
        );
    }
}

/// The page of a record named in one hyphenated word ("Omega-3") leads for the words of
/// its name as the page named in one plain word does, so it outranks an article that
/// uses the name in its title, a heading and its text for the record's alias "omega-3
/// fats".
#[test]
fn a_record_named_in_one_hyphenated_word_leads_for_it() {
    let site = Site::new();
    site.file(
        "content/supplements/omega-3.yaml",
        "name: Omega-3\naliases: [omega-3 fats, fish oil]\nsummary: Fats found in oily fish.\n",
    )
    .article(
        "nutrition/nerves.md",
        "title: \"Magnesium, vitamin D, omega-3 and more\"",
        "Omega-3 fats matter for nerves. Oily fish carry omega-3 fats, and so do some \
         algae.\n\n## Omega-3 fats: DHA and EPA\n\nThe long-chain omega-3 fats are DHA and EPA.\n",
    );
    site.build().assert_ok();
    let index = Index::read(&site);
    for term in ["omega3", "omega"] {
        assert_eq!(
            index.postings(term)[0],
            "/supplements/omega-3/",
            "{term}: {:?}",
            index.scores(term)
        );
    }
    let score = |term: &str, page: &str| {
        index
            .scores(term)
            .into_iter()
            .find(|(p, _)| p == page)
            .map(|(_, s)| s)
            .unwrap_or_default()
    };
    let both = |page: &str| score("omega3", page) + score("fat", page);
    assert!(
        both("/supplements/omega-3/") > both("/articles/nutrition/nerves/"),
        "{:?} {:?}",
        index.scores("omega3"),
        index.scores("fat")
    );
}

/// A shard lists, for each word of a synonym group, the group's other names (their terms,
/// hyphenated words as the page's text splits them) under the rest of the word's own name,
/// for `search.js` to mark in the excerpts of pages found through them when a query holds
/// the whole name, and the page a record's name names, for the script to put first for a
/// query of the whole name.
#[test]
fn shards_name_each_synonyms_other_names() {
    let site = Site::new();
    site.file(
        "site.toml",
        &format!(
            "{}\n[search]\nsynonyms = [[\"elderly\", \"older adults\"]]\n",
            crate::support::SITE_TOML
        ),
    )
    .file(
        "content/supplements/omega-3.yaml",
        "name: Omega-3\naliases: [fish oil]\nsummary: Fats.\n",
    )
    .file(
        "content/symptoms/lingering-illness.yaml",
        "name: Lingering illness\naliases: [covid-19 fatigue]\nsummary: Lasting symptoms.\n",
    )
    .article(
        "ageing/absorption.md",
        "title: Absorption",
        "Absorption falls in older adults.\n",
    );
    site.build().assert_ok();
    let mut named = BTreeMap::new();
    let mut urls = BTreeMap::new();
    for entry in std::fs::read_dir(site.path("public/search/s")).unwrap() {
        let shard: Value =
            serde_json::from_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap()).unwrap();
        if let Some(Value::Object(y)) = shard.get("y") {
            named.extend(y.clone());
        }
        for row in shard["d"].as_array().unwrap() {
            urls.insert(
                row[0].as_i64().unwrap(),
                row[3].as_str().unwrap().to_string(),
            );
        }
    }
    // The page a name names: a record's, or none (-1) for a site group's.
    let page = |id: &Value| {
        urls.get(&id.as_i64().unwrap())
            .map_or("none", String::as_str)
    };
    // A name's terms come in no particular order.
    let sorted = |v: &Value| -> String {
        let mut words: Vec<&str> = v.as_str().unwrap().split(' ').collect();
        words.sort();
        words.join(" ")
    };
    let names = |term: &str| -> Vec<(String, &str, Vec<String>)> {
        named[term]
            .as_array()
            .unwrap()
            .iter()
            .map(|entry| {
                let entry = entry.as_array().unwrap();
                let mut others: Vec<String> = entry[2..].iter().map(sorted).collect();
                others.sort();
                (sorted(&entry[0]), page(&entry[1]), others)
            })
            .collect()
    };
    let entry = |companions: &str, page: &'static str, others: &[&str]| {
        (
            companions.to_string(),
            page,
            others.iter().map(|o| o.to_string()).collect::<Vec<_>>(),
        )
    };
    assert_eq!(names("elder"), [entry("", "none", &["adult older"])]);
    // "adult" stands for "elderly" where the query also says "older".
    assert_eq!(names("adult"), [entry("older", "none", &["elder"])]);
    let omega = "/supplements/omega-3/";
    assert_eq!(names("fish"), [entry("oil", omega, &["3 omega"])]);
    assert_eq!(names("omega"), [entry("3", omega, &["fish oil"])]);
    // A query of "omega-3" has the joined word alone, and it is Omega-3's whole name; but
    // not the whole of "covid-19 fatigue", which it stands for only in marking.
    assert_eq!(names("omega3"), [entry("", omega, &["fish oil"])]);
    // Typed with its hyphen, the alias is the joined word and "fatigue": whole again.
    let lingering = "/symptoms/lingering-illness/";
    assert_eq!(
        names("covid19"),
        [
            entry("", "none", &["ill linger"]),
            entry("fatigu", lingering, &["ill linger"])
        ]
    );
    assert_eq!(
        names("fatigu"),
        [
            entry("19 covid", lingering, &["ill linger"]),
            entry("covid19", lingering, &["ill linger"])
        ]
    );
    assert!(!named.contains_key("fat"), "{named:?}");
}

/// Lengths are measured against pages of the same kind: a thorough article that keeps
/// using a word ranks above a short symptom page that uses it once, though every article
/// is long beside a record.
#[test]
fn a_thorough_article_outranks_a_record_using_the_word_in_passing() {
    let site = Site::new();
    for (kind, id, text) in [
        (
            "symptoms",
            "balance-problems",
            "Feeling unsteady on your feet.",
        ),
        ("symptoms", "fatigue", "Tired all the time."),
        ("supplements", "zinc", "A mineral."),
        ("supplements", "iron", "A mineral for blood."),
    ] {
        site.file(
            &format!("content/{kind}/{id}.yaml"),
            &format!("name: {id}\ndescription: {text}\n"),
        );
    }
    let filler = "Walking, standing and turning each ask a lot of the nerves in the legs. ";
    for (slug, text) in [
        (
            "steady-on-your-feet",
            "An unsteady walk is worth a check. Unsteady knees after illness are common. \
             If you feel unsteady in the dark, light the stairs. Unsteady days pass.",
        ),
        ("walking-more", "Walk a little further each week."),
        ("stretching", "Stretch after walking."),
    ] {
        site.article(
            &format!("movement/{slug}.md"),
            &format!("title: {slug}"),
            &format!("{}{text}", filler.repeat(12)),
        );
    }
    site.build().assert_ok();
    let index = Index::read(&site);
    assert_eq!(
        index.postings("unsteadi"),
        [
            "/articles/movement/steady-on-your-feet/",
            "/symptoms/balance-problems/",
        ]
    );
}

/// `[search] synonyms` in `site.toml`: a word of a group finds the pages that use another
/// (all the words of a phrase, as a query of them would), ranked by how strongly they use
/// it; a page with only part of a phrase is not found, nor is a page of another group.
#[test]
fn site_synonyms_find_pages_that_use_another_word_of_the_group() {
    let site = search_site();
    site.file(
        "site.toml",
        &format!(
            "{}\n[search]\nsynonyms = [\n  [\"elderly\", \"older adults\", \"seniors\"],\n  \
             [\"dosage\", \"dose\"],\n]\n",
            crate::support::SITE_TOML
        ),
    )
    .article(
        "ageing/older-adults.md",
        "title: Vitamins for older adults\ndescription: What changes with age.",
        "Absorption falls with age.\n",
    )
    .article(
        "ageing/in-passing.md",
        "title: Reading labels\ndescription: Small print.",
        "Labels list ingredients. Some older adults find the print too small.\n",
    )
    .article(
        "ageing/older-cats.md",
        "title: Older cats\ndescription: Pets age too.",
        "An older cat sleeps more; adults of other species do too, in other words.\n",
    )
    .article(
        "ageing/half.md",
        "title: An older recipe\ndescription: Grandmother's bread.",
        "The older recipes use more salt.\n",
    );
    site.build().assert_ok();
    let index = Index::read(&site);
    let elderly = index.postings("elder");
    assert_eq!(
        elderly[..2],
        [
            "/articles/ageing/older-adults/",
            "/articles/ageing/in-passing/"
        ],
        "the title's phrase ranks above the body's: {elderly:?}"
    );
    // "older" and "adults" in different sentences are both on the page: as for a query of
    // the two words, that matches.
    assert!(elderly.contains(&"/articles/ageing/older-cats/".to_string()));
    assert!(
        !elderly.contains(&"/articles/ageing/half/".to_string()),
        "a page with only part of the phrase: {elderly:?}"
    );
    // Every word of the group finds the pages of every other.
    let seniors = index.postings("senior");
    assert!(seniors.contains(&"/articles/ageing/older-adults/".to_string()));
    let adults = index.postings("adult");
    assert!(!adults.contains(&"/articles/ageing/half/".to_string()));
    // The magnesium article speaks of doses; the other group is not brought in.
    assert!(index
        .postings("dosag")
        .contains(&"/articles/minerals/magnesium-sleep/".to_string()));
    assert!(!elderly.contains(&"/articles/minerals/magnesium-sleep/".to_string()));
    // Without synonyms, "elderly" is no word of the site.
    assert!(built_index().postings("elder").is_empty());
}

#[test]
fn terms_are_folded_stemmed_and_stop_words_left_out() {
    let index = built_index();
    assert_eq!(
        index.postings("cafe"),
        ["/articles/diet/cafe-breakfast/"],
        "café is indexed without its accent"
    );
    assert!(index.postings("café").is_empty());
    assert!(!index.postings("tingl").is_empty(), "tingling is stemmed");
    assert!(index.postings("tingling").is_empty());
    for stop in ["the", "what", "much"] {
        assert!(
            index.postings(stop).is_empty(),
            "stop words are not indexed: {stop}"
        );
    }
    let stop = index.manifest["stop"].as_array().unwrap();
    assert!(stop.contains(&Value::from("and")));
}

#[test]
fn shards_partition_the_sorted_terms() {
    let index = built_index();
    let firsts = index.firsts();
    for (i, shard) in index.shards.iter().enumerate() {
        let terms: Vec<&String> = shard["t"].as_object().unwrap().keys().collect();
        assert_eq!(
            terms[0], firsts[i],
            "shard {i} starts with its manifest term"
        );
        for t in terms {
            assert!(firsts.get(i + 1).is_none_or(|next| t.as_str() < *next));
        }
    }
}

/// The site's words spelt backwards, for misspellings in a word's first letters: every
/// word of four letters or more without digits is in one file of `e/`, the files in order
/// of the backward spelling, each named in the manifest by its first backward word.
#[test]
fn words_are_filed_by_their_endings_for_early_typos() {
    let site = large_site();
    // 3,000 more words, of letters only, for more than one file.
    let glossary: Vec<String> = (0..3000).map(|i| format!("{}ane", letters(i, 3))).collect();
    site.article("bulk/glossary.md", "title: Glossary", &glossary.join(" "));
    site.build().assert_ok();
    let index = Index::read(&site);
    let ends: Vec<String> = index.manifest["ends"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    assert!(
        ends.len() > 1,
        "a large site's endings fill several files: {ends:?}"
    );
    let backwards = |w: &str| w.chars().rev().collect::<String>();
    let mut filed = Vec::new();
    for (i, first) in ends.iter().enumerate() {
        let words: Vec<String> =
            serde_json::from_str(&site.read(&format!("search/e/{i}.json"))).unwrap();
        assert_eq!(
            &backwards(&words[0]),
            first,
            "file {i} starts with its manifest word"
        );
        for w in &words {
            let back = backwards(w);
            assert!(
                ends.get(i + 1).is_none_or(|next| back < *next),
                "{w} in file {i}"
            );
            assert!(
                w.chars().count() >= 4 && !w.chars().any(|c| c.is_ascii_digit()),
                "{w}"
            );
        }
        filed.extend(words);
    }
    let mut terms: Vec<String> = index
        .shards
        .iter()
        .flat_map(|s| {
            s["t"]
                .as_object()
                .unwrap()
                .keys()
                .cloned()
                .collect::<Vec<_>>()
        })
        .filter(|t| t.chars().count() >= 4 && !t.chars().any(|c| c.is_ascii_digit()))
        .collect();
    terms.sort();
    filed.sort();
    assert_eq!(filed, terms, "each word once");
    assert!(filed.contains(&"paresthesia".to_string()));
}

/// `n` as `count` letters, the last digit first (base 26: 0 is "aa…", 1 "ba…"), so that
/// consecutive numbers start with every letter of the alphabet in turn.
fn letters(n: usize, count: usize) -> String {
    (0..count)
        .map(|d| char::from(b'a' + (n / 26usize.pow(d as u32) % 26) as u8))
        .collect()
}

/// The search fixture with 400 more pages, each with words of its own (a coined one of
/// letters only, from every letter of the alphabet): enough for several shards.
pub fn large_site() -> Site {
    let site = search_site();
    for i in 0..400 {
        let coined = format!("{}xol", letters(i, 2));
        site.article(
            &format!("bulk/page-{i}.md"),
            &format!("title: Bulk page {i} about word{i}"),
            &format!(
                "Magnesium and tiredness are discussed here, with the unique terms uniq{i} \
                 and {coined}, and the shared words nerves, sleep and energy.\n"
            ),
        );
    }
    site
}

/// A site big enough that long posting lists are split and shards are packed.
#[test]
fn a_large_site_gets_few_bounded_shards_and_split_postings() {
    let site = large_site();
    site.build().assert_ok();
    let tree = site.tree("public/search");
    let shard_files: Vec<(&String, &Vec<u8>)> =
        tree.iter().filter(|(p, _)| p.starts_with("s/")).collect();
    assert!(shard_files.len() > 1, "terms are spread over shards");
    assert!(
        shard_files.len() < 40,
        "few shards for 400 pages, got {}",
        shard_files.len()
    );
    for (path, bytes) in &shard_files {
        assert!(bytes.len() < 32 * 1024, "{path} is {} bytes", bytes.len());
    }
    let index = Index::read(&site);
    let magnesium = index.postings("magnesium");
    assert_eq!(magnesium.len(), 24, "the shard keeps the best postings");
    assert_eq!(magnesium[0], "/supplements/magnesium/");
    assert!(
        tree.keys().any(|p| p.starts_with("t/")),
        "the rest of long posting lists goes to tail files"
    );
    let excerpts = tree.keys().filter(|p| p.starts_with("x/")).count();
    assert_eq!(excerpts, (407usize + 6).div_ceil(10));
}

/// The library's `skip_search_index`, which the search benchmark builds with to measure what
/// the index adds: the same pages, no index files, and the search page with an empty
/// manifest. The index files are the only difference.
#[test]
fn a_build_without_the_index_differs_only_by_the_index() {
    use materia::build::{BuildOptions, Builder, Silent};
    use materia::diagnostics::Diagnostics;
    let site = search_site();
    let build = |skip_search_index: bool| {
        let options = BuildOptions {
            skip_search_index,
            ..Default::default()
        };
        let diags = Diagnostics::new();
        let built = Builder::new(site.root(), options).build(&diags, &Silent);
        built.expect("the fixture builds").output.pages
    };
    let (with, without) = (build(false), build(true));
    let index: Vec<&String> = with
        .keys()
        .filter(|p| p.starts_with("search/") && p.ends_with(".json"))
        .collect();
    assert!(index.len() > 3, "{index:?}");
    assert!(without
        .keys()
        .all(|p| !(p.starts_with("search/") && p.ends_with(".json"))));
    for (path, bytes) in &without {
        if path == "search/index.html" {
            assert_ne!(bytes, &with[path], "the search page carries the manifest");
        } else {
            assert_eq!(bytes, &with[path], "{path}");
        }
    }
    assert_eq!(with.len(), without.len() + index.len());
}

/// The budget for the script: at most 15 KB uncompressed, index excluded, as a
/// site serves it (without the comments, indentation and spaces of the theme's copy), in every
/// language: each has its own stemmer.
#[test]
fn search_script_stays_within_15_kb() {
    let site = Site::new();
    site.build().assert_ok();
    let served = site.read("search.js");
    let source = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/search.js"),
    )
    .unwrap();
    // The same characters but spaces: spaces between tokens are all the served copy
    // leaves out besides comments (the theme's have lines of their own).
    let code = |text: &str| -> String {
        text.lines()
            .map(str::trim_start)
            .filter(|l| !l.starts_with("//"))
            .flat_map(str::chars)
            .filter(|c| !c.is_whitespace())
            .collect()
    };
    assert_eq!(
        code(&served),
        code(&source),
        "the served script is the theme's code"
    );
    assert!(
        served.contains("else if(") && served.contains("' '") && served.contains("||"),
        "the spaces a token needs, and those of strings, are kept"
    );
    assert!(
        served.len() * 4 < source.len() * 3,
        "{} bytes served of {}",
        served.len(),
        source.len()
    );
    assert!(
        !served.lines().any(|l| l.trim_start().starts_with("//")),
        "comment lines are served"
    );
    for language in ["en", "fr", "de", "es", "it", "pt", "nl"] {
        let site = site_in(language);
        site.build().assert_ok();
        let served = site.read("search.js");
        assert!(
            served.len() <= 15_000,
            "search.js is {} bytes in {language}",
            served.len()
        );
    }
}

/// Each language's script differs from the English one by its stemmer alone, and a
/// language search has no stemmer for gets one that keeps words whole.
#[test]
fn each_language_gets_the_script_with_its_stemmer() {
    let served = |language: &str| {
        let site = site_in(language);
        site.build().assert_ok();
        site.read("search.js")
    };
    let english = served("en");
    let french = served("fr-CA");
    let german = served("de");
    let spanish = served("es-MX");
    let italian = served("it");
    let portuguese = served("pt-BR");
    let other = served("nl");
    assert!(other.contains("function stem(w){return w}"), "{other}");
    for script in [&english, &french, &german, &spanish, &italian, &portuguese] {
        assert!(!script.contains("function stem(w){return w}"));
    }
    // Only the stemmer's lines differ: what is before it and after it is the same.
    let around = |script: &str| {
        let start = script.find("function stem(w){").unwrap();
        let end = script.find("if(inline)").unwrap();
        (script[..start].to_string(), script[end..].to_string())
    };
    for script in [&french, &german, &spanish, &italian, &portuguese, &other] {
        assert_eq!(around(script), around(&english));
        assert_ne!(script, &english);
    }
    let stemmed = [&french, &german, &spanish, &italian, &portuguese];
    for (i, a) in stemmed.iter().enumerate() {
        for b in &stemmed[i + 1..] {
            assert_ne!(a, b);
        }
    }
}

/// A French site's index: French stems, whatever the accents ("fatiguée" and "fatigués"
/// are "fatigue"'s term), French stop words left out, and none of the English lists.
#[test]
fn a_french_site_is_indexed_with_french_stems_and_stop_words() {
    let site = french_site();
    site.build().assert_ok();
    let index = Index::read(&site);
    let tired = index.postings("fatigu");
    assert!(
        tired.contains(&"/articles/energie/toujours-fatiguee/".to_string())
            && tired.contains(&"/symptoms/fatigue/".to_string()),
        "{tired:?}"
    );
    assert!(index.postings("fatiguee").is_empty());
    assert!(!index.postings("fourmill").is_empty());
    assert!(
        !index.postings("anem").is_empty(),
        "anémie, folded and stemmed"
    );
    assert!(
        !index.postings("activ").is_empty(),
        "activité as a noun in -ité"
    );
    index.assert_language(&["les", "le", "une", "d", "dans"], "ement");
}

/// A Spanish site's index: Spanish stems whatever the accents ("nutrición" and
/// "nutricion" are one term, "hormigueos" is "hormigueo"'s), Spanish stop words left out,
/// and the typo fallback's Spanish endings in the manifest.
#[test]
fn a_spanish_site_is_indexed_with_spanish_stems_and_stop_words() {
    let site = spanish_site();
    site.build().assert_ok();
    let index = Index::read(&site);
    let tingling = index.postings("hormigue");
    assert!(
        tingling.contains(&"/articles/nervios/hormigueo/".to_string())
            && tingling.contains(&"/symptoms/hormigueo/".to_string()),
        "{tingling:?}"
    );
    assert!(index.postings("hormigueos").is_empty());
    let food = index.postings("nutricion");
    assert!(
        food.contains(&"/articles/energia/cansancio/".to_string()),
        "nutrición, folded: {food:?}"
    );
    assert!(
        !index.postings("sanitar").is_empty(),
        "sanitaria as sanitario's stem"
    );
    index.assert_language(&["los", "de", "una", "que", "por"], "acion");
}

/// A Portuguese site's index: Portuguese stems whatever the accents ("deficiências" is
/// "deficiência"'s term, "formigamentos" "formigamento"'s), Portuguese stop words left out,
/// and the typo fallback's Portuguese endings in the manifest.
#[test]
fn a_portuguese_site_is_indexed_with_portuguese_stems_and_stop_words() {
    let site = portuguese_site();
    site.build().assert_ok();
    let index = Index::read(&site);
    let tingling = index.postings("formig");
    assert!(
        tingling.contains(&"/articles/nervos/formigamentos/".to_string())
            && tingling.contains(&"/symptoms/formigamento/".to_string()),
        "{tingling:?}"
    );
    assert!(index.postings("formigamentos").is_empty());
    assert!(
        index
            .postings("deficient")
            .contains(&"/articles/energia/cansaco/".to_string()),
        "deficiências, folded, with Snowball's -ência read as -encia"
    );
    assert!(!index.postings("nutrica").is_empty(), "nutrição, folded");
    index.assert_language(&["os", "de", "uma", "que", "por"], "acao");
}

/// German and Italian words are stemmed as Snowball's stemmers do, accents folded; a
/// language search has no stemmer for keeps its words whole, English endings and all, with
/// no stop words.
#[test]
fn german_and_italian_words_are_stemmed_and_other_languages_kept_whole() {
    let site = site_in("de");
    site.article(
        "a/mudigkeit.md",
        "title: Müdigkeit und Erschöpfung",
        "Die ständige Müdigkeit ist ein häufiges Zeichen eines Mangels.\n",
    );
    site.build().assert_ok();
    let index = Index::read(&site);
    assert!(!index.postings("mudig").is_empty(), "Müdigkeit");
    assert!(!index.postings("erschopf").is_empty(), "Erschöpfung");
    assert!(index.postings("die").is_empty());
    assert_eq!(index.manifest["sis"], 0);

    // Italian: Snowball's stems, on folded words ("perché" is a stop word as "perche"),
    // with its accented endings read folded ("elasticità" meets "elastico", and "migliorerà"
    // "migliorare"), but for those that also end nouns ("ricovero" keeps its "-ero").
    let site = site_in("it");
    site.article(
        "a/stanchezza.md",
        "title: Stanchezza e carenze",
        "La stanchezza cronica e le carenze vitaminiche: perché capitano? L'elasticità \
         dei muscoli migliorerà senza ricovero.\n",
    );
    site.build().assert_ok();
    let index = Index::read(&site);
    assert!(!index.postings("elast").is_empty(), "elasticità");
    assert!(!index.postings("miglior").is_empty(), "migliorerà");
    assert!(!index.postings("ricover").is_empty(), "ricovero");
    assert!(!index.postings("stanchezz").is_empty(), "stanchezza");
    assert!(!index.postings("carenz").is_empty(), "carenze");
    assert!(!index.postings("vitamin").is_empty(), "vitaminiche");
    assert!(!index.postings("cronic").is_empty(), "cronica");
    assert!(index.postings("perc").is_empty(), "perché");
    assert!(index.postings("la").is_empty());
    assert!(index.manifest["stop"]
        .as_array()
        .is_some_and(|stop| stop.contains(&serde_json::json!("della"))));

    let site = site_in("nl");
    site.article(
        "a/vermoeidheid.md",
        "title: Vermoeidheid en tekorten",
        "De chronische vermoeidheid en de vitaminetekorten van ouderen.\n",
    );
    site.build().assert_ok();
    let index = Index::read(&site);
    assert!(!index.postings("vermoeidheid").is_empty());
    assert!(!index.postings("vitaminetekorten").is_empty());
    assert!(
        !index.postings("chronische").is_empty(),
        "English endings kept"
    );
    assert!(!index.postings("de").is_empty(), "no stop words");
    assert_eq!(index.manifest["stop"], serde_json::json!([]));
}

/// A site whose theme folder holds an unchanged copy of the built-in script (Materia's own
/// repository does) serves it as the built-in theme does, within the budget; a changed copy
/// is the theme's own script, served byte for byte.
#[test]
fn a_copy_of_the_built_in_script_is_served_as_the_built_in_one() {
    let source = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/search.js"),
    )
    .unwrap();
    let built_in = Site::new();
    built_in.build().assert_ok();
    let copied = Site::new();
    copied.file("themes/default/static/search.js", &source);
    copied.build().assert_ok();
    assert_eq!(copied.read("search.js"), built_in.read("search.js"));
    assert!(copied.read("search.js").len() <= 15_000);
    let changed = format!("{source}// the site's own line\n");
    let own = Site::new();
    own.file("themes/default/static/search.js", &changed);
    own.build().assert_ok();
    assert_eq!(own.read("search.js"), changed);
}

/// Every shard names the pages heading its terms, title and all: a title of 5,000 words (a
/// pasted post's text on its first line) is shown cut at a word, 200 characters at most, so
/// the index stays a few small files; the page keeps the whole title, and each of its words
/// still finds it.
/// An article's excerpt row carries its sections and FAQ questions with their ids on the
/// page (0 where search.js makes it from the heading), at most 40 and none longer than a
/// heading is; a record's carries none.
#[test]
fn an_articles_excerpt_row_names_its_sections_and_questions() {
    let site = Site::new();
    let many: String = (0..50)
        .map(|i| format!("## Part {i}\n\nText.\n\n"))
        .collect();
    let long = "word ".repeat(40);
    site.article(
        "a/faq.md",
        "title: Asked",
        &format!(
            "## Dosing\n\nText.\n\n## Café au lait\n\nText.\n\n## Timing {{#when}}\n\nText.\n\n\
             ## {long}\n\nText.\n\n## Frequently asked questions\n\n\
             ### Can I take it at night?\n\nYes.\n"
        ),
    )
    .article("b/many.md", "title: Many parts", &many)
    .file(
        "content/symptoms/itch.yaml",
        "name: Itch\nsummary: Skin that prickles.\n",
    );
    site.build().assert_ok();
    let rows: Vec<Value> = site
        .tree("public/search")
        .iter()
        .filter(|(path, _)| path.starts_with("x/"))
        .flat_map(|(_, file)| serde_json::from_slice::<Vec<Value>>(file).unwrap())
        .collect();
    let row = |url: &str| -> &Value {
        rows.iter()
            .find(|r| r[2] == url)
            .unwrap_or_else(|| panic!("{url} in {rows:?}"))
    };
    assert_eq!(
        row("/articles/a/faq/")[5],
        json!([
            "Dosing",
            0,
            "Café au lait",
            "cafe-au-lait",
            "Timing",
            "when",
            "Frequently asked questions",
            0,
            "Can I take it at night?",
            0
        ])
    );
    let site_html = site.read("articles/a/faq/index.html");
    assert!(
        site_html.contains("id=\"can-i-take-it-at-night\""),
        "{site_html}"
    );
    let parts = row("/articles/b/many/")[5].as_array().unwrap();
    assert_eq!(parts.len(), 80);
    assert_eq!(parts[78], "Part 39");
    assert_eq!(row("/symptoms/itch/").as_array().unwrap().len(), 5);
}

#[test]
fn a_very_long_title_is_shown_cut_and_keeps_the_index_small() {
    let site = Site::new();
    let title: Vec<String> = (0..5000).map(|i| format!("word{i}")).collect();
    let title = title.join(" ");
    site.article(
        "long.md",
        &format!("title: {title}\ndate: 2024-05-01"),
        "Some text.\n",
    );
    site.build().assert_ok();
    let index = site.tree("public/search");
    let bytes: usize = index.values().map(Vec::len).sum();
    assert!(index.len() < 20, "{} index files", index.len());
    assert!(bytes < 400_000, "{bytes} index bytes");
    let shown = format!("\"{}…\"", &title[..title[..200].rfind(' ').unwrap()]);
    let excerpts = String::from_utf8(index["x/0.json"].clone()).unwrap();
    assert!(excerpts.contains(&shown), "{excerpts}");
    assert!(site.read("articles/long/index.html").contains(&title));
    let manifest: Value = serde_json::from_slice(&index["index.json"]).unwrap();
    let last_word = index
        .iter()
        .filter(|(path, _)| path.starts_with("s/"))
        .any(|(_, shard)| String::from_utf8_lossy(shard).contains("\"word4999\""));
    assert!(
        last_word,
        "the title's last word is not indexed: {manifest}"
    );
}
