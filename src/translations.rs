//! The words of the built-in theme, and of the page text Materia writes itself (list
//! titles, breadcrumbs, dates, search messages), in the site's `language`. English, French,
//! German, Italian, Portuguese and Spanish are built in; `site.toml`'s `[translations]`
//! overrides any of them, so a site in another language names its own words, as Zola's
//! `[translations]` and Hugo's i18n files let it.
//!
//! A text may hold placeholders (`{n}`, `{name}`, `{total}`, `{q}`, `{error}`) and, where
//! it counts something, two forms, singular and plural, split by `|`:
//! `"{n} article|{n} articles"`.

use crate::date::Date;
use serde::Serialize;
use std::collections::BTreeMap;

/// Every key, with its English text. The order is the documentation's (`docs/themes.md`).
pub const ENGLISH: &[(&str, &str)] = &[
    // Page chrome (base.html).
    ("skip_to_content", "Skip to content"),
    ("site", "Site"),
    ("search", "Search"),
    ("search_placeholder", "Search this site (press /)"),
    ("main_menu", "Main"),
    ("breadcrumb", "Breadcrumb"),
    ("footer", "Footer"),
    ("atom_feed", "Atom feed"),
    // The site's own pages and lists: menus, breadcrumbs, titles.
    ("home", "Home"),
    ("articles", "Articles"),
    ("symptoms", "Symptoms"),
    ("supplements", "Supplements"),
    ("keywords", "Keywords"),
    ("tags", "Tags"),
    ("authors", "Authors"),
    ("authors_and_reviewers", "Authors and reviewers"),
    (
        "symptoms_intro",
        "Symptoms explained: what they feel like, what can cause them, and when to seek care.",
    ),
    (
        "supplements_intro",
        "Vitamins, minerals and other supplements: forms, typical doses, upper limits and interactions.",
    ),
    (
        "keywords_intro",
        "Every keyword used on this site, with the articles about it.",
    ),
    (
        "authors_intro",
        "The people who write and medically review the articles on this site.",
    ),
    ("tags_intro", "Articles grouped by tag."),
    ("article_count", "{n} article|{n} articles"),
    ("nothing_here", "Nothing here yet."),
    ("no_articles", "There are no articles here yet."),
    ("a_to_z", "A to Z"),
    ("other", "Other"),
    ("topics", "Topics"),
    // Articles.
    ("by", "By"),
    ("and", "and"),
    ("published", "Published"),
    ("updated", "Updated"),
    ("last_updated", "Last updated"),
    ("min_read", "{n} min read"),
    ("reviewed_by", "Medically reviewed by"),
    ("reviewed_on", "on"),
    ("last_reviewed", "Last reviewed on"),
    (
        "review_due",
        "This review is due for renewal, so some details may have changed since.",
    ),
    (
        "product_links_note",
        "Some links on this page go to product pages of a retailer. They are given for information only and are not a recommendation to buy.",
    ),
    ("contents", "Contents"),
    ("references", "References"),
    ("disclaimer", "Disclaimer"),
    ("symptoms_in_article", "Symptoms in this article"),
    ("supplements_in_article", "Supplements in this article"),
    ("related_articles", "Related articles"),
    // Symptom and supplement pages.
    ("supplement", "Supplement"),
    ("also_known_as", "Also known as:"),
    ("also_called", "Also called:"),
    ("key_facts", "Key facts"),
    ("forms", "Forms"),
    ("typical_dose", "Typical dose"),
    ("upper_limit", "Upper limit"),
    ("interactions", "Interactions and cautions"),
    ("seek_care", "When to seek care"),
    ("related_symptoms", "Related symptoms"),
    ("related_supplements", "Related supplements"),
    ("product_pages", "Product pages"),
    (
        "retailer_links_note",
        "These links go to product pages of retailers. They are given for information only and are not a recommendation to buy.",
    ),
    ("articles_mentioning", "Articles that mention {name}"),
    ("sources", "Sources"),
    // Keyword, tag and author pages.
    ("author", "Author"),
    ("tag", "Tag"),
    ("keyword", "Keyword"),
    (
        "tagged",
        "{n} article tagged “{name}”.|{n} articles tagged “{name}”.",
    ),
    (
        "mentioning",
        "{n} article mentioning “{name}”.|{n} articles mentioning “{name}”.",
    ),
    (
        "author_wrote",
        "{name} wrote {n} article on this site.|{name} wrote {n} articles on this site.",
    ),
    (
        "author_wrote_reviewed",
        "{name} wrote {n} article and medically reviewed {total} on this site.|{name} wrote {n} articles and medically reviewed {total} on this site.",
    ),
    (
        "author_reviewed",
        "{name} medically reviewed {n} article on this site.|{name} medically reviewed {n} articles on this site.",
    ),
    ("all_authors", "All authors and reviewers"),
    ("all_tags", "All tags"),
    ("all_keywords", "All keywords"),
    // Pagination.
    ("pages", "Pages"),
    ("page_of", "Page {n} of {total}"),
    ("title_page", "{name} (page {n} of {total})"),
    ("term_description", "Articles about {name} on {site}."),
    ("author_description", "Articles written or medically reviewed by {name} on {site}."),
    ("page_n", "Page {n}"),
    ("newer", "← Newer"),
    ("older", "Older →"),
    // Home page.
    ("browse_by_topic", "Browse by topic"),
    ("latest_articles", "Latest articles"),
    ("all_articles", "All articles"),
    ("all_symptoms", "All symptoms A–Z"),
    ("all_supplements", "All supplements A–Z"),
    // Search page, the 404 page, redirects.
    ("search_site", "Search this site"),
    ("search_label", "Search symptoms, supplements and articles"),
    (
        "search_needs_js",
        "Search needs JavaScript. Without it, you can browse the",
    ),
    ("keyword_index", "keyword index"),
    ("search_results", "Search results"),
    ("more_results", "More results"),
    (
        "results_for",
        "{n} result for “{q}”|{n} results for “{q}”",
    ),
    ("no_results", "No results for “{q}”"),
    ("results_missing", "Not found: {q}"),
    ("search_unavailable", "Search is unavailable: {error}"),
    ("kind_article", "article"),
    ("kind_symptom", "symptom"),
    ("kind_supplement", "supplement"),
    ("page_not_found", "Page not found"),
    (
        "not_found_text",
        "Sorry, we could not find that page. It may have moved, or the address may be mistyped.",
    ),
    ("search_for_what_you_need", "Search for what you need"),
    ("or_go_to", "Or go to the"),
    ("home_page", "home page"),
    ("redirecting", "Redirecting…"),
    ("moved_to", "This page has moved to"),
    // Dates: "{day} {month} {year}", and the twelve months.
    // Markdown's own markup: alert titles, footnotes, tables, heading anchors.
    ("alert_note", "Note"),
    ("alert_tip", "Tip"),
    ("alert_important", "Important"),
    ("alert_warning", "Warning"),
    ("alert_caution", "Caution"),
    ("footnotes", "Notes"),
    ("footnote_back", "Back to reference {n}"),
    ("footnote_back_again", "Back to reference {n} ({nth})"),
    ("table", "Table"),
    ("link_to_section", "Link to this section"),
    ("date_format", "{day} {month} {year}"),
    (
        "months",
        "January|February|March|April|May|June|July|August|September|October|November|December",
    ),
];

