"""What readers yield besides articles: inputs skipped, and warnings about inputs that were read."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Skipped:
    """An input (a file, a JSONL line, a feed, a URL) that could not be read, and why."""

    path: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.reason}"


@dataclass
class IngestWarning:
    """An input that was read, but not perfectly (for example a lossy decoding)."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"
