"""Atomic output: a build writes next to the published site and replaces it only when it succeeded.

MkDocs cleans and writes `site_dir` in place, so a build that fails half-way
(a broken link in strict mode, an error in a plugin) would leave a half-written
site. Instead the build writes to `<site_dir>.ny`, and only a build that
finished without error is moved into place; otherwise the staging directory
is removed and the previous site stays exactly as it was.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path


class Staging:
    def __init__(self, target: Path) -> None:
        self.target = target
        self.path = target.with_name(target.name + ".ny")
        self.failed = False

    def publish(self) -> None:
        """Swap the finished build in: two renames on one file system; the old site is
        never half-replaced, and it is removed only once the new one is in place."""
        old = self.target.with_name(self.target.name + ".gammal")
        if old.exists():
            shutil.rmtree(old)
        if self.target.exists():
            os.replace(self.target, old)
        os.replace(self.path, self.target)
        if old.exists():
            shutil.rmtree(old)

    def discard(self) -> None:
        if self.path.exists():
            shutil.rmtree(self.path)
