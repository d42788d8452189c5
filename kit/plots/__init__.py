"""Figures: one function per figure, each returning a matplotlib Figure.

One module per analysis (overview, terms, sentiment, rhetoric). Inside a Jupyter kernel, importing
this package turns on inline display, so a returned Figure shows as an image, not as text.
"""

try:
    from IPython import get_ipython

    _shell = get_ipython()
except ImportError:
    _shell = None
if _shell is not None and type(_shell).__name__ == "ZMQInteractiveShell":
    _shell.run_line_magic("matplotlib", "inline")
