"""The text layer: sentences and tokens of every article, computed once per corpus and shared.

Every measure needs the sentences (:func:`kit.text.split_sentences`) and tokens
(:data:`kit.text.TOKEN_RE`) of the articles; :func:`text_layer` computes them in one parallel
pass (:func:`kit.parallel.map_chunks`) and keeps them as flat NumPy arrays, so a second measure,
a second notebook or a second ``kit run`` on the same corpus reuses them.

Caching
-------
Each article is keyed by a 64-bit hash of its text (:func:`pandas.util.hash_array`),
so a subset of a cached corpus (a date window, some outlets) is a slice of the cached layer and
only articles never seen are computed. Every cache records kit's version
(:data:`kit.RULES_VERSION`); another version starts afresh.

- **In memory**, for the life of the Python process (:func:`clear_memory_cache` empties it),
  up to 200 million tokens, 50 million on a Dask worker (then a store starts afresh).
- **On disk**, for articles tables read from a file or a folder of part files (:func:`kit.load_articles`,
  :func:`kit.open_corpus` record the file in ``articles.attrs["source_path"]``): the Arrow IPC
  file ``text_layer/<table name>.arrow`` beside the table (``corpus/processed/text_layer/``
  for the project's corpus), memory-mapped when read. A rewritten table (a new ``kit ingest``)
  or another kit version replaces it; an unreadable file is rebuilt with a warning. Deleting
  the ``text_layer/`` folder clears it.
"""

from __future__ import annotations

import hashlib
import os
import re
import uuid
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from kit import config
from kit.parallel import PARALLEL_MIN_ARTICLES, accepts_dask, map_chunks, on_worker
from kit.text.segmentation import split_sentences
from kit.text.stopwords import load_stopwords
from kit.text.tokens import TOKEN_PATTERN, TOKEN_RE
from kit.validate import require_columns

#: Folder of the disk cache, beside the articles table it belongs to.
CACHE_FOLDER = "text_layer"
_FORMAT = "1"  # bump when the layout of the cache file changes


def _rules_version() -> str:
    """kit's version and a digest of the tokenizer, the sentence rules and their word lists:
    editing any of them starts the cache afresh, even within one kit version."""
    from kit.text import segmentation, stopwords, tokens

    digest = hashlib.sha256()
    for module in (tokens, segmentation, stopwords):
        digest.update(Path(module.__file__ or "").read_bytes())
    for name in ("abbreviations.yml", "stopwords_en.txt"):
        digest.update((config.LEXICONS_DIR / name).read_bytes())
    return f"{config.VERSION}+{digest.hexdigest()[:12]}"


RULES_VERSION = _rules_version()
_CHUNK = 250  # articles per task sent to a worker
# the token pattern inside one group: re.split then returns gaps and tokens alternately
_SPLIT = re.compile(f"({TOKEN_PATTERN})")

_TOKEN_ARRAYS = ("tok_start", "tok_end", "tok_sent", "tok_id")
_SENT_ARRAYS = ("sent_start", "sent_end")


