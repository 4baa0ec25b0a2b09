"""Sentences and named-entity mentions from spaCy, in one pass over each batch."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from parallax.model import Article
from parallax.models import cpu_budget, spacy_pipeline

# spaCy labels worth keeping as entity mentions; numbers and dates have their own stages.
MENTION_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART"}

# Spaces spaCy does not split on: a no-break space inside a name ("Stu\xa0Burguiere") becomes a token
# of its own and breaks the name, its entity and the parse around it. Each is read as a plain space,
# one character for one, so every offset into the article's text holds.
ODD_SPACES = str.maketrans(
    dict.fromkeys("\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000", " ")
)


# A quote mark glued between a stop and the next word (`audiences,"Katie Packer said`, `voters!”After`)
# makes one token of `audiences,"Katie`, which hides the name from the parse. spaCy reads a space for
# such a mark, one character for one; quote spans are found in the article's own text, which keeps it.
GLUED_MARK = re.compile(r"(?<=\w[,.!?;:])[\"“”](?=[^\W\d_])")


def parse_text(text: str) -> str:
    """The text spaCy reads: the article's own, with odd spaces made plain and quote marks glued to
    the next word read as spaces (same length)."""
    return GLUED_MARK.sub(" ", text.translate(ODD_SPACES))


def doc_text(doc: Any) -> str:
    """`doc.text`, built once per doc: spaCy rebuilds it from every token on each access."""
    text = doc.user_data.get("parallax_text")
    if text is None:
        text = doc.user_data["parallax_text"] = doc.text
    return str(text)


class SpacyStage:
    """spaCy is the slowest stage by far, so it spreads over the CPUs when a call brings enough text.

    `processes=None` means one process per CPU in `cpu_budget()`, but never more than the call
    has batches; `processes=1` keeps everything in this process.
    """

    name = "spacy"
    requires = ("text",)
    provides = ("doc", "sentences", "mentions")

    def __init__(self, batch_size: int = 16, processes: int | None = None) -> None:
        self.batch_size = batch_size
        self.processes = processes

    def __call__(self, articles: Sequence[Article]) -> None:
        nlp = spacy_pipeline()
        processes = min(self.processes or cpu_budget(), max(1, len(articles) // self.batch_size))
        fits = [parse_text(a.text) for a in articles if len(a.text) <= nlp.max_length]
        docs = iter(nlp.pipe(fits, batch_size=self.batch_size, n_process=processes))
        for article in articles:
            doc = (
                next(docs)
                if len(article.text) <= nlp.max_length
                else parse_long(nlp, parse_text(article.text))
            )
            article.doc = doc
            article.annotations["sentences"] = [
                {"start": s.start_char, "end": s.end_char} for s in doc.sents if s.text.strip()
            ]
            article.annotations["mentions"] = [
                {"start": e.start_char, "end": e.end_char, "text": e.text, "label": e.label_}
                for e in doc.ents
                if e.label_ in MENTION_LABELS
            ]


def parse(text: str) -> Any:
    """One text's Doc, for a stage that finds an article without one (stored, not parsed this run);
    a text longer than spaCy's `max_length` is parsed in pieces, as `SpacyStage` does."""
    nlp = spacy_pipeline()
    text = parse_text(text)
    return nlp(text) if len(text) <= nlp.max_length else parse_long(nlp, text)


def parse_long(nlp: Any, text: str) -> Any:
    """A text longer than spaCy's `max_length` (which spaCy refuses), parsed in pieces cut after a
    line break (else a space) and joined into one Doc with the whole text and its offsets."""
    from spacy.tokens import Doc

    pieces, start = [], 0
    while start < len(text):
        end = min(start + nlp.max_length, len(text))
        if end < len(text):
            cut = text.rfind("\n", start + 1, end)
            cut = cut if cut != -1 else text.rfind(" ", start + 1, end)
            end = cut + 1 if cut != -1 else end
        pieces.append(text[start:end])
        start = end
    return Doc.from_docs(list(nlp.pipe(pieces)), ensure_whitespace=False)
