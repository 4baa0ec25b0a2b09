"""A paragraph break ends a sentence: a spaCy component run before the parser.

The small English parser often runs a sentence on over a blank line ("... held on Dec. 4.\\n\\nThe
columnist wrote, “...”"), so the next paragraph's subject becomes an object of the last one's verb.
Marking the first word after a line break as a sentence start, which the parser keeps, fixes the
parse for every stage. A line that opens in lower case continues a hard-wrapped sentence.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language

PARAGRAPH_BREAKS = "parallax_paragraph_breaks"


@Language.component(PARAGRAPH_BREAKS)
def mark_paragraph_breaks(doc: Any) -> Any:
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            following = doc[token.i + 1]
            if not following.is_space and not following.text[:1].islower():
                following.is_sent_start = True
    return doc
