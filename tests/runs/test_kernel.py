"""The project's Jupyter kernel: installed into an environment, found by name."""

from __future__ import annotations

import json
import sys

import pytest

from kit.errors import ParameterError
from kit.runs import kernel


def test_install_kernel_writes_a_spec_running_this_python(tmp_path):
    folder = kernel.install_kernel(prefix=tmp_path)
    assert folder == tmp_path / "share" / "jupyter" / "kernels" / kernel.KERNEL_NAME
    spec = json.loads((folder / "kernel.json").read_text(encoding="utf-8"))
    assert spec["argv"][0] == sys.executable
    assert spec["display_name"] == kernel.DISPLAY_NAME and spec["language"] == "python"


def test_the_project_kernel_is_installed_and_found():
    from jupyter_client.kernelspec import KernelSpecManager

    assert kernel.ensure_kernel() == kernel.KERNEL_NAME
    spec = KernelSpecManager().get_kernel_spec(kernel.KERNEL_NAME)
    assert spec.argv[0] == sys.executable, "the kit kernel runs another Python"


def test_an_unknown_kernel_is_a_parameter_error():
    with pytest.raises(ParameterError, match="kernel_name.*an installed Jupyter kernel"):
        kernel.ensure_kernel("no-such-kernel-here")
