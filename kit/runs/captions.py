"""What the run report says about each figure, key table and notebook: captions, the tables
shown in the page, and a method note per notebook.

Keys are the names the notebooks save with ``kit.save_figure`` / ``kit.save_table``; a figure
of a new notebook without a caption here is captioned with its section heading instead.
"""

from __future__ import annotations

#: Figure name -> what the figure shows.
FIGURE_CAPTIONS: dict[str, str] = {
    "overview_articles_per_period": "Articles published per period (UTC), stacked by outlet; "
    "periods without articles count as zero.",
    "overview_articles_per_outlet": "Number of selected articles per outlet.",
    "overview_length_distribution": "Distribution of article length in words, overall.",
    "overview_duplicates": "Exact and near-duplicate (syndicated) copies found at ingest, "
    "per outlet.",
    "overview_languages": "Articles per detected language; hatched bars are languages the "
    "English lexicons do not apply to.",
    "terms_top_terms": "The most frequent terms of each group (stopwords removed from the "
    "terms, not from the denominator).",
    "terms_keyness": "Terms over-used in the target against the reference: log-likelihood G2 "
    "and log ratio.",
    "terms_collocations": "Words most strongly associated with the followed terms within a "
    "5-token window.",
    "terms_dispersion": "Where each followed term occurs along the corpus (articles in date "
    "order).",
    "terms_trends": "Rate per 1,000 tokens of each followed term per period and group.",
    "sentiment_distributions": "Distribution of sentence scores and article mean scores.",
    "sentiment_over_time": "Mean sentence score per period and group, with bootstrap "
    "confidence intervals over articles.",
    "sentiment_actor_heatmap": "Mean score of the sentences mentioning each actor, per group "
    "(number of sentences in each cell).",
    "sentiment_actors_over_time": "Mean score of the sentences mentioning each actor, per period.",
    "rhetoric_who_is_quoted": "Share of quotes per speaker's actor (or role), per group.",
    "rhetoric_reporting_verb_stance": "Share of quotes introduced by neutral, distancing, "
    "endorsing and emotive reporting verbs, per group.",
    "rhetoric_naming_loaded_share": "Share of loaded names among the mentions of each actor, "
    "per group.",
    "rhetoric_hedges_boosters": "Hedges, boosters and attitude markers per 1,000 tokens, per "
    "group.",
    "rhetoric_escalation": "Escalation and de-escalation vocabulary per 1,000 tokens, per group.",
    "rhetoric_pronouns": "Us/them pronouns per 1,000 tokens, per group.",
    "rhetoric_agency": "Passives with and without an agent and agentless harm nouns per 1,000 "
    "tokens, per group.",
    "rhetoric_frames": "Indicator matches of the five generic news frames per 1,000 tokens, per "
    "group.",
}

#: Table name -> its title; these tables are shown (first rows) in the report.
KEY_TABLES: dict[str, str] = {
    "overview_summary": "The selection in numbers",
    "overview_articles_per_outlet": "Articles per outlet",
    "overview_length_summary": "Article length per outlet",
    "overview_duplicates_by_outlet": "Duplicates per outlet",
    "overview_languages": "Languages",
    "terms_top_terms": "Top terms per group",
    "terms_tf_idf": "TF-IDF per group",
    "terms_keyness": "Keyness of the target against the reference",
    "terms_collocations": "Collocations of the followed terms",
    "terms_dispersion": "Dispersion of the followed terms",
    "sentiment_articles": "Article scores",
    "sentiment_by_group": "Sentiment per group",
    "sentiment_actors": "Sentiment toward each actor per group",
    "sentiment_actor_examples": "Most positive and negative sentences per actor",
    "rhetoric_who_is_quoted": "Who is quoted",
    "rhetoric_reporting_verb_stance": "Reporting-verb stance",
    "rhetoric_naming": "Naming of each actor",
    "rhetoric_hedges_per_group": "Hedges and boosters per group",
    "rhetoric_escalation_per_group": "Escalation vocabulary per group",
    "rhetoric_pronouns_per_group": "Us/them pronouns per group",
    "rhetoric_agency_per_group": "Agency per group",
    "rhetoric_frames_per_group": "Frames per group",
}

_RATE = (
    "Rates are matches per 1,000 tokens of kit's one tokenizer (words with inner hyphens and "
    "apostrophes, numbers, acronyms; no punctuation; stopwords included), pooled over a "
    "group's articles (column <code>per_1k_tokens</code>, denominator <code>n_tokens</code>)."
)

#: Notebook name without its number -> (method note as HTML, README sections to read).
METHOD_NOTES: dict[str, tuple[str, tuple[str, ...]]] = {
    "corpus_overview": (
        "Counts articles of the selection (dates, outlets, languages and duplicates as chosen "
        "by the parameters). Dates are in UTC; length is whitespace-separated words "
        "(<code>n_words</code>). Duplicates are exact or near copies found at ingest; "
        "languages are detected at ingest.",
        ("The articles table", "Adding your own articles"),
    ),
    "term_frequency": (
        "Counts n-grams of kit's tokenizer per group (English stopwords removed from the terms "
        "of English articles). " + _RATE + " Keyness: log-likelihood G2 with Williams' "
        "correction, chi-square with Yates', log ratio and %DIFF; TF-IDF treats each group as "
        "one document; collocations use NLTK's association measures within a 5-token window, "
        "never across sentences.",
        ("Counts and rates", "Term frequency"),
    ),
    "sentiment": (
        "Scores every sentence with VADER (exactly vaderSentiment 3.3.2's compound, -1 to 1) "
        "or with the dictionary given as <code>method</code>; an article's score is the mean "
        "of its sentences. Confidence intervals are bootstrap intervals that resample whole "
        "articles. Sentiment toward an actor is the score of the sentences naming it (any "
        "alias of the actor table). Only English articles are scored.",
        ("Sentiment", "Counts and rates"),
    ),
    "rhetoric": (
        "Finds quotes (direct, indirect, mixed) with their speaker and reporting verb, the "
        "names used for each actor, hedges, boosters, escalation vocabulary, pronouns and "
        "agentless constructions by rule, from the word lists of <code>kit/lexicons/</code>. "
        + _RATE
        + " Frames: indicator words of the five generic news frames of Semetko & Valkenburg "
        "(2000), counted per 1,000 tokens; frame coding answers the instrument's questions "
        "from indicator lists. Every count has its evidence table of sentences.",
        ("Rhetoric", "Counts and rates"),
    ),
}


def figure_caption(name: str, heading: str = "") -> str:
    """What figure ``name`` shows: its registered caption, else ``heading``, else the name.

    Examples
    --------
    >>> figure_caption("terms_trends")
    'Rate per 1,000 tokens of each followed term per period and group.'
    >>> figure_caption("new_figure", "A new section")
    'A new section'
    """
    return FIGURE_CAPTIONS.get(name) or heading or name.replace("_", " ")


def method_note(notebook: str) -> tuple[str, tuple[str, ...]] | None:
    """The method note of a notebook (``01_sentiment`` or ``sentiment``), or None."""
    stem = notebook.split("_", 1)[1] if notebook[:2].isdigit() and "_" in notebook else notebook
    return METHOD_NOTES.get(stem)