@dataclass(frozen=True)
class TextLayer:
    """Sentences and tokens of a list of articles, as flat arrays (CSR-like).

    Article ``i`` has sentences ``sent_ptr[i]:sent_ptr[i+1]`` and tokens
    ``tok_ptr[i]:tok_ptr[i+1]`` of the per-sentence and per-token arrays. Offsets are
    character offsets into the article's ``text``.

    Attributes
    ----------
    doc_id : numpy.ndarray
        The ``doc_id`` of every article (object), in the row order of the articles table.
    sent_ptr, tok_ptr : numpy.ndarray
        int64, one more than the articles: where each article's sentences / tokens start.
    sent_start, sent_end : numpy.ndarray
        int64 per sentence: :func:`kit.text.split_sentences` of the article.
    tok_start, tok_end : numpy.ndarray
        int32 per token: the tokens of ``tokenize(text, lower=True)``.
    tok_sent : numpy.ndarray
        int32 per token: the sentence holding it, numbered from 0 within its article (the
        ``sent_id`` of :func:`kit.text.sentences`).
    tok_id : numpy.ndarray
        int32 per token: its lower-cased form in ``vocab``.
    vocab : numpy.ndarray
        The lower-cased forms (object array of str). It may hold forms of other articles (a
        layer can be a slice of a larger cached one); no order is implied.
    vocab_is_stop : numpy.ndarray
        bool per ``vocab`` entry: in kit's English stopword list
        (:func:`kit.text.stopwords.load_stopwords`).
    """

    doc_id: np.ndarray
    sent_ptr: np.ndarray
    sent_start: np.ndarray
    sent_end: np.ndarray
    tok_ptr: np.ndarray
    tok_start: np.ndarray
    tok_end: np.ndarray
    tok_sent: np.ndarray
    tok_id: np.ndarray
    vocab: np.ndarray
    vocab_is_stop: np.ndarray

    def __len__(self) -> int:
        return len(self.doc_id)

    @property
    def n_tokens(self) -> np.ndarray:
        """int64 per article: its number of tokens (the denominator of kit's rates)."""
        return np.diff(self.tok_ptr)

    @property
    def n_sentences(self) -> np.ndarray:
        """int64 per article: its number of sentences."""
        return np.diff(self.sent_ptr)

    @property
    def tok_doc(self) -> np.ndarray:
        """int64 per token: the row of its article."""
        return np.repeat(np.arange(len(self)), self.n_tokens)

    @property
    def tok_sent_global(self) -> np.ndarray:
        """int64 per token: the index of its sentence in ``sent_start`` (over all articles)."""
        return np.repeat(self.sent_ptr[:-1], self.n_tokens) + self.tok_sent

    def forms(self) -> np.ndarray:
        """The lower-cased form of every token (object array of str)."""
        return self.vocab[self.tok_id]


@dataclass
class _Store:
    """A cache of built articles, content-addressed by text hash (append-only vocabulary)."""

    keys: np.ndarray  # uint64 per article
    arrays: dict[str, np.ndarray]  # the TextLayer arrays without doc_id
    version: str
    source: str = ""  # fingerprint of the table file for disk stores
    _where: pd.Index | None = field(default=None, repr=False)
    _vocab_ids: dict[str, int] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        for values in (self.keys, *self.arrays.values()):
            values.flags.writeable = False  # layers served whole share these arrays

    @property
    def where(self) -> pd.Index:
        if self._where is None:
            self._where = pd.Index(self.keys)
        return self._where

    @property
    def vocab_ids(self) -> dict[str, int]:
        if self._vocab_ids is None:
            self._vocab_ids = {w: i for i, w in enumerate(self.arrays["vocab"].tolist())}
        return self._vocab_ids

    def positions(self, keys: np.ndarray) -> np.ndarray:
        """Row of each key in this store, -1 when absent."""
        if len(self.keys) == 0:
            return np.full(len(keys), -1, np.int64)
        return np.asarray(self.where.get_indexer(keys), np.int64)


def _empty_arrays() -> dict[str, np.ndarray]:
    zero = np.zeros(1, np.int64)
    return {
        "sent_ptr": zero,
        "sent_start": np.zeros(0, np.int64),
        "sent_end": np.zeros(0, np.int64),
        "tok_ptr": zero.copy(),
        "tok_start": np.zeros(0, np.int32),
        "tok_end": np.zeros(0, np.int32),
        "tok_sent": np.zeros(0, np.int32),
        "tok_id": np.zeros(0, np.int32),
        "vocab": np.zeros(0, object),
        "vocab_is_stop": np.zeros(0, bool),
    }