const FRENCH: &[(&str, &str)] = &[
    ("skip_to_content", "Aller au contenu"),
    ("site", "Site"),
    ("search", "Rechercher"),
    ("search_placeholder", "Rechercher sur ce site (touche /)"),
    ("main_menu", "Menu principal"),
    ("breadcrumb", "Fil d’Ariane"),
    ("footer", "Pied de page"),
    ("atom_feed", "Flux Atom"),
    ("home", "Accueil"),
    ("articles", "Articles"),
    ("symptoms", "Symptômes"),
    ("supplements", "Compléments"),
    ("keywords", "Mots-clés"),
    ("tags", "Étiquettes"),
    ("authors", "Auteurs"),
    ("authors_and_reviewers", "Auteurs et relecteurs"),
    (
        "symptoms_intro",
        "Les symptômes expliqués : ce que l’on ressent, leurs causes possibles et quand consulter.",
    ),
    (
        "supplements_intro",
        "Vitamines, minéraux et autres compléments : formes, doses habituelles, limites supérieures et interactions.",
    ),
    (
        "keywords_intro",
        "Tous les mots-clés de ce site, avec les articles qui en parlent.",
    ),
    (
        "authors_intro",
        "Les personnes qui rédigent les articles de ce site et en assurent la relecture médicale.",
    ),
    ("tags_intro", "Les articles classés par étiquette."),
    ("article_count", "{n} article|{n} articles"),
    ("nothing_here", "Rien pour l’instant."),
    ("no_articles", "Il n’y a pas encore d’article ici."),
    ("a_to_z", "De A à Z"),
    ("other", "Autres"),
    ("topics", "Thèmes"),
    ("by", "Par"),
    ("and", "et"),
    ("published", "Publié le"),
    ("updated", "Mis à jour le"),
    ("last_updated", "Dernière mise à jour le"),
    ("min_read", "{n} min de lecture"),
    ("reviewed_by", "Relu sur le plan médical par"),
    ("reviewed_on", "le"),
    ("last_reviewed", "Dernière relecture le"),
    (
        "review_due",
        "Cette relecture doit être renouvelée : certains détails ont pu changer depuis.",
    ),
    (
        "product_links_note",
        "Certains liens de cette page mènent aux pages produits d’un revendeur. Ils sont donnés à titre d’information et ne constituent pas une recommandation d’achat.",
    ),
    ("contents", "Sommaire"),
    ("references", "Références"),
    ("disclaimer", "Avertissement"),
    ("symptoms_in_article", "Symptômes abordés dans cet article"),
    ("supplements_in_article", "Compléments abordés dans cet article"),
    ("related_articles", "Articles liés"),
    ("supplement", "Complément"),
    ("also_known_as", "Autres noms :"),
    ("also_called", "Aussi appelé :"),
    ("key_facts", "L’essentiel"),
    ("forms", "Formes"),
    ("typical_dose", "Dose habituelle"),
    ("upper_limit", "Limite supérieure"),
    ("interactions", "Interactions et précautions"),
    ("seek_care", "Quand consulter"),
    ("related_symptoms", "Symptômes liés"),
    ("related_supplements", "Compléments liés"),
    ("product_pages", "Pages produits"),
    (
        "retailer_links_note",
        "Ces liens mènent aux pages produits de revendeurs. Ils sont donnés à titre d’information et ne constituent pas une recommandation d’achat.",
    ),
    ("articles_mentioning", "Articles qui mentionnent {name}"),
    ("sources", "Sources"),
    ("author", "Auteur"),
    ("tag", "Étiquette"),
    ("keyword", "Mot-clé"),
    (
        "tagged",
        "{n} article avec l’étiquette « {name} ».|{n} articles avec l’étiquette « {name} ».",
    ),
    (
        "mentioning",
        "{n} article mentionne « {name} ».|{n} articles mentionnent « {name} ».",
    ),
    (
        "author_wrote",
        "{name} a écrit {n} article sur ce site.|{name} a écrit {n} articles sur ce site.",
    ),
    (
        "author_wrote_reviewed",
        "{name} a écrit {n} article et en a relu {total} sur le plan médical sur ce site.|{name} a écrit {n} articles et en a relu {total} sur le plan médical sur ce site.",
    ),
    (
        "author_reviewed",
        "{name} a relu {n} article sur le plan médical sur ce site.|{name} a relu {n} articles sur le plan médical sur ce site.",
    ),
    ("all_authors", "Tous les auteurs et relecteurs"),
    ("all_tags", "Toutes les étiquettes"),
    ("all_keywords", "Tous les mots-clés"),
    ("pages", "Pages"),
    ("page_of", "Page {n} sur {total}"),
    ("title_page", "{name} (page {n} sur {total})"),
    ("term_description", "Articles sur {name} sur {site}."),
    ("author_description", "Articles écrits ou relus sur le plan médical par {name} sur {site}."),
    ("page_n", "Page {n}"),
    ("newer", "← Plus récents"),
    ("older", "Plus anciens →"),
    ("browse_by_topic", "Parcourir par thème"),
    ("latest_articles", "Derniers articles"),
    ("all_articles", "Tous les articles"),
    ("all_symptoms", "Tous les symptômes de A à Z"),
    ("all_supplements", "Tous les compléments de A à Z"),
    ("search_site", "Rechercher sur ce site"),
    (
        "search_label",
        "Rechercher des symptômes, des compléments et des articles",
    ),
    (
        "search_needs_js",
        "La recherche nécessite JavaScript. Sans lui, vous pouvez consulter la",
    ),
    ("keyword_index", "liste des mots-clés"),
    ("search_results", "Résultats de recherche"),
    ("more_results", "Plus de résultats"),
    (
        "results_for",
        "{n} résultat pour « {q} »|{n} résultats pour « {q} »",
    ),
    ("no_results", "Aucun résultat pour « {q} »"),
    ("results_missing", "Introuvable : {q}"),
    ("search_unavailable", "La recherche est indisponible : {error}"),
    ("kind_article", "article"),
    ("kind_symptom", "symptôme"),
    ("kind_supplement", "complément"),
    ("page_not_found", "Page introuvable"),
    (
        "not_found_text",
        "Désolé, cette page est introuvable. Elle a peut-être été déplacée, ou l’adresse contient une erreur.",
    ),
    ("search_for_what_you_need", "Recherchez ce dont vous avez besoin"),
    ("or_go_to", "Ou revenez à la"),
    ("home_page", "page d’accueil"),
    ("redirecting", "Redirection…"),
    ("moved_to", "Cette page a été déplacée vers"),
    ("alert_note", "Remarque"),
    ("alert_tip", "Astuce"),
    ("alert_important", "Important"),
    ("alert_warning", "Avertissement"),
    ("alert_caution", "Attention"),
    ("footnotes", "Notes"),
    ("footnote_back", "Retour à l’appel de note {n}"),
    ("footnote_back_again", "Retour à l’appel de note {n} ({nth})"),
    ("table", "Tableau"),
    ("link_to_section", "Lien vers cette section"),
    ("date_format", "{day} {month} {year}"),
    (
        "months",
        "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre",
    ),
];

