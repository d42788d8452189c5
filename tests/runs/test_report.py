"""The run report's parts: captions and key tables of the notebooks, notebook sections, the
corpus description, local paths made relative."""

from __future__ import annotations

import re

import nbformat
import pytest

from kit.corpus import ingest
from kit.runs import captions, report
from kit.runs.describe import describe_corpus
from kit.runs.sections import notebook_intro, notebook_sections
from tests.helpers import ROOT, SEED, make_articles

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
_SAVED = re.compile(r"save_(figure|table)\(\s*[\w.]+,\s*f?['\"]([^'\"]+)")


def _saved(kind: str) -> set[str]:
    names = set()
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                names |= {n for k, n in _SAVED.findall(cell.source) if k == kind}
    return names


def test_every_figure_of_the_notebooks_has_a_caption_saying_what_it_shows():
    figures = _saved("figure")
    assert len(figures) > 10
    missing = sorted(figures - set(captions.FIGURE_CAPTIONS))
    assert not missing, f"figures without a caption in kit/runs/captions.py: {missing}"
    for name in figures:
        caption = captions.figure_caption(name)
        assert name not in caption and caption.endswith("."), caption


def test_registry_names_only_what_the_notebooks_save():
    stale_figures = set(captions.FIGURE_CAPTIONS) - _saved("figure")
    stale_tables = set(captions.KEY_TABLES) - _saved("table")
    assert not stale_figures and not stale_tables, (stale_figures, stale_tables)


def test_every_notebook_has_a_method_note():
    for path in NOTEBOOKS:
        assert captions.method_note(path.stem), f"no method note for {path.stem}"
    assert captions.method_note("99_unknown") is None


def _notebook(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# 07 Demo\n\n**Question.** What?"),
        nbformat.v4.new_code_cell("x = 1"),
        nbformat.v4.new_markdown_cell("## Counts per outlet\nBars per `outlet`."),
        nbformat.v4.new_code_cell(
            "kit.save_table(t, 'demo_counts', out)\nkit.save_figure(fig, 'demo_counts', out)"
        ),
        nbformat.v4.new_markdown_cell("### Evidence"),
        nbformat.v4.new_code_cell(
            'for name, t in tables.items():\n    kit.save_table(t, f"demo_ev_{name}", out)'
        ),
    ]
    path = tmp_path / "07_demo.ipynb"
    nbformat.write(nb, path)
    return path


def test_sections_hold_the_figures_and_tables_their_cells_saved(tmp_path):
    path = _notebook(tmp_path)
    saved = ["demo_counts", "demo_ev_a", "demo_ev_b", "other"]
    sections = notebook_sections(path, figures=["demo_counts"], tables=saved)
    assert [(s.level, s.title, s.anchor) for s in sections] == [
        (2, "Counts per outlet", "Counts-per-outlet"),
        (3, "Evidence", "Evidence"),
    ]
    assert sections[0].text == "Bars per `outlet`."
    assert (sections[0].figures, sections[0].tables) == (["demo_counts"], ["demo_counts"])
    assert sections[1].tables == ["demo_ev_a", "demo_ev_b"]
    assert notebook_intro(path) == ("07 Demo", "**Question.** What?")


def test_corpus_description_from_table_and_ingest_report(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "seed.txt").write_bytes(SEED.read_bytes())
    (raw / "broken.json").write_text("{not json", encoding="utf-8")
    out = tmp_path / "processed" / "articles.parquet"
    with pytest.warns(Warning):
        ingest([raw], out=out, progress=False)
    rows = dict(describe_corpus(out))
    assert rows["articles"] == "1"
    assert rows["outlets (1)"] == "MENAFN (1)"
    assert rows["published"] == "2024-04-14 to 2024-04-14"
    assert rows["languages"] == "en (1)"
    assert rows["skipped at ingest"].startswith("1 files and 0 records: ")
    assert "exact: 0" in rows["duplicates found"]


def test_corpus_description_without_a_report(tmp_path):
    table = make_articles()
    table.loc[table["doc_id"] == "syn2", "duplicate_of"] = "syn1"
    table.to_parquet(tmp_path / "articles.parquet", index=False)
    rows = dict(describe_corpus(tmp_path / "articles.parquet"))
    assert rows["articles"] == "6"
    assert rows["unique articles"] == "5 (1 duplicate copies)"
    assert rows["ingest report"].startswith("none beside the table")


