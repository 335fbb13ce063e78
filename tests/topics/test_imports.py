"""Importing the topics stage prints nothing a user cannot act on."""
from __future__ import annotations

import subprocess
import sys


def test_importing_topics_raises_no_import_warning_about_tensorflow():
    # a fresh interpreter: umap warns only the first time it is imported
    result = subprocess.run([sys.executable, "-W", "error::ImportWarning", "-c", "import evaltoolkit.topics"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stderr == ""