const GERMAN: &[(&str, &str)] = &[
    ("skip_to_content", "Zum Inhalt springen"),
    ("site", "Website"),
    ("search", "Suchen"),
    ("search_placeholder", "Diese Website durchsuchen (Taste /)"),
    ("main_menu", "Hauptmenü"),
    ("breadcrumb", "Brotkrümelnavigation"),
    ("footer", "Fußzeile"),
    ("atom_feed", "Atom-Feed"),
    ("home", "Startseite"),
    ("articles", "Artikel"),
    ("symptoms", "Symptome"),
    ("supplements", "Nahrungsergänzungsmittel"),
    ("keywords", "Stichwörter"),
    ("tags", "Schlagwörter"),
    ("authors", "Autoren"),
    ("authors_and_reviewers", "Autoren und Gutachter"),
    (
        "symptoms_intro",
        "Symptome erklärt: wie sie sich anfühlen, was sie auslösen kann und wann Sie ärztlichen Rat suchen sollten.",
    ),
    (
        "supplements_intro",
        "Vitamine, Mineralstoffe und andere Nahrungsergänzungsmittel: Formen, übliche Dosen, Höchstmengen und Wechselwirkungen.",
    ),
    (
        "keywords_intro",
        "Alle Stichwörter dieser Website, mit den Artikeln dazu.",
    ),
    (
        "authors_intro",
        "Die Menschen, die die Artikel dieser Website schreiben und medizinisch prüfen.",
    ),
    ("tags_intro", "Artikel nach Schlagwort geordnet."),
    ("article_count", "{n} Artikel|{n} Artikel"),
    ("nothing_here", "Noch nichts vorhanden."),
    ("no_articles", "Hier gibt es noch keine Artikel."),
    ("a_to_z", "A bis Z"),
    ("other", "Sonstige"),
    ("topics", "Themen"),
    ("by", "Von"),
    ("and", "und"),
    ("published", "Veröffentlicht am"),
    ("updated", "Aktualisiert am"),
    ("last_updated", "Zuletzt aktualisiert am"),
    ("min_read", "{n} Min. Lesezeit"),
    ("reviewed_by", "Medizinisch geprüft von"),
    ("reviewed_on", "am"),
    ("last_reviewed", "Zuletzt geprüft am"),
    (
        "review_due",
        "Diese Prüfung muss erneuert werden; einzelne Angaben können sich seitdem geändert haben.",
    ),
    (
        "product_links_note",
        "Einige Links auf dieser Seite führen zu Produktseiten eines Händlers. Sie dienen nur der Information und sind keine Kaufempfehlung.",
    ),
    ("contents", "Inhalt"),
    ("references", "Quellen"),
    ("disclaimer", "Hinweis"),
    ("symptoms_in_article", "Symptome in diesem Artikel"),
    (
        "supplements_in_article",
        "Nahrungsergänzungsmittel in diesem Artikel",
    ),
    ("related_articles", "Verwandte Artikel"),
    ("supplement", "Nahrungsergänzungsmittel"),
    ("also_known_as", "Auch bekannt als:"),
    ("also_called", "Auch genannt:"),
    ("key_facts", "Das Wichtigste"),
    ("forms", "Formen"),
    ("typical_dose", "Übliche Dosis"),
    ("upper_limit", "Höchstmenge"),
    ("interactions", "Wechselwirkungen und Vorsichtshinweise"),
    ("seek_care", "Wann Sie ärztlichen Rat suchen sollten"),
    ("related_symptoms", "Verwandte Symptome"),
    ("related_supplements", "Passende Nahrungsergänzungsmittel"),
    ("product_pages", "Produktseiten"),
    (
        "retailer_links_note",
        "Diese Links führen zu Produktseiten von Händlern. Sie dienen nur der Information und sind keine Kaufempfehlung.",
    ),
    ("articles_mentioning", "Artikel, die {name} erwähnen"),
    ("sources", "Quellen"),
    ("author", "Autor"),
    ("tag", "Schlagwort"),
    ("keyword", "Stichwort"),
    (
        "tagged",
        "{n} Artikel mit dem Schlagwort „{name}“.|{n} Artikel mit dem Schlagwort „{name}“.",
    ),
    (
        "mentioning",
        "{n} Artikel erwähnt „{name}“.|{n} Artikel erwähnen „{name}“.",
    ),
    (
        "author_wrote",
        "{name} hat {n} Artikel auf dieser Website geschrieben.|{name} hat {n} Artikel auf dieser Website geschrieben.",
    ),
    (
        "author_wrote_reviewed",
        "{name} hat {n} Artikel auf dieser Website geschrieben und {total} medizinisch geprüft.|{name} hat {n} Artikel auf dieser Website geschrieben und {total} medizinisch geprüft.",
    ),
    (
        "author_reviewed",
        "{name} hat {n} Artikel auf dieser Website medizinisch geprüft.|{name} hat {n} Artikel auf dieser Website medizinisch geprüft.",
    ),
    ("all_authors", "Alle Autoren und Gutachter"),
    ("all_tags", "Alle Schlagwörter"),
    ("all_keywords", "Alle Stichwörter"),
    ("pages", "Seiten"),
    ("page_of", "Seite {n} von {total}"),
    ("title_page", "{name} (Seite {n} von {total})"),
    ("term_description", "Artikel über {name} auf {site}."),
    ("author_description", "Artikel, die {name} auf {site} geschrieben oder medizinisch geprüft hat."),
    ("page_n", "Seite {n}"),
    ("newer", "← Neuere"),
    ("older", "Ältere →"),
    ("browse_by_topic", "Nach Thema stöbern"),
    ("latest_articles", "Neueste Artikel"),
    ("all_articles", "Alle Artikel"),
    ("all_symptoms", "Alle Symptome von A bis Z"),
    ("all_supplements", "Alle Nahrungsergänzungsmittel von A bis Z"),
    ("search_site", "Diese Website durchsuchen"),
    (
        "search_label",
        "Symptome, Nahrungsergänzungsmittel und Artikel durchsuchen",
    ),
    (
        "search_needs_js",
        "Die Suche benötigt JavaScript. Ohne JavaScript können Sie den",
    ),
    ("keyword_index", "Stichwortindex durchsehen"),
    ("search_results", "Suchergebnisse"),
    ("more_results", "Weitere Ergebnisse"),
    (
        "results_for",
        "{n} Ergebnis für „{q}“|{n} Ergebnisse für „{q}“",
    ),
    ("no_results", "Keine Ergebnisse für „{q}“"),
    ("results_missing", "Nicht gefunden: {q}"),
    ("search_unavailable", "Die Suche ist nicht verfügbar: {error}"),
    ("kind_article", "Artikel"),
    ("kind_symptom", "Symptom"),
    ("kind_supplement", "Nahrungsergänzungsmittel"),
    ("page_not_found", "Seite nicht gefunden"),
    (
        "not_found_text",
        "Diese Seite wurde leider nicht gefunden. Vielleicht wurde sie verschoben, oder die Adresse enthält einen Tippfehler.",
    ),
    ("search_for_what_you_need", "Suchen Sie, was Sie brauchen"),
    ("or_go_to", "Oder gehen Sie zur"),
    ("home_page", "Startseite"),
    ("redirecting", "Weiterleitung…"),
    ("moved_to", "Diese Seite ist umgezogen nach"),
    ("alert_note", "Hinweis"),
    ("alert_tip", "Tipp"),
    ("alert_important", "Wichtig"),
    ("alert_warning", "Warnung"),
    ("alert_caution", "Vorsicht"),
    ("footnotes", "Anmerkungen"),
    ("footnote_back", "Zurück zur Fußnotenmarke {n}"),
    ("footnote_back_again", "Zurück zur Fußnotenmarke {n} ({nth})"),
    ("table", "Tabelle"),
    ("link_to_section", "Link zu diesem Abschnitt"),
    ("date_format", "{day}. {month} {year}"),
    (
        "months",
        "Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember",
    ),
];