_MEMORY: dict[str, _Store] = {}  # "" for tables not read from a file, else the table's path
_SOURCES: dict[tuple, str] = {}  # ((path, size, mtime) of each file) -> content hash
_MEMORY_MAX_TOKENS = 200_000_000  # a store starts afresh beyond this (16 bytes a token)
#: The same on a Dask worker, which sees a stream of partitions of a corpus that may be far
#: larger than its memory: at most ~0.8 GB of tokens are kept between its tasks.
_WORKER_MAX_TOKENS = 50_000_000


def clear_memory_cache() -> None:
    """Forget every text layer held in memory (the disk caches stay)."""
    _MEMORY.clear()
    _SOURCES.clear()


# ---------------------------------------------------------------------------------------------
# building


def _build_chunk(texts: list[str]):
    """Sentences and tokens of some texts; token forms as codes into a local vocabulary."""
    n = len(texts)
    n_sent = np.zeros(n, np.int64)
    n_tok = np.zeros(n, np.int64)
    s_starts, s_ends, t_starts, t_ends, t_sents, forms = [], [], [], [], [], []
    for i, text in enumerate(texts):
        spans = split_sentences(text)
        ss = np.array([s for s, _ in spans], np.int64)
        n_sent[i] = len(spans)
        s_starts.append(ss)
        s_ends.append(np.array([e for _, e in spans], np.int64))
        low = text.lower()
        if len(low) == len(text):
            pieces = _SPLIT.split(low)
            off = np.cumsum(np.fromiter(map(len, pieces), np.int64, len(pieces)))
            starts, ends = off[0:-1:2], off[1::2]
            forms.extend(pieces[1::2])
        else:  # lower() changed the length (e.g. 'İ'): tokens of the text, lower-cased
            found = [(m.start(), m.end(), m.group(0).lower()) for m in TOKEN_RE.finditer(text)]
            starts = np.array([s for s, _, _ in found], np.int64)
            ends = np.array([e for _, e, _ in found], np.int64)
            forms.extend(f for _, _, f in found)
        n_tok[i] = len(starts)
        t_starts.append(starts)
        t_ends.append(ends)
        sent = np.searchsorted(ss, starts, side="right") - 1
        t_sents.append(np.maximum(sent, 0))
    codes, uniques = pd.factorize(pd.Series(forms, dtype=object), use_na_sentinel=False)
    return (
        n_sent,
        _cat(s_starts, np.int64),
        _cat(s_ends, np.int64),
        n_tok,
        _cat(t_starts, np.int32),
        _cat(t_ends, np.int32),
        _cat(t_sents, np.int32),
        codes.astype(np.int64),
        np.asarray(uniques, dtype=object),
    )


def _cat(parts: list[np.ndarray], dtype) -> np.ndarray:
    return np.concatenate(parts).astype(dtype) if parts else np.zeros(0, dtype)


def _build(texts: list[str], *, jobs: int | None, progress: bool) -> list:
    """:func:`_build_chunk` over ``texts``, in worker processes when worth it."""
    return map_chunks(
        _built,
        texts,
        chunk_size=_CHUNK,
        parallel=len(texts) >= PARALLEL_MIN_ARTICLES,
        desc="sentences and tokens",
        progress=progress,
        jobs=jobs,
        preload=("kit.text.layer",),
    )


def _built(texts: list[str]) -> list:
    return [_build_chunk(texts)]


