"""Reading a user's collection: folders, text, HTML, JSON/JSONL, RSS/Atom feeds and URLs.

`read_inputs` yields an `Article` for each article found, a `Skipped` for each input that could
not be read and an `IngestWarning` for each input read imperfectly, so one bad file never stops
the run. `ingest` stores the articles, linking syndicated copies to their originals.

Modules: `readers` (dispatch by kind), `decode` (bytes to text), `textheader` (metadata lines at
the top of a .txt), `html` (main-text extraction), `feeds` (RSS/Atom), `fetch` (URLs),
`metadata` (dates, names, language, ids), `dedup` (MinHash near-duplicates), `run` (storing).
"""

from parallax.ingest.readers import IngestWarning, Limits, Skipped, read_inputs
from parallax.ingest.run import IngestResult, ingest

__all__ = ["IngestResult", "IngestWarning", "Limits", "Skipped", "ingest", "read_inputs"]