const SPANISH: &[(&str, &str)] = &[
    ("skip_to_content", "Ir al contenido"),
    ("site", "Sitio"),
    ("search", "Buscar"),
    ("search_placeholder", "Buscar en este sitio (tecla /)"),
    ("main_menu", "Menú principal"),
    ("breadcrumb", "Ruta de navegación"),
    ("footer", "Pie de página"),
    ("atom_feed", "Canal Atom"),
    ("home", "Inicio"),
    ("articles", "Artículos"),
    ("symptoms", "Síntomas"),
    ("supplements", "Suplementos"),
    ("keywords", "Palabras clave"),
    ("tags", "Etiquetas"),
    ("authors", "Autores"),
    ("authors_and_reviewers", "Autores y revisores"),
    (
        "symptoms_intro",
        "Los síntomas explicados: qué se siente, qué puede causarlos y cuándo consultar a un médico.",
    ),
    (
        "supplements_intro",
        "Vitaminas, minerales y otros suplementos: formas, dosis habituales, límites máximos e interacciones.",
    ),
    (
        "keywords_intro",
        "Todas las palabras clave de este sitio, con los artículos que tratan de ellas.",
    ),
    (
        "authors_intro",
        "Las personas que escriben los artículos de este sitio y hacen su revisión médica.",
    ),
    ("tags_intro", "Los artículos agrupados por etiqueta."),
    ("article_count", "{n} artículo|{n} artículos"),
    ("nothing_here", "Todavía no hay nada aquí."),
    ("no_articles", "Todavía no hay artículos aquí."),
    ("a_to_z", "De la A a la Z"),
    ("other", "Otros"),
    ("topics", "Temas"),
    ("by", "Por"),
    ("and", "y"),
    ("published", "Publicado el"),
    ("updated", "Actualizado el"),
    ("last_updated", "Actualizado por última vez el"),
    ("min_read", "{n} min de lectura"),
    ("reviewed_by", "Revisión médica de"),
    ("reviewed_on", "el"),
    ("last_reviewed", "Última revisión el"),
    (
        "review_due",
        "Esta revisión debe renovarse: algunos datos pueden haber cambiado desde entonces.",
    ),
    (
        "product_links_note",
        "Algunos enlaces de esta página llevan a páginas de productos de un distribuidor. Se ofrecen a título informativo y no son una recomendación de compra.",
    ),
    ("contents", "Contenido"),
    ("references", "Referencias"),
    ("disclaimer", "Aviso"),
    ("symptoms_in_article", "Síntomas tratados en este artículo"),
    ("supplements_in_article", "Suplementos tratados en este artículo"),
    ("related_articles", "Artículos relacionados"),
    ("supplement", "Suplemento"),
    ("also_known_as", "Otros nombres:"),
    ("also_called", "También llamado:"),
    ("key_facts", "Lo esencial"),
    ("forms", "Formas"),
    ("typical_dose", "Dosis habitual"),
    ("upper_limit", "Límite máximo"),
    ("interactions", "Interacciones y precauciones"),
    ("seek_care", "Cuándo consultar a un médico"),
    ("related_symptoms", "Síntomas relacionados"),
    ("related_supplements", "Suplementos relacionados"),
    ("product_pages", "Páginas de productos"),
    (
        "retailer_links_note",
        "Estos enlaces llevan a páginas de productos de distribuidores. Se ofrecen a título informativo y no son una recomendación de compra.",
    ),
    ("articles_mentioning", "Artículos que mencionan {name}"),
    ("sources", "Fuentes"),
    ("author", "Autor"),
    ("tag", "Etiqueta"),
    ("keyword", "Palabra clave"),
    (
        "tagged",
        "{n} artículo con la etiqueta «{name}».|{n} artículos con la etiqueta «{name}».",
    ),
    (
        "mentioning",
        "{n} artículo menciona «{name}».|{n} artículos mencionan «{name}».",
    ),
    (
        "author_wrote",
        "{name} ha escrito {n} artículo en este sitio.|{name} ha escrito {n} artículos en este sitio.",
    ),
    (
        "author_wrote_reviewed",
        "{name} ha escrito {n} artículo y ha hecho la revisión médica de {total} en este sitio.|{name} ha escrito {n} artículos y ha hecho la revisión médica de {total} en este sitio.",
    ),
    (
        "author_reviewed",
        "{name} ha hecho la revisión médica de {n} artículo en este sitio.|{name} ha hecho la revisión médica de {n} artículos en este sitio.",
    ),
    ("all_authors", "Todos los autores y revisores"),
    ("all_tags", "Todas las etiquetas"),
    ("all_keywords", "Todas las palabras clave"),
    ("pages", "Páginas"),
    ("page_of", "Página {n} de {total}"),
    ("title_page", "{name} (página {n} de {total})"),
    ("term_description", "Artículos sobre {name} en {site}."),
    ("author_description", "Artículos escritos o revisados médicamente por {name} en {site}."),
    ("page_n", "Página {n}"),
    ("newer", "← Más recientes"),
    ("older", "Más antiguos →"),
    ("browse_by_topic", "Explorar por tema"),
    ("latest_articles", "Últimos artículos"),
    ("all_articles", "Todos los artículos"),
    ("all_symptoms", "Todos los síntomas de la A a la Z"),
    ("all_supplements", "Todos los suplementos de la A a la Z"),
    ("search_site", "Buscar en este sitio"),
    ("search_label", "Buscar síntomas, suplementos y artículos"),
    (
        "search_needs_js",
        "La búsqueda necesita JavaScript. Sin él, puede consultar la",
    ),
    ("keyword_index", "lista de palabras clave"),
    ("search_results", "Resultados de la búsqueda"),
    ("more_results", "Más resultados"),
    (
        "results_for",
        "{n} resultado para «{q}»|{n} resultados para «{q}»",
    ),
    ("no_results", "No hay resultados para «{q}»"),
    ("results_missing", "No encontrado: {q}"),
    ("search_unavailable", "La búsqueda no está disponible: {error}"),
    ("kind_article", "artículo"),
    ("kind_symptom", "síntoma"),
    ("kind_supplement", "suplemento"),
    ("page_not_found", "Página no encontrada"),
    (
        "not_found_text",
        "Lo sentimos, no encontramos esta página. Puede que se haya movido o que la dirección contenga un error.",
    ),
    ("search_for_what_you_need", "Busque lo que necesita"),
    ("or_go_to", "O vuelva a la"),
    ("home_page", "página de inicio"),
    ("redirecting", "Redirigiendo…"),
    ("moved_to", "Esta página se ha trasladado a"),
    ("alert_note", "Nota"),
    ("alert_tip", "Consejo"),
    ("alert_important", "Importante"),
    ("alert_warning", "Advertencia"),
    ("alert_caution", "Precaución"),
    ("footnotes", "Notas"),
    ("footnote_back", "Volver a la llamada de nota {n}"),
    ("footnote_back_again", "Volver a la llamada de nota {n} ({nth})"),
    ("table", "Tabla"),
    ("link_to_section", "Enlace a esta sección"),
    ("date_format", "{day} de {month} de {year}"),
    (
        "months",
        "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre",
    ),
];

