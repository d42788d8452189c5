"""The project's Jupyter kernel, ``kit``: the Python of this environment (``.venv``).

The notebooks name it in their metadata, so JupyterLab, VS Code or a system Jupyter opening
them runs them where kit is installed; ``kit run`` and the tests execute them with it. The spec
is installed into this environment (``--sys-prefix``: ``<venv>/share/jupyter/kernels/kit``) by
``make setup`` (``python -m kit.runs.kernel``), and by ``kit run`` when it is missing.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kit.errors import ParameterError

KERNEL_NAME = "kit"
DISPLAY_NAME = "Python (kit)"


def install_kernel(prefix: str | Path | None = None) -> Path:
    """Install the ``kit`` kernel spec, running this Python, under ``prefix``.

    Parameters
    ----------
    prefix : str or Path, optional
        Environment prefix; default this environment's (``sys.prefix``).

    Returns
    -------
    Path
        The folder of the spec written (``<prefix>/share/jupyter/kernels/kit``).
    """
    from ipykernel.kernelspec import install

    return Path(
        install(
            kernel_name=KERNEL_NAME,
            display_name=DISPLAY_NAME,
            prefix=str(prefix or sys.prefix),
        )
    )


def ensure_kernel(name: str = KERNEL_NAME) -> str:
    """Return ``name`` once a Jupyter kernel of that name is installed; the project's kernel
    is installed into this environment when missing.

    Raises
    ------
    ParameterError
        For another kernel name that Jupyter does not know.
    """
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        KernelSpecManager().get_kernel_spec(name)
    except NoSuchKernel:
        if name != KERNEL_NAME:
            known = sorted(KernelSpecManager().find_kernel_specs())
            raise ParameterError(
                "kernel_name", name, f"an installed Jupyter kernel: {known}"
            ) from None
        install_kernel()
    return name


if __name__ == "__main__":
    print(f"kernel {KERNEL_NAME!r} installed in {install_kernel()}")
