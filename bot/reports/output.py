"""Where an export is written: whole or not at all, and as private as the
residents' texts in it need."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


def write_atomically(path: Path, write: Callable[[BinaryIO], int]) -> int:
    """Write through a temporary file beside ``path``: a failed export leaves no half file."""
    with tempfile.NamedTemporaryFile(
        dir=path.parent, prefix=f".{path.name}.", suffix=".part", delete=False
    ) as part:
        try:
            count = write(part)  # type: ignore[arg-type]
        except BaseException:
            part.close()
            os.unlink(part.name)
            raise
    # Residents' texts: a new export stays as private as the temporary file (0600);
    # a file the operator made keeps the mode they gave it.
    with contextlib.suppress(FileNotFoundError):
        os.chmod(part.name, stat.S_IMODE(path.stat().st_mode))
    os.replace(part.name, path)
    return count