const ITALIAN: &[(&str, &str)] = &[
    ("skip_to_content", "Vai al contenuto"),
    ("site", "Sito"),
    ("search", "Cerca"),
    ("search_placeholder", "Cerca nel sito (tasto /)"),
    ("main_menu", "Menu principale"),
    ("breadcrumb", "Percorso di navigazione"),
    ("footer", "Piè di pagina"),
    ("atom_feed", "Feed Atom"),
    ("home", "Home"),
    ("articles", "Articoli"),
    ("symptoms", "Sintomi"),
    ("supplements", "Integratori"),
    ("keywords", "Parole chiave"),
    ("tags", "Tag"),
    ("authors", "Autori"),
    ("authors_and_reviewers", "Autori e revisori"),
    (
        "symptoms_intro",
        "I sintomi spiegati: come si manifestano, che cosa può causarli e quando rivolgersi a un medico.",
    ),
    (
        "supplements_intro",
        "Vitamine, minerali e altri integratori: forme, dosi abituali, limiti massimi e interazioni.",
    ),
    (
        "keywords_intro",
        "Tutte le parole chiave di questo sito, con gli articoli che ne parlano.",
    ),
    (
        "authors_intro",
        "Le persone che scrivono gli articoli di questo sito e ne curano la revisione medica.",
    ),
    ("tags_intro", "Gli articoli raggruppati per tag."),
    ("article_count", "{n} articolo|{n} articoli"),
    ("nothing_here", "Non c'è ancora niente qui."),
    ("no_articles", "Non ci sono ancora articoli qui."),
    ("a_to_z", "Dalla A alla Z"),
    ("other", "Altro"),
    ("topics", "Argomenti"),
    ("by", "Di"),
    ("and", "e"),
    ("published", "Pubblicato il"),
    ("updated", "Aggiornato il"),
    ("last_updated", "Ultimo aggiornamento:"),
    ("min_read", "{n} min di lettura"),
    ("reviewed_by", "Revisione medica di"),
    ("reviewed_on", "il"),
    ("last_reviewed", "Ultima revisione il"),
    (
        "review_due",
        "Questa revisione va rinnovata: alcune informazioni potrebbero essere cambiate da allora.",
    ),
    (
        "product_links_note",
        "Alcuni link di questa pagina portano a pagine di prodotti di un rivenditore. Sono forniti solo a scopo informativo e non sono un invito all'acquisto.",
    ),
    ("contents", "Indice"),
    ("references", "Bibliografia"),
    ("disclaimer", "Avvertenza"),
    ("symptoms_in_article", "Sintomi trattati in questo articolo"),
    ("supplements_in_article", "Integratori trattati in questo articolo"),
    ("related_articles", "Articoli correlati"),
    ("supplement", "Integratore"),
    ("also_known_as", "Noto anche come:"),
    ("also_called", "Chiamato anche:"),
    ("key_facts", "In sintesi"),
    ("forms", "Forme"),
    ("typical_dose", "Dose abituale"),
    ("upper_limit", "Limite massimo"),
    ("interactions", "Interazioni e precauzioni"),
    ("seek_care", "Quando rivolgersi a un medico"),
    ("related_symptoms", "Sintomi correlati"),
    ("related_supplements", "Integratori correlati"),
    ("product_pages", "Pagine dei prodotti"),
    (
        "retailer_links_note",
        "Questi link portano a pagine di prodotti di rivenditori. Sono forniti solo a scopo informativo e non sono un invito all'acquisto.",
    ),
    ("articles_mentioning", "Articoli che parlano di {name}"),
    ("sources", "Fonti"),
    ("author", "Autore"),
    ("tag", "Tag"),
    ("keyword", "Parola chiave"),
    (
        "tagged",
        "{n} articolo con il tag «{name}».|{n} articoli con il tag «{name}».",
    ),
    (
        "mentioning",
        "{n} articolo parla di «{name}».|{n} articoli parlano di «{name}».",
    ),
    (
        "author_wrote",
        "{name} ha scritto {n} articolo su questo sito.|{name} ha scritto {n} articoli su questo sito.",
    ),
    (
        "author_wrote_reviewed",
        "{name} ha scritto {n} articolo e ha curato la revisione medica di {total} su questo sito.|{name} ha scritto {n} articoli e ha curato la revisione medica di {total} su questo sito.",
    ),
    (
        "author_reviewed",
        "{name} ha curato la revisione medica di {n} articolo su questo sito.|{name} ha curato la revisione medica di {n} articoli su questo sito.",
    ),
    ("all_authors", "Tutti gli autori e i revisori"),
    ("all_tags", "Tutti i tag"),
    ("all_keywords", "Tutte le parole chiave"),
    ("pages", "Pagine"),
    ("page_of", "Pagina {n} di {total}"),
    ("title_page", "{name} (pagina {n} di {total})"),
    ("term_description", "Articoli su {name} in {site}."),
    ("author_description", "Articoli scritti o revisionati da {name} in {site}."),
    ("page_n", "Pagina {n}"),
    ("newer", "← Più recenti"),
    ("older", "Meno recenti →"),
    ("browse_by_topic", "Sfoglia per argomento"),
    ("latest_articles", "Ultimi articoli"),
    ("all_articles", "Tutti gli articoli"),
    ("all_symptoms", "Tutti i sintomi dalla A alla Z"),
    ("all_supplements", "Tutti gli integratori dalla A alla Z"),
    ("search_site", "Cerca nel sito"),
    ("search_label", "Cerca sintomi, integratori e articoli"),
    (
        "search_needs_js",
        "La ricerca richiede JavaScript. Senza, puoi consultare la",
    ),
    ("keyword_index", "lista delle parole chiave"),
    ("search_results", "Risultati della ricerca"),
    ("more_results", "Altri risultati"),
    (
        "results_for",
        "{n} risultato per «{q}»|{n} risultati per «{q}»",
    ),
    ("no_results", "Nessun risultato per «{q}»"),
    ("results_missing", "Non trovato: {q}"),
    ("search_unavailable", "La ricerca non è disponibile: {error}"),
    ("kind_article", "articolo"),
    ("kind_symptom", "sintomo"),
    ("kind_supplement", "integratore"),
    ("page_not_found", "Pagina non trovata"),
    (
        "not_found_text",
        "Spiacenti, non abbiamo trovato questa pagina. Potrebbe essere stata spostata, oppure l'indirizzo contiene un errore.",
    ),
    ("search_for_what_you_need", "Cerca quello che ti serve"),
    ("or_go_to", "Oppure torna alla"),
    ("home_page", "pagina iniziale"),
    ("redirecting", "Reindirizzamento…"),
    ("moved_to", "Questa pagina è stata spostata a"),
    ("alert_note", "Nota"),
    ("alert_tip", "Suggerimento"),
    ("alert_important", "Importante"),
    ("alert_warning", "Attenzione"),
    ("alert_caution", "Cautela"),
    ("footnotes", "Note"),
    ("footnote_back", "Torna al richiamo di nota {n}"),
    ("footnote_back_again", "Torna al richiamo di nota {n} ({nth})"),
    ("table", "Tabella"),
    ("link_to_section", "Link a questa sezione"),
    ("date_format", "{day} {month} {year}"),
    (
        "months",
        "gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre",
    ),
];

