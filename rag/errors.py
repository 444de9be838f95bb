"""Errors the user can fix; the CLI prints them without a traceback."""

from __future__ import annotations

from pathlib import Path


class ReferatError(Exception):
    """Something the user can fix. The CLI prints it without a traceback."""


class SeedFormatError(ReferatError):
    """A minutes file could not be read as a meeting; names the file and line."""

    def __init__(self, path: Path | str, line: int, problem: str) -> None:
        super().__init__(f"{path}:{line}: {problem}")
        self.path, self.line, self.problem = Path(path), line, problem


class ModelError(ReferatError):
    """The embedding model could not be found, verified, converted or loaded."""


class IndexMissingError(ReferatError):
    """No index has been built in the configured folder."""


class StaleIndexError(ReferatError):
    """The index on disk does not match the current Config, corpus or referat version."""


class CorruptIndexError(ReferatError):
    """An index file is missing, truncated or unreadable."""


class BadQuestionError(ReferatError):
    """A question that cannot be searched (empty, only punctuation, ...)."""
