"""The shared text layer (kit.text.layer): equal to the splitter and tokenizer, cached once."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import kit
from kit import config
from kit.errors import SchemaError
from kit.parallel import workers
from kit.text import (
    count_tokens,
    sentences,
    split_sentences,
    text_layer,
    token_spans,
    tokenize,
)
from kit.text import layer as L
from kit.text.dtm import document_term_matrix
from kit.text.stopwords import load_stopwords
from tests.helpers import ROOT, make_articles

TRICKY = [
    "",
    "   \n\n  ",
    "No full stop",
    "Support came from the U.S. The strikes failed. Lt. Col. Lerner spoke on Jan. 5.",
    "Iran's drones hit the U.S.-backed base at 3.5 km, 1,000 troops at 10:30.",
    "see https://example.org/a?b=1. Then mail press@example.com!",
    "Headline\nGAZA CITY, April 14 (Reuters) - Jets struck.\n\nNetanyahu’s office said so.",
    "伊朗发射了无人机。以色列拦截了大部分。",
    "İSTANBUL'da protesto. KİEV'de sessizlik.",  # lower() lengthens 'İ'
    "ǅemal and ẞ: mixed Case, ÆON. Done…  Then more?! “Yes.” (Quiet.)",
    "حماس وإسرائيل. هذا نص آخر.",
]


@pytest.fixture(autouse=True)
def fresh_cache():
    L.clear_memory_cache()
    yield
    L.clear_memory_cache()


@pytest.fixture
def builds(monkeypatch):
    """Count the texts the layer builds (in this process: the tables here are small)."""
    built: list[int] = []
    real = L._build

    def counting(texts, **kwargs):
        built.append(len(texts))
        return real(texts, **kwargs)

    monkeypatch.setattr(L, "_build", counting)
    return built


def _table(texts) -> pd.DataFrame:
    return pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": texts})


def assert_layer_matches(layer, texts) -> None:
    """Each article of ``layer`` equals split_sentences and token_spans of its text."""
    assert len(layer) == len(texts)
    for i, text in enumerate(texts):
        s = slice(layer.sent_ptr[i], layer.sent_ptr[i + 1])
        spans = list(zip(layer.sent_start[s].tolist(), layer.sent_end[s].tolist()))
        assert spans == split_sentences(text), i
        t = slice(layer.tok_ptr[i], layer.tok_ptr[i + 1])
        toks = list(zip(layer.tok_start[t].tolist(), layer.tok_end[t].tolist()))
        forms = layer.vocab[layer.tok_id[t]].tolist()
        expected = token_spans(text, lower=True)
        assert [(a, b, f) for (a, b), f in zip(toks, forms)] == expected, i
        if isinstance(text, str) and len(text.lower()) == len(text):
            assert forms == tokenize(text, lower=True), i
        for (a, b), sent in zip(toks, layer.tok_sent[t].tolist()):  # the sentence holding it
            assert spans[sent][0] <= a < b <= spans[sent][1], i
        stop = load_stopwords("en")
        assert layer.vocab_is_stop[layer.tok_id[t]].tolist() == [f in stop for f in forms]


@pytest.fixture(scope="module")
def bundled() -> pd.DataFrame:
    raw = ROOT / "corpus" / "raw"
    if not raw.is_dir():
        pytest.skip("the bundled corpus (corpus/raw) is not present")
    return kit.read_articles(raw, progress=False)


def test_layer_equals_splitter_and_tokenizer_on_the_bundled_corpus(bundled):
    texts = bundled["text"].tolist()
    layer = text_layer(bundled, progress=False)
    assert_layer_matches(layer, texts)
    assert layer.doc_id.tolist() == bundled["doc_id"].tolist()
    assert layer.n_tokens.tolist() == [len(tokenize(t)) for t in texts]


def test_layer_equals_splitter_and_tokenizer_on_tricky_texts():
    texts = [*TRICKY, None]
    layer = text_layer(_table(texts), progress=False)
    assert_layer_matches(layer, ["" if t is None else t for t in texts])
    assert layer.n_tokens[-1] == 0 and layer.n_sentences[-1] == 0
    i = TRICKY.index("İSTANBUL'da protesto. KİEV'de sessizlik.")
    t = slice(layer.tok_ptr[i], layer.tok_ptr[i + 1])
    assert TRICKY[i][layer.tok_start[t][0] : layer.tok_end[t][0]] == "İSTANBUL'da"


def test_global_sentence_and_document_of_every_token():
    layer = text_layer(_table(["One two. Three.", "Four. Five six."]), progress=False)
    assert layer.tok_doc.tolist() == [0, 0, 0, 1, 1, 1]
    assert layer.tok_sent.tolist() == [0, 0, 1, 0, 1, 1]
    assert layer.tok_sent_global.tolist() == [0, 0, 1, 2, 3, 3]
    assert layer.forms().tolist() == ["one", "two", "three", "four", "five", "six"]


def test_a_second_call_and_every_reader_reuse_the_layer(builds):
    arts = make_articles()
    first = text_layer(arts, progress=False)
    assert builds == [len(arts)]
    again = text_layer(arts, progress=False)
    assert np.array_equal(first.tok_id, again.tok_id)
    sents = sentences(arts, progress=False)
    n = count_tokens(arts)
    served = count_tokens(arts["text"])
    document_term_matrix(arts, ngram_range=(1, 2), progress=False)
    document_term_matrix(arts, group_by="outlet", progress=False)
    assert builds == [len(arts)]  # nothing re-split or re-tokenized
    assert n.tolist() == served.tolist() == [len(tokenize(t)) for t in arts["text"]]
    expected = [(d, i, s, e) for d, t in zip(arts["doc_id"], arts["text"])
                for i, (s, e) in enumerate(split_sentences(t))]  # fmt: skip
    assert list(sents[["doc_id", "sent_id", "start", "end"]].itertuples(index=False)) == expected


def test_count_tokens_of_cached_texts_does_not_tokenize(monkeypatch):
    import kit.text.tokens

    arts = make_articles()
    expected = [len(tokenize(t)) for t in arts["text"]]
    text_layer(arts, progress=False)

    class NoRegex:
        def findall(self, text):
            raise AssertionError("tokenized again")

    monkeypatch.setattr(kit.text.tokens, "TOKEN_RE", NoRegex())
    assert count_tokens(arts["text"]).tolist() == expected
    assert count_tokens(list(arts["text"])[::-1]).tolist() == expected[::-1]


def test_count_tokens_of_texts_not_in_the_cache():
    text_layer(make_articles(), progress=False)
    texts = ["Iran's drones hit.", None, "", "U.S. officials"]
    assert count_tokens(texts).tolist() == [4, 0, 0, 2]
    assert count_tokens(iter(texts)).tolist() == [4, 0, 0, 2]


def test_a_subset_is_served_from_the_cached_layer(builds):
    arts = make_articles()
    whole = text_layer(arts, progress=False)
    part = text_layer(arts.iloc[[4, 1, 1]], progress=False)
    assert builds == [len(arts)]
    assert part.doc_id.tolist() == ["syn4", "syn1", "syn1"]
    assert_layer_matches(part, arts["text"].iloc[[4, 1, 1]].tolist())
    assert part.n_tokens.tolist() == whole.n_tokens[[4, 1, 1]].tolist()


def test_a_changed_text_is_built_and_the_others_reused(builds):
    arts = make_articles()
    text_layer(arts, progress=False)
    changed = arts.copy()
    changed.loc[2, "text"] = "A new text. It has two sentences."
    layer = text_layer(changed, progress=False)
    assert builds == [len(arts), 1]
    assert layer.n_sentences[2] == 2 and layer.n_tokens[2] == 7
    assert_layer_matches(layer, changed["text"].tolist())


def test_another_kit_version_or_tokenizer_rebuilds(builds, monkeypatch):
    arts = make_articles()
    text_layer(arts, progress=False)
    monkeypatch.setattr(L, "RULES_VERSION", L.RULES_VERSION + ".dev1")
    text_layer(arts, progress=False)
    assert builds == [len(arts), len(arts)]


def test_disk_cache_beside_the_table_is_reused_by_another_process(corpus_path, builds):
    arts = kit.load_articles(corpus_path)
    first = text_layer(arts, progress=False)
    cache = corpus_path.parent / "text_layer" / "articles.arrow"
    assert cache.is_file() and L.cache_path(corpus_path) == cache
    L.clear_memory_cache()  # as a new process (a second `kit run`) starts
    selected = kit.open_corpus(corpus_path, outlets="The Guardian")
    again = text_layer(selected, progress=False)
    assert builds == [len(arts)]
    rows = np.flatnonzero(arts["outlet"] == "The Guardian")
    assert again.n_tokens.tolist() == first.n_tokens[rows].tolist()
    assert_layer_matches(again, selected["text"].tolist())


def test_a_folder_of_part_files_has_its_disk_cache_too(tmp_path, builds):
    arts = make_articles()
    folder = tmp_path / "articles.parquet"
    folder.mkdir()
    arts.iloc[:3].to_parquet(folder / "part-00000.parquet", index=False)
    arts.iloc[3:].to_parquet(folder / "part-00001.parquet", index=False)
    text_layer(kit.load_articles(folder), progress=False)
    assert (tmp_path / "text_layer" / "articles.arrow").is_file()
    L.clear_memory_cache()
    text_layer(kit.load_articles(folder), progress=False)
    assert builds == [len(arts)]  # the second process read the cache
    rewritten = [f"A rewritten part, article {i}." for i in range(len(arts) - 3)]
    arts.iloc[3:].assign(text=rewritten).to_parquet(folder / "part-00001.parquet", index=False)
    L.clear_memory_cache()
    text_layer(kit.load_articles(folder), progress=False)
    assert builds == [len(arts), len(arts)]  # a rewritten part is another table


def test_disk_cache_of_a_rewritten_table_or_another_version_is_replaced(
    corpus_path, builds, monkeypatch
):
    text_layer(kit.load_articles(corpus_path), progress=False)
    changed = make_articles()
    changed.loc[0, "text"] = "A rewritten corpus."
    changed.to_parquet(corpus_path, index=False)
    L.clear_memory_cache()
    layer = text_layer(kit.load_articles(corpus_path), progress=False)
    assert builds == [6, 6]  # the old file belonged to the old table: started afresh
    assert layer.n_tokens[0] == 3
    monkeypatch.setattr(L, "RULES_VERSION", L.RULES_VERSION + ".dev1")
    L.clear_memory_cache()
    text_layer(kit.load_articles(corpus_path), progress=False)
    assert builds == [6, 6, 6]


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_a_corrupt_cache_file_is_rebuilt_with_a_warning(corpus_path, builds, damage):
    arts = kit.load_articles(corpus_path)
    expected = text_layer(arts, progress=False)
    cache = L.cache_path(corpus_path)
    data = cache.read_bytes()
    cache.write_bytes(b"not arrow" * 50 if damage == "garbage" else data[: len(data) // 2])
    L.clear_memory_cache()
    with pytest.warns(RuntimeWarning, match="cannot be read"):
        layer = text_layer(arts, progress=False)
    assert builds == [6, 6]
    assert np.array_equal(layer.tok_id, expected.tok_id)
    L.clear_memory_cache()
    text_layer(arts, progress=False)  # the rebuilt file reads without a warning
    assert builds == [6, 6]


def test_a_cache_file_with_inconsistent_arrays_is_rebuilt(corpus_path, builds):
    arts = kit.load_articles(corpus_path)
    text_layer(arts, progress=False)
    store = L._MEMORY[str(corpus_path.resolve())]
    bad = dict(store.arrays, tok_id=store.arrays["tok_id"] + len(store.arrays["vocab"]))
    L._write_store(
        L._Store(store.keys, bad, store.version, store.source), L.cache_path(corpus_path)
    )
    L.clear_memory_cache()
    with pytest.warns(RuntimeWarning, match="outside the vocabulary"):
        text_layer(arts, progress=False)
    assert builds == [6, 6]


def test_parallel_build_equals_serial_build(monkeypatch):
    arts = make_articles()
    texts = [*arts["text"], *TRICKY] * 3
    serial = text_layer(_table(texts), jobs=1, progress=False)
    L.clear_memory_cache()
    monkeypatch.setattr(L, "PARALLEL_MIN_ARTICLES", 0)
    monkeypatch.setattr(L, "_CHUNK", 4)
    pools = []
    real_pool = workers.worker_pool
    monkeypatch.setattr(
        workers, "worker_pool", lambda *a, **k: pools.append(real_pool(*a, **k)) or pools[-1]
    )
    parallel = text_layer(_table(texts), jobs=2, progress=False)
    assert pools and pools[0] is not None  # the build did run in worker processes
    for name in ("sent_ptr", "sent_start", "sent_end", "tok_ptr", "tok_start", "tok_end"):
        assert np.array_equal(getattr(serial, name), getattr(parallel, name)), name
    assert serial.forms().tolist() == parallel.forms().tolist()
    assert_layer_matches(parallel, texts)


def test_a_table_without_text_names_the_column():
    with pytest.raises(SchemaError, match="text"):
        text_layer(pd.DataFrame({"doc_id": ["a"]}))


def test_parallel_build_from_a_script_without_a_main_guard(tmp_path):
    import subprocess
    import sys

    script = tmp_path / "work.py"
    script.write_text(
        "import pandas as pd\n"
        "from kit.text import layer as L\n"
        "L.PARALLEL_MIN_ARTICLES, L._CHUNK = 0, 1\n"
        "texts = ['One two. Three.', 'Four.', 'Five six seven.']\n"
        "arts = pd.DataFrame({'doc_id': ['a', 'b', 'c'], 'text': texts})\n"
        "print(L.text_layer(arts, jobs=2, progress=False).n_tokens.tolist())\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=300, cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "[3, 1, 3]"


def test_the_cache_version_follows_kit_and_the_tokenizer_rules(monkeypatch):
    assert L.RULES_VERSION.startswith(config.VERSION + "+")
    monkeypatch.setattr(config, "VERSION", "9.9")
    assert L._rules_version().startswith("9.9+")
    assert L._rules_version().split("+")[1] == L.RULES_VERSION.split("+")[1]


def test_a_dask_worker_keeps_a_bounded_layer_between_its_tasks(builds, monkeypatch):
    # a worker sees partition after partition of a corpus larger than its memory: past the
    # bound, its store starts afresh instead of growing with every article it has seen
    arts = make_articles()
    first, second = arts.iloc[:4], arts.iloc[4:]
    monkeypatch.setattr(L, "on_worker", lambda: True)
    monkeypatch.setattr(L, "_WORKER_MAX_TOKENS", int(text_layer(first).tok_ptr[-1]) - 1)
    text_layer(second, progress=False)
    assert L._MEMORY[""].keys.size == len(second)  # the first partition's articles are gone
    assert builds == [len(first), len(second)]
    monkeypatch.setattr(L, "on_worker", lambda: False)  # in one process the bound is far larger
    text_layer(first, progress=False)
    assert L._MEMORY[""].keys.size == len(arts)