/// Portuguese as written in Brazil, avoiding what Portugal would say otherwise where a
/// neutral word serves both ("Página inicial", "Suplementos").
const PORTUGUESE: &[(&str, &str)] = &[
    ("skip_to_content", "Ir para o conteúdo"),
    ("site", "Site"),
    ("search", "Pesquisar"),
    ("search_placeholder", "Pesquisar no site (tecla /)"),
    ("main_menu", "Menu principal"),
    ("breadcrumb", "Trilha de navegação"),
    ("footer", "Rodapé"),
    ("atom_feed", "Feed Atom"),
    ("home", "Início"),
    ("articles", "Artigos"),
    ("symptoms", "Sintomas"),
    ("supplements", "Suplementos"),
    ("keywords", "Palavras-chave"),
    ("tags", "Etiquetas"),
    ("authors", "Autores"),
    ("authors_and_reviewers", "Autores e revisores"),
    (
        "symptoms_intro",
        "Os sintomas explicados: como se manifestam, o que pode causá-los e quando procurar um médico.",
    ),
    (
        "supplements_intro",
        "Vitaminas, minerais e outros suplementos: formas, doses habituais, limites máximos e interações.",
    ),
    (
        "keywords_intro",
        "Todas as palavras-chave deste site, com os artigos que tratam de cada uma.",
    ),
    (
        "authors_intro",
        "As pessoas que escrevem os artigos deste site e fazem a sua revisão médica.",
    ),
    ("tags_intro", "Os artigos agrupados por etiqueta."),
    ("article_count", "{n} artigo|{n} artigos"),
    ("nothing_here", "Ainda não há nada aqui."),
    ("no_articles", "Ainda não há artigos aqui."),
    ("a_to_z", "De A a Z"),
    ("other", "Outros"),
    ("topics", "Temas"),
    ("by", "Por"),
    ("and", "e"),
    ("published", "Publicado em"),
    ("updated", "Atualizado em"),
    ("last_updated", "Última atualização:"),
    ("min_read", "{n} min de leitura"),
    ("reviewed_by", "Revisão médica de"),
    ("reviewed_on", "em"),
    ("last_reviewed", "Última revisão em"),
    (
        "review_due",
        "Esta revisão precisa ser renovada: algumas informações podem ter mudado desde então.",
    ),
    (
        "product_links_note",
        "Alguns links desta página levam a páginas de produtos de uma loja. Eles são fornecidos apenas para informação e não são uma recomendação de compra.",
    ),
    ("contents", "Índice"),
    ("references", "Referências"),
    ("disclaimer", "Aviso"),
    ("symptoms_in_article", "Sintomas tratados neste artigo"),
    ("supplements_in_article", "Suplementos tratados neste artigo"),
    ("related_articles", "Artigos relacionados"),
    ("supplement", "Suplemento"),
    ("also_known_as", "Também conhecido como:"),
    ("also_called", "Também chamado de:"),
    ("key_facts", "Em resumo"),
    ("forms", "Formas"),
    ("typical_dose", "Dose habitual"),
    ("upper_limit", "Limite máximo"),
    ("interactions", "Interações e precauções"),
    ("seek_care", "Quando procurar um médico"),
    ("related_symptoms", "Sintomas relacionados"),
    ("related_supplements", "Suplementos relacionados"),
    ("product_pages", "Páginas de produtos"),
    (
        "retailer_links_note",
        "Estes links levam a páginas de produtos de lojas. Eles são fornecidos apenas para informação e não são uma recomendação de compra.",
    ),
    ("articles_mentioning", "Artigos que falam de {name}"),
    ("sources", "Fontes"),
    ("author", "Autor"),
    ("tag", "Etiqueta"),
    ("keyword", "Palavra-chave"),
    (
        "tagged",
        "{n} artigo com a etiqueta “{name}”.|{n} artigos com a etiqueta “{name}”.",
    ),
    (
        "mentioning",
        "{n} artigo fala de “{name}”.|{n} artigos falam de “{name}”.",
    ),
    (
        "author_wrote",
        "{name} escreveu {n} artigo neste site.|{name} escreveu {n} artigos neste site.",
    ),
    (
        "author_wrote_reviewed",
        "{name} escreveu {n} artigo e fez a revisão médica de {total} neste site.|{name} escreveu {n} artigos e fez a revisão médica de {total} neste site.",
    ),
    (
        "author_reviewed",
        "{name} fez a revisão médica de {n} artigo neste site.|{name} fez a revisão médica de {n} artigos neste site.",
    ),
    ("all_authors", "Todos os autores e revisores"),
    ("all_tags", "Todas as etiquetas"),
    ("all_keywords", "Todas as palavras-chave"),
    ("pages", "Páginas"),
    ("page_of", "Página {n} de {total}"),
    ("title_page", "{name} (página {n} de {total})"),
    ("term_description", "Artigos sobre {name} em {site}."),
    ("author_description", "Artigos escritos ou revisados por {name} em {site}."),
    ("page_n", "Página {n}"),
    ("newer", "← Mais recentes"),
    ("older", "Mais antigos →"),
    ("browse_by_topic", "Navegar por tema"),
    ("latest_articles", "Artigos mais recentes"),
    ("all_articles", "Todos os artigos"),
    ("all_symptoms", "Todos os sintomas de A a Z"),
    ("all_supplements", "Todos os suplementos de A a Z"),
    ("search_site", "Pesquisar no site"),
    ("search_label", "Pesquise sintomas, suplementos e artigos"),
    (
        "search_needs_js",
        "A pesquisa precisa de JavaScript. Sem ele, você pode consultar a",
    ),
    ("keyword_index", "lista de palavras-chave"),
    ("search_results", "Resultados da pesquisa"),
    ("more_results", "Mais resultados"),
    (
        "results_for",
        "{n} resultado para “{q}”|{n} resultados para “{q}”",
    ),
    ("no_results", "Nenhum resultado para “{q}”"),
    ("results_missing", "Não encontrado: {q}"),
    ("search_unavailable", "A pesquisa não está disponível: {error}"),
    ("kind_article", "artigo"),
    ("kind_symptom", "sintoma"),
    ("kind_supplement", "suplemento"),
    ("page_not_found", "Página não encontrada"),
    (
        "not_found_text",
        "Desculpe, não encontramos esta página. Ela pode ter sido movida, ou o endereço pode conter um erro.",
    ),
    ("search_for_what_you_need", "Pesquise o que você procura"),
    ("or_go_to", "Ou volte para a"),
    ("home_page", "página inicial"),
    ("redirecting", "Redirecionando…"),
    ("moved_to", "Esta página foi movida para"),
    ("alert_note", "Observação"),
    ("alert_tip", "Dica"),
    ("alert_important", "Importante"),
    ("alert_warning", "Atenção"),
    ("alert_caution", "Cuidado"),
    ("footnotes", "Notas"),
    ("footnote_back", "Voltar à chamada da nota {n}"),
    ("footnote_back_again", "Voltar à chamada da nota {n} ({nth})"),
    ("table", "Tabela"),
    ("link_to_section", "Link para esta seção"),
    ("date_format", "{day} de {month} de {year}"),
    (
        "months",
        "janeiro|fevereiro|março|abril|maio|junho|julho|agosto|setembro|outubro|novembro|dezembro",
    ),
];