def _append(store: _Store, keys: np.ndarray, texts: list[str], *, jobs, progress) -> _Store:
    """Return ``store`` with the layers of ``texts`` (keyed ``keys``) added at its end."""
    built = _build(texts, jobs=jobs, progress=progress)
    a = store.arrays
    vocab_ids = dict(store.vocab_ids)  # the store stays whole if building fails
    n_vocab = len(vocab_ids)
    parts: dict[str, list[np.ndarray]] = {k: [a[k]] for k in (*_SENT_ARRAYS, *_TOKEN_ARRAYS)}
    n_sent, n_tok = [], []
    for ns, s0, s1, nt, t0, t1, tsent, codes, uniques in built:
        mapping = np.fromiter(
            (vocab_ids.setdefault(u, len(vocab_ids)) for u in uniques.tolist()),
            np.int64,
            len(uniques),
        )
        for name, values in zip(
            (*_SENT_ARRAYS, *_TOKEN_ARRAYS),
            (s0, s1, t0, t1, tsent, mapping[codes].astype(np.int32)),
        ):
            parts[name].append(values)
        n_sent.append(ns)
        n_tok.append(nt)
    new_words = np.array(list(vocab_ids)[n_vocab:], dtype=object)
    arrays = {k: np.concatenate(v) for k, v in parts.items()}
    arrays["sent_ptr"] = _extend_ptr(a["sent_ptr"], n_sent)
    arrays["tok_ptr"] = _extend_ptr(a["tok_ptr"], n_tok)
    arrays["vocab"] = np.concatenate([a["vocab"], new_words])
    stop = load_stopwords("en")
    arrays["vocab_is_stop"] = np.concatenate(
        [a["vocab_is_stop"], np.fromiter((w in stop for w in new_words), bool, len(new_words))]
    )
    out = _Store(np.concatenate([store.keys, keys]), arrays, store.version, store.source)
    out._vocab_ids = vocab_ids
    return out


def _extend_ptr(ptr: np.ndarray, counts: list[np.ndarray]) -> np.ndarray:
    more = np.concatenate(counts) if counts else np.zeros(0, np.int64)
    return np.concatenate([ptr, ptr[-1] + np.cumsum(more)]).astype(np.int64)


# ---------------------------------------------------------------------------------------------
# gathering


