"""Reading a user's collection: folders, text, HTML, JSON/JSONL, RSS/Atom feeds and URLs.

`read_inputs` yields an `Article` for each article found and a `Skipped` for each
input that could not be read, so one bad file never stops the run.
"""

from parallax.ingest.readers import Skipped, read_inputs
from parallax.ingest.run import IngestResult, ingest

__all__ = ["IngestResult", "Skipped", "ingest", "read_inputs"]