/// The built-in languages, by the primary subtag of `language` (`fr-CA` is French).
const BUILT_IN: &[(&str, &[(&str, &str)])] = &[
    ("en", ENGLISH),
    ("fr", FRENCH),
    ("de", GERMAN),
    ("es", SPANISH),
    ("it", ITALIAN),
    ("pt", PORTUGUESE),
];

/// The primary subtags of the languages whose texts are built in, as `language` names them.
pub fn built_in_languages() -> impl Iterator<Item = &'static str> {
    BUILT_IN.iter().map(|(code, _)| *code)
}

/// The texts of a site: its language's built-in ones (English for a language with none),
/// with `site.toml`'s `[translations]` over them. Templates get them as `i18n` and through
/// `tr()`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Words {
    texts: BTreeMap<&'static str, String>,
    #[serde(skip)]
    zero_is_singular: bool,
    /// In a language with no texts built in, the keys `[translations]` does not give, whose
    /// English texts pages show.
    #[serde(skip)]
    untranslated: Vec<&'static str>,
}

/// A problem with one `[translations]` entry: its key, what is wrong and how to fix it.
#[derive(Debug, PartialEq)]
pub struct BadTranslation {
    pub key: String,
    pub message: String,
    pub hint: String,
}

impl Words {
    /// The texts for `language` with `overrides` (key, text) applied, or every override that
    /// is wrong.
    pub fn new(
        language: &str,
        overrides: impl IntoIterator<Item = (impl AsRef<str>, impl AsRef<str>)>,
    ) -> Result<Words, Vec<BadTranslation>> {
        let primary = language
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let built_in = BUILT_IN.iter().find(|(code, _)| *code == primary);
        let pack = built_in.map_or(ENGLISH, |(_, pack)| pack);
        let mut texts: BTreeMap<&'static str, String> =
            pack.iter().map(|&(k, v)| (k, v.to_string())).collect();
        let mut bad = Vec::new();
        let mut given = Vec::new();
        for (key, text) in overrides {
            let (key, text) = (key.as_ref(), text.as_ref());
            let Some((known, english)) = ENGLISH.iter().find(|(k, _)| *k == key) else {
                bad.push(BadTranslation {
                    key: key.to_string(),
                    message: format!("`{key}` is not a text of the theme"),
                    hint: crate::diagnostics::did_you_mean(key, ENGLISH.iter().map(|(k, _)| *k))
                        .map_or_else(
                            || {
                                "the keys are listed in docs/themes.md, under \"Translations\""
                                    .to_string()
                            },
                            |k| format!("did you mean `{k}`?"),
                        ),
                });
                continue;
            };
            if *known == "months" && text.split('|').count() != 12 {
                bad.push(BadTranslation {
                    key: key.to_string(),
                    message: format!(
                        "`months` needs the twelve month names split by `|`, not {}",
                        text.split('|').count()
                    ),
                    hint: format!("write them like `months = \"{english}\"`"),
                });
                continue;
            }
            texts.insert(known, text.to_string());
            given.push(*known);
        }
        if !bad.is_empty() {
            return Err(bad);
        }
        let untranslated = match built_in {
            Some(_) => Vec::new(),
            None => texts
                .keys()
                .copied()
                .filter(|key| !given.contains(key))
                .collect(),
        };
        Ok(Words {
            untranslated,
            texts,
            // French (and Portuguese) count zero as singular: "0 article".
            zero_is_singular: matches!(primary.as_str(), "fr" | "pt"),
        })
    }

    /// In a language with no texts built in, the keys `[translations]` leaves in English.
    pub fn untranslated(&self) -> &[&'static str] {
        &self.untranslated
    }

    /// Every key, sorted.
    pub fn keys(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.texts.keys().copied()
    }

    /// Whether `key` is one of the texts.
    pub fn has(&self, key: &str) -> bool {
        self.texts.contains_key(key)
    }

    /// A text with no count, as it is (its first form if it has two).
    pub fn get(&self, key: &str) -> &str {
        let text = self.texts.get(key).map_or("", String::as_str);
        text.split('|').next().unwrap_or(text)
    }