def concat_ranges(starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Concatenation of ``arange(s, s + c)`` for every pair (int64).

    Examples
    --------
    >>> concat_ranges(np.array([5, 0]), np.array([2, 3])).tolist()
    [5, 6, 0, 1, 2]
    """
    total = int(counts.sum())
    if total == 0:
        return np.zeros(0, np.int64)
    ends = np.cumsum(counts)
    offsets = np.repeat(starts - (ends - counts), counts)
    return np.arange(total, dtype=np.int64) + offsets


def _gather(store: _Store, rows: np.ndarray, doc_id: np.ndarray) -> TextLayer:
    a = store.arrays
    n = len(store.keys)
    if len(rows) == n and np.array_equal(rows, np.arange(n)):
        picked = {k: a[k] for k in a}
    else:
        picked = {"vocab": a["vocab"], "vocab_is_stop": a["vocab_is_stop"]}
        for ptr, names in (("sent_ptr", _SENT_ARRAYS), ("tok_ptr", _TOKEN_ARRAYS)):
            starts = a[ptr][:-1][rows]
            counts = a[ptr][1:][rows] - starts
            idx = concat_ranges(starts, counts)
            for name in names:
                picked[name] = a[name][idx]
            picked[ptr] = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    return TextLayer(doc_id=doc_id, **picked)


# ---------------------------------------------------------------------------------------------
# the disk cache


def _source_of(articles: pd.DataFrame) -> Path | None:
    """The table file, or folder of part files, the articles were read from."""
    source = articles.attrs.get("source_path")
    if not source:
        return None
    path = Path(source)
    return path if path.is_file() or path.is_dir() else None


def _source_hash(path: Path) -> str:
    """SHA-256 of a table file, or of the names and contents of a folder's part files
    (remembered while their sizes and modification times stay)."""
    files = [path] if path.is_file() else sorted(path.glob("*.parquet"))
    key = tuple((str(f), f.stat().st_size, f.stat().st_mtime_ns) for f in files)
    if key not in _SOURCES:
        digest = hashlib.sha256()
        for file in files:
            digest.update(f"{file.name}\0".encode())
            with file.open("rb") as fh:
                for block in iter(lambda: fh.read(1 << 20), b""):
                    digest.update(block)
        _SOURCES[key] = digest.hexdigest()
    return _SOURCES[key]


def cache_path(table_path: str | Path) -> Path:
    """Where the disk cache of the articles table at ``table_path`` lives.

    Examples
    --------
    >>> cache_path("corpus/processed/articles.parquet").as_posix()
    'corpus/processed/text_layer/articles.arrow'
    """
    table_path = Path(table_path)
    return table_path.parent / CACHE_FOLDER / f"{table_path.stem}.arrow"


def _read_store(path: Path, source: str) -> _Store | None:
    """The store in ``path``; None when absent or stale; a warning when unreadable."""
    if not path.exists():
        return None
    try:
        table = pa.ipc.open_file(pa.memory_map(str(path), "r")).read_all()
        meta = {k.decode(): v.decode() for k, v in (table.schema.metadata or {}).items()}
        if meta.get("kit_version") != RULES_VERSION or meta.get("format") != _FORMAT:
            return None
        if meta.get("source") != source:
            return None
        columns = {name: table.column(name).chunk(0).values for name in table.column_names}
        arrays = {
            name: (
                np.asarray(col.to_pylist(), dtype=object)
                if name == "vocab"
                else col.to_numpy(zero_copy_only=name != "vocab_is_stop")
            )
            for name, col in columns.items()
        }
        keys = arrays.pop("keys")
        _check_arrays(keys, arrays)
    except (OSError, pa.ArrowException, KeyError, ValueError, IndexError) as exc:
        warnings.warn(
            f"the text layer cache {path} cannot be read ({exc}); kit rebuilds it",
            RuntimeWarning,
            stacklevel=3,
        )
        return None
    return _Store(keys, arrays, RULES_VERSION, source)


def _check_arrays(keys: np.ndarray, a: dict[str, np.ndarray]) -> None:
    """Raise ValueError unless the arrays make a consistent layer."""
    if len(np.unique(keys)) != len(keys):
        raise ValueError("an article is stored twice")
    for ptr, names in (("sent_ptr", _SENT_ARRAYS), ("tok_ptr", _TOKEN_ARRAYS)):
        p = a[ptr]
        if len(p) != len(keys) + 1 or p[0] != 0 or np.any(np.diff(p) < 0):
            raise ValueError(f"{ptr} does not match the articles")
        if any(len(a[name]) != p[-1] for name in names):
            raise ValueError(f"the arrays of {ptr} differ in length")
    if len(a["tok_id"]) and not 0 <= a["tok_id"].min() <= a["tok_id"].max() < len(a["vocab"]):
        raise ValueError("token ids outside the vocabulary")
    if len(a["vocab_is_stop"]) != len(a["vocab"]):
        raise ValueError("stopword flags do not match the vocabulary")


def _write_store(store: _Store, path: Path) -> None:
    """Write ``store`` to ``path`` atomically (a unique temporary file, then ``os.replace``)."""
    columns = {"keys": store.keys, **store.arrays}
    arrays = []
    for name, values in columns.items():
        inner = pa.array(values.tolist() if name == "vocab" else values, type=_TYPES[name])
        arrays.append(pa.LargeListArray.from_arrays(pa.array([0, len(values)], pa.int64()), inner))
    meta = {"kit_version": RULES_VERSION, "format": _FORMAT, "source": store.source}
    table = pa.table(dict(zip(columns, arrays)), metadata=meta)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with pa.OSFile(str(tmp), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
            writer.write_table(table)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        warnings.warn(
            f"kit could not write the text layer cache {path} ({exc}); it stays in memory",
            RuntimeWarning,
            stacklevel=3,
        )


_TYPES = {
    "keys": pa.uint64(),
    "sent_ptr": pa.int64(),
    "sent_start": pa.int64(),
    "sent_end": pa.int64(),
    "tok_ptr": pa.int64(),
    "tok_start": pa.int32(),
    "tok_end": pa.int32(),
    "tok_sent": pa.int32(),
    "tok_id": pa.int32(),
    "vocab": pa.large_string(),
    "vocab_is_stop": pa.bool_(),
}


# ---------------------------------------------------------------------------------------------
# the entry points


def text_keys(texts) -> np.ndarray:
    """The cache key of each text: a 64-bit hash of the text (missing texts count as "")."""
    values = np.array([t if isinstance(t, str) else "" for t in texts], dtype=object)
    return pd.util.hash_array(values, categorize=False).astype(np.uint64, copy=False)


def _home(table: Path | None) -> tuple[str, _Store]:
    """The store that takes new articles of a table: its file's (from memory, else from disk),
    or the store of tables not read from a file; an empty one when none is usable."""
    name, source = ("", "") if table is None else (str(table), _source_hash(table))
    store = _MEMORY.get(name)
    if store is None or store.version != RULES_VERSION or store.source != source:
        store = None if table is None else _read_store(cache_path(table), source)
    limit = _WORKER_MAX_TOKENS if on_worker() else _MEMORY_MAX_TOKENS
    if store is None or store.arrays["tok_ptr"][-1] > limit:
        store = _Store(np.zeros(0, np.uint64), _empty_arrays(), RULES_VERSION, source)
    return name, store


@accepts_dask
def text_layer(
    articles: pd.DataFrame, *, jobs: int | None = None, progress: bool = True
) -> TextLayer:
    """Return the sentences and tokens of every article, from the cache when possible.

    Parameters
    ----------
    articles : pandas.DataFrame
        An articles table (needs ``doc_id`` and ``text``; a missing text has no sentences or
        tokens).
    jobs : int, optional
        Worker processes for the articles not cached yet (:func:`kit.parallel.resolve_jobs`).
    progress : bool
        Show a progress bar while building.

    Returns
    -------
    TextLayer
        One entry per row of ``articles``, in their order.

    Raises
    ------
    SchemaError
        When ``doc_id`` or ``text`` is missing.

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"doc_id": ["a"], "text": ["Iran's drones hit. Gen. Lee spoke."]})
    >>> layer = text_layer(arts, progress=False)
    >>> layer.n_tokens.tolist(), layer.n_sentences.tolist(), layer.forms().tolist()[:3]
    ([7], [2], ['iran', "'s", 'drones'])
    >>> layer.tok_sent.tolist()
    [0, 0, 0, 0, 1, 1, 1]
    """
    require_columns(articles, ["doc_id", "text"], "text_layer")
    texts = articles["text"].tolist()
    keys = text_keys(texts)
    doc_id = articles["doc_id"].to_numpy(dtype=object)
    for store in list(_MEMORY.values()):
        if store.version == RULES_VERSION:
            rows = store.positions(keys)
            if len(rows) == 0 or rows.min() >= 0:
                return _gather(store, rows, doc_id)
    table = _source_of(articles)
    name, store = _home(table)
    rows = store.positions(keys)
    if len(rows) and rows.min() < 0:
        missing = np.flatnonzero(rows < 0)
        first = np.sort(np.unique(keys[missing], return_index=True)[1])  # in table order
        new_keys = keys[missing[first]]
        new_texts = [texts[missing[i]] if isinstance(texts[missing[i]], str) else "" for i in first]
        store = _append(store, new_keys, new_texts, jobs=jobs, progress=progress)
        if table is not None:
            _write_store(store, cache_path(table))
        rows = store.positions(keys)
    _MEMORY[name] = store
    return _gather(store, rows, doc_id)


def cached_token_counts(texts) -> np.ndarray | None:
    """The token counts of ``texts`` when every text is in a memory cache, else None."""
    if not _MEMORY:
        return None
    keys = text_keys(texts)
    for store in _MEMORY.values():
        rows = store.positions(keys)
        if store.version == RULES_VERSION and (len(rows) == 0 or rows.min() >= 0):
            return np.diff(store.arrays["tok_ptr"])[rows]
    return None