def test_local_paths_become_relative(tmp_path):
    run_dir = tmp_path / "runs" / "r1"
    corpus = tmp_path / "data" / "articles.parquet"
    prefixes = report.local_prefixes(run_dir, [str(corpus)])
    text = (
        f"saved {run_dir}/tables/a.csv from {corpus}; "
        f"code {ROOT}/kit/runs/report.py, project {ROOT}"
    )
    assert report.relative_paths(text, prefixes) == (
        "saved ./tables/a.csv from articles.parquet; code kit/runs/report.py, project ."
    )


def test_key_tables_are_shown_with_a_link_to_their_csv(tmp_path):
    rows = "outlet,n_articles\n" + "".join(f"Outlet {i},{i}\n" for i in range(12))
    page = _one_section_run(tmp_path / "run", rows)
    assert 'href="tables/overview_articles_per_outlet.csv"' in page
    assert f"first {report.TABLE_ROWS} of 12 rows" in page
    assert "<td>Outlet 7</td>" in page and "<td>Outlet 8</td>" not in page
    assert 'href="#01_corpus_overview--Articles-per-outlet"' in page, "no contents entry"
    assert "Method." in page and "zip the whole run folder" in page


def _one_section_run(run_dir, table_csv: str, figure=None) -> str:
    """The index of a run of one notebook saving ``overview_articles_per_outlet`` (and the
    figure ``overview_articles_per_outlet`` when ``figure`` is a matplotlib Figure)."""
    (run_dir / "tables").mkdir(parents=True)
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# 01 Corpus overview"),
        nbformat.v4.new_markdown_cell("## Articles per outlet"),
        nbformat.v4.new_code_cell(
            "kit.save_table(t, 'overview_articles_per_outlet', out)\n"
            "kit.save_figure(fig, 'overview_articles_per_outlet', out)"
        ),
    ]
    nbformat.write(nb, run_dir / "01_corpus_overview.ipynb")
    (run_dir / "tables" / "overview_articles_per_outlet.csv").write_text(table_csv, "utf-8")
    figures = []
    if figure is not None:
        from kit.runs.outputs import save_figure

        figures = [
            p.relative_to(run_dir).as_posix()
            for p in save_figure(figure, "overview_articles_per_outlet", run_dir).values()
        ]
    manifest = {
        "run_id": "r1",
        "status": "ok",
        "notebooks": [
            {
                "name": "01_corpus_overview",
                "output": "01_corpus_overview.ipynb",
                "html": None,
                "status": "ok",
                "figures": figures,
                "tables": ["tables/overview_articles_per_outlet.csv"],
            }
        ],
    }
    return report.write_index(manifest, run_dir).read_text(encoding="utf-8")


def test_key_tables_show_readable_numbers_and_escaped_cut_texts(tmp_path):
    long = "word " * 100
    csv = f'outlet,mean,n,sentence\n<b>A</b>,471.806452,324.0,"{long}"\nB,0.0509640,2.0,short\n'
    page = _one_section_run(tmp_path / "run", csv)
    assert "<td>471.8</td>" in page and "<td>324</td>" in page and "<td>0.05096</td>" in page
    assert "&lt;b&gt;A&lt;/b&gt;" in page and "<b>A</b>" not in page
    assert long.strip() not in page, "a long text is not cut"
    cut = long[: report.CELL_CHARS - 1].rstrip() + "\u2026"
    assert f'<span class="text">{cut}</span>' in page
    assert "<td>short</td>" in page


def test_a_tall_figure_scrolls_in_its_own_box(tmp_path):
    from matplotlib.figure import Figure

    csv = "outlet,n\nA,1\n"
    figures = {}
    for shape, size in (("wide", (6, 3)), ("tall", (4, 20))):
        figures[shape] = Figure(figsize=size)
        figures[shape].subplots().plot([0, 1], [0, 1])
    wide = _one_section_run(tmp_path / "wide", csv, figures["wide"])
    tall = _one_section_run(tmp_path / "tall", csv, figures["tall"])
    assert '<figure class="tall"' not in wide and '<div class="frame">' not in wide
    assert '<figure class="tall"' in tall and '<div class="frame"><img' in tall
    assert "scroll it, or open the PNG" in tall