    /// A text counting `n`: its singular or plural form, with `{n}` and the other
    /// placeholders filled in.
    pub fn count(&self, key: &str, n: i64, fill: &[(&str, &str)]) -> String {
        let text = self.texts.get(key).map_or("", String::as_str);
        let singular = n == 1 || (n == 0 && self.zero_is_singular);
        let form = match text.split_once('|') {
            Some((one, _)) if singular => one,
            Some((_, other)) => other,
            None => text,
        };
        let n = n.to_string();
        let mut all: Vec<(&str, &str)> = Vec::with_capacity(fill.len() + 1);
        all.push(("n", &n));
        all.extend_from_slice(fill);
        fill_in(form, &all)
    }

    /// `{name}` and the like in a text with no count.
    pub fn fill(&self, key: &str, fill: &[(&str, &str)]) -> String {
        fill_in(self.get(key), fill)
    }

    /// The search script's texts, as the manifest carries them: the results list's label,
    /// the "more" button, then the status for no result, one and several (`{n}`, `{q}`):
    /// the script picks the status as `[n > 1 ? 4 : n + 2]`; then what follows it when some
    /// of the query's words are on no page (`{q}`: those words).
    pub fn search_texts(&self) -> [&str; 6] {
        let counted = self.texts.get("results_for").map_or("", String::as_str);
        let (one, other) = counted.split_once('|').unwrap_or((counted, counted));
        [
            self.get("search_results"),
            self.get("more_results"),
            self.get("no_results"),
            one,
            other,
            self.get("results_missing"),
        ]
    }

    /// A date as readers see it: "5 January 2024", "5 janvier 2024", "5. Januar 2024".
    pub fn date(&self, d: Date) -> String {
        let months = self.texts.get("months").map_or("", String::as_str);
        let month = months
            .split('|')
            .nth((d.month.clamp(1, 12) - 1) as usize)
            .unwrap_or("");
        fill_in(
            self.get("date_format"),
            &[
                ("day", itoa::Buffer::new().format(d.day)),
                ("month", month),
                ("year", itoa::Buffer::new().format(d.year)),
            ],
        )
    }
}

impl Default for Words {
    fn default() -> Words {
        Words {
            texts: ENGLISH.iter().map(|&(k, v)| (k, v.to_string())).collect(),
            zero_is_singular: false,
            untranslated: Vec::new(),
        }
    }
}

/// `text` with each `{name}` of `fill` replaced; other braces are left as they are.
fn fill_in(text: &str, fill: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after
            .find('}')
            .and_then(|close| Some((close, fill.iter().find(|(k, _)| *k == &after[..close])?)))
        {
            Some((close, (_, value))) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placeholders(text: &str) -> Vec<&str> {
        let mut found: Vec<&str> = text
            .split('{')
            .skip(1)
            .filter_map(|s| s.split_once('}').map(|(p, _)| p))
            .collect();
        found.sort_unstable();
        found.dedup();
        found
    }

    #[test]
    fn every_language_has_every_text_with_its_placeholders_and_forms() {
        for (code, pack) in BUILT_IN {
            let keys: Vec<&str> = pack.iter().map(|(k, _)| *k).collect();
            let english: Vec<&str> = ENGLISH.iter().map(|(k, _)| *k).collect();
            assert_eq!(keys, english, "{code} has the keys of English, in order");
            for ((key, text), (_, en)) in pack.iter().zip(ENGLISH) {
                assert_eq!(placeholders(text), placeholders(en), "{code} {key}");
                assert_eq!(
                    text.split('|').count(),
                    en.split('|').count(),
                    "{code} {key} has as many forms as English"
                );
            }
        }
    }

    /// A key the built-in theme names that is no text would print nothing (`tr`) or fail
    /// at render (`i18n.`), on whichever page uses it.
    #[test]
    fn the_built_in_theme_names_only_keys_there_are() {
        for (name, text) in crate::theme::DEFAULT_TEMPLATES {
            for marker in ["i18n.", "key=\""] {
                for (at, _) in text.match_indices(marker) {
                    let key: String = text[at + marker.len()..]
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect();
                    assert!(
                        ENGLISH.iter().any(|(k, _)| *k == key),
                        "{name} names `{key}`, which is no text"
                    );
                }
            }
        }
    }

    #[test]
    fn every_key_is_documented() {
        let doc = include_str!("../docs/themes.md");
        for (key, _) in ENGLISH {
            assert!(
                doc.contains(&format!("| `{key}` |")),
                "docs/themes.md lacks {key}"
            );
        }
    }

    #[test]
    fn counts_dates_and_overrides() {
        let en = Words::default();
        assert_eq!(en.count("article_count", 1, &[]), "1 article");
        assert_eq!(en.count("article_count", 0, &[]), "0 articles");
        assert_eq!(
            en.count("tagged", 3, &[("name", "B12")]),
            "3 articles tagged “B12”."
        );
        assert_eq!(
            en.date(Date::parse("2024-01-05").unwrap_or(Date {
                year: 0,
                month: 1,
                day: 1
            })),
            "5 January 2024"
        );
        let none: BTreeMap<String, String> = BTreeMap::new();
        let fr = Words::new("fr-CA", &none).unwrap_or_default();
        assert_eq!(fr.count("article_count", 0, &[]), "0 article");
        assert_eq!(fr.get("home"), "Accueil");
        let de = Words::new("de", &none).unwrap_or_default();
        let d = Date {
            year: 2024,
            month: 3,
            day: 5,
        };
        assert_eq!(de.date(d), "5. März 2024");
        let it = Words::new("it-CH", &none).unwrap_or_default();
        assert_eq!(it.date(d), "5 marzo 2024");
        assert_eq!(it.count("article_count", 1, &[]), "1 articolo");
        let pt = Words::new("pt-BR", &none).unwrap_or_default();
        assert_eq!(pt.date(d), "5 de março de 2024");
        // Portuguese counts zero as singular, as French does.
        assert_eq!(pt.count("article_count", 0, &[]), "0 artigo");
        assert_eq!(pt.count("article_count", 2, &[]), "2 artigos");
        // A language with none built in is English until the site names its words.
        let nl = Words::new(
            "nl",
            &BTreeMap::from([("home".to_string(), "Startpagina".to_string())]),
        )
        .unwrap_or_default();
        assert_eq!(nl.get("home"), "Startpagina");
        assert_eq!(nl.get("search"), "Search");
        assert_eq!(fill_in("{a} {b} {", &[("a", "1")]), "1 {b} {");
    }

    #[test]
    fn unknown_keys_and_short_month_lists_are_refused() {
        let bad = Words::new(
            "en",
            &BTreeMap::from([
                ("hme".to_string(), "Start".to_string()),
                ("months".to_string(), "Jan|Feb".to_string()),
            ]),
        )
        .err()
        .unwrap_or_default();
        assert_eq!(bad.len(), 2);
        assert_eq!(bad[0].key, "hme");
        assert_eq!(bad[0].hint, "did you mean `home`?");
        assert!(bad[1].message.contains("twelve"), "{:?}", bad[1]);
    }
}
