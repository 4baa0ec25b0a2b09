"""Who said what, per article: quoted words, reported speech and the words that name the speaker.

Quote marks are paired by rule (straight, curly, «guillemets», typewriter ''doubles''); the
speaker comes from the dependency parse of the attribution around the quote: the word the quoted
words hang on ("labelled ... as “...”", "X's warnings that “...”", a verb before a colon), the
subject of a speech verb ("said", "stressed", "denounced"), the object of "according to", or an
apposition ("Breznik's lawyer, Oskar Venn, said"). A pronoun ("she said") is resolved to the last
person named as a subject (or speaking under a name the recogniser missed), if the article never
called that person by the other pronoun and no second person could be meant; a role ("the minister said") to the last person the article named
with that role; an institution ("the ministry") to the last organisation whose name contains the
word. The attribution right after the closing mark (`“...,” Varga said`) outranks any other verb
the parse hangs the quote on; a signature after a dash (`” ― Ilse Marten`), a person named after the
mark with an aside before the verb, and "as X put it" name the speaker too. A paragraph of nothing but
quoted words goes on with the speaker named at the end of the paragraph before (or quoted on both
sides of it), never after a question put to someone (`“...?” said Mirek` goes on; `asked` does
not). A digest's signature before the colon (`... - Anton Bosko: “...”`) and a surname the article
gives a person, however the tagger reads it (`,” Brann shot back` with "Brann" tagged a verb), name the
speaker too. A name the parse makes someone spoken to or of ("Varga was asked", "added about Corrin:")
is never the speaker. An unnamed speaker keeps the words that describe them ("a person close to the
Holts", "another New Hampshire Democrat") as its reference. Anything else stays unknown: never guessed.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import Any

from parallax.annotate.names import PRONOUNS, fold, is_title_word, role_heads, roles_near, speech_verbs
from parallax.annotate.names import _read_tsv as read_tsv
from parallax.model import Article

CLOSING = {"“": "”", "«": "»", "„": "“", '"': '"'}
DOUBLED = "''"
DASHES = ("—", "–", "-", ":")
INSTITUTION_NOUNS = {"ministry", "union", "government", "party", "court", "police", "company", "kremlin",
                     "agency", "office", "council", "department", "army", "embassy", "ministerio", "sindicato",
                     "board", "commission", "committee", "authority", "cabinet", "parliament", "club", "federation",
                     "association"}  # fmt: skip
GENERIC_ORG_NOUNS = {
    "company",
    "firm",
    "operator",
    "group",
    "agency",
    "organisation",
    "organization",
    "empresa",
}
SPEAKER_DEPS = ("nsubj", "nsubjpass", "csubj")
# Titles written short before a name, whose stop ends no sentence ("Rep. Jim McDermott said").
NAME_ABBREVIATIONS = frozenset({"rep", "reps", "sen", "sens", "gov", "gen", "lt", "col", "capt", "sgt", "st",
                                "jr", "sr", "hon", "rev", "pres", "supt", "atty", "amb"})  # fmt: skip
# Prepositions that say whom an unnamed speaker speaks for: "a spokesman for", "an aide to".
AFFILIATION_PREPOSITIONS = ("for", "of", "at", "to", "with", "from", "in")
# Prepositions whose object is what or whom words are about or aimed at: "about Corrin", "at Holt".
TOPIC_PREPOSITIONS = frozenset({"about", "to", "at", "against", "toward", "towards", "on", "over"})
# A name in these relations is spoken of or to, not the speaker: "added about Corrin", "told Holt".
NOT_SPEAKER_DEPS = ("pobj", "dobj", "poss", "pcomp", "dative")
# Nouns that carry someone's words: "Brann's warnings that ...", "a statement from the ministry".
SPEECH_NOUNS = {"warning", "claim", "statement", "remark", "comment", "accusation", "description", "promise",
                "pledge", "threat", "demand", "assertion", "insistence", "argument", "message", "tweet", "speech",
                "words", "call", "appeal", "announcement", "declaration", "denial", "admission", "vow", "charge",
                "allegation", "criticism", "prediction", "suggestion", "boast", "complaint", "assurance",
                "testimony", "interview", "post", "letter", "plea", "mention", "praise", "attack", "question",
                "talk", "response", "reply", "answer", "slogan", "motto", "retort", "verdict"}  # fmt: skip
# Nouns for a person the text leaves unnamed ("a senior adviser said"): kept as the text words them.
PERSON_NOUNS = {"adviser", "advisor", "aide", "source", "staffer", "official", "person", "voter", "resident",
                "supporter", "witness", "member", "strategist", "operative", "insider", "donor", "lawmaker",
                "veteran", "student", "worker", "employee", "friend", "neighbour", "neighbor", "woman", "man",
                "spokesman", "spokeswoman", "spokesperson", "observer", "critic", "consultant", "confidant",
                "associate", "loyalist", "ally", "backer", "activist", "analyst", "expert", "commenter",
                "caller", "reader", "viewer", "listener", "narrator", "protester", "attendee", "participant",
                "child", "boy", "girl", "bystander", "onlooker", "commentator"}  # fmt: skip
# Nouns that carry what someone holds true or wants: "the belief that ...", "Brann's support for ...".
THOUGHT_NOUNS = {"belief", "view", "hope", "fear", "concern", "worry", "expectation", "assumption", "conviction",
                 "sense", "suspicion", "feeling", "opinion", "position", "contention", "notion", "idea",
                 "impression", "confidence", "doubt", "insistence", "wish", "desire", "support", "opposition",
                 "endorsement", "refusal", "proposal", "plan", "goal", "commitment", "strategy", "preference",
                 "skepticism", "scepticism", "focus"}  # fmt: skip
# Plural or collective nouns for people that can hold a view ("Republicans oppose ...", "the campaign wants").
GROUP_NOUNS = {"people", "campaign", "administration", "team", "staff", "public", "electorate", "coalition",
               "camp", "leadership", "establishment", "republican", "democrat", "conservative", "liberal",
               "progressive", "politician", "delegate", "superdelegate", "candidate", "activist", "leader",
               "expert", "analyst", "economist", "investor", "lawmaker", "legislator", "senator", "governor",
               "american", "citizen", "parent", "family", "group", "organization", "organisation", "majority",
               "minority", "side", "opponent", "ally", "rival", "backer", "advocate", "opposition", "base",
               "white", "evangelical", "independent", "moderate", "partisan", "member",
               "poll", "survey", "respondent", "firm", "bank", "business", "industry", "union", "judge"}  # fmt: skip
# Words for a share of people, as polls report them: "a majority oppose ...", "half the senators support ...".
QUANTITY_NOUNS = {"majority", "half", "third", "quarter", "percent", "number", "most", "many", "some", "few",
                  "others", "all", "both", "several", "plurality", "share", "fraction", "two-thirds",
                  "three-quarters"}  # fmt: skip
NAMED = ("PERSON", "ORG", "GPE", "NORP")
# Adverbs that mark a clause as hearsay, someone's report or claim: "is reportedly making arrangements".
# Nouns for a text that speaks for whoever put it out: "the IMF report stated", "a Fund for Tomorrow ad
# argues" (named by its owner, as written).
DOCUMENT_NOUNS = frozenset({"ad", "advertisement", "commercial", "memo", "letter", "statement", "release",
                            "document", "filing", "complaint", "lawsuit", "ruling", "editorial", "card",
                            "flyer", "leaflet", "website"})  # fmt: skip
# Texts someone puts out, and the verbs that put them out: "released a statement saying “...”".
CARRIED_TEXTS = DOCUMENT_NOUNS | {"email", "e-mail", "message", "note", "tweet", "post"}
CARRIER_VERBS = frozenset({"issue", "release", "send", "post", "publish", "put", "deliver", "sign", "write"})
HEARSAY_ADVERBS = frozenset({"reportedly", "allegedly", "reputedly", "purportedly"})
# Nouns for a finding that reports content as a source does: "Poll: Brann ahead in the north".
FINDING_NOUNS = frozenset({"poll", "survey", "study", "report", "analysis", "tally", "count", "audit", "review",
                           "census", "probe", "investigation", "inquiry"})  # fmt: skip
# Verbs whose subject voices or holds the claim or view that is their object: "expressed skepticism
# that ...", "made no mention of ...", "holds the view that ..." (not "faced charges that ...").
VOICING_VERBS = frozenset({"express", "voice", "make", "give", "issue", "offer", "raise", "air", "share",
                           "repeat", "reiterate", "deliver", "post", "send", "publish", "release", "hold",
                           "have", "put", "lodge", "file", "level", "press", "renew", "stand", "cling",
                           "harbor", "harbour", "nurse", "sound", "float", "pose"})  # fmt: skip
# Speaking that takes no clause: "as she spoke, ..." says when, not what.
SPEECH_ACTS_WITHOUT_CONTENT = frozenset({"speak", "talk", "chat", "testify", "campaign", "shout", "chant",
                                         "respond", "reply", "answer", "ask", "listen", "address"})  # fmt: skip
# Speech verbs whose object is the one spoken to, not what was said: "told CNN", "asked Brann".
ADDRESSEE_VERBS = frozenset({"tell", "ask", "urge", "warn", "thank", "remind", "assure", "inform", "advise",
                             "answer", "reply", "respond", "interview", "write", "call", "post", "tweet",
                             "address", "brief", "contact", "email", "text", "phone", "beg", "implore"})  # fmt: skip
# Prepositions that take the content of a speech or thought noun: "his criticism of", "her views on".
NOUN_PREPOSITIONS = ("of", "about", "on", "over", "for", "against", "to")
# Prepositions that take a stance's or a thought's content ("worries about", "called for", "opposed to").
CONTENT_PREPOSITIONS = {
    "speech": ("about", "for"),
    "thought": ("about", "of", "on"),
    "attitude": ("about", "of", "for", "against", "over", "on", "to", "with"),
}
# How a sentence opens that hands the words on to someone else: "Yet another said", "A second added".
OTHER_VOICE = r"(?:(?:yet|and|but|still|while)\s+)?(?:another|others|one other|a second|a third|a fourth|someone else)\b"
# Signatures that say a question was the speaker's own words, not put to someone ("“...?” said
# Mirek"): a quoted paragraph after one goes on with the same voice, unlike after "asked".
DECLARATIVE_CUES = frozenset({"said", "says", "added", "adds", "continued", "continues", "explained",
                              "explains", "noted", "notes", "wrote", "writes", "recalled", "recalls"})  # fmt: skip
PRONOUN_GENDER = {"he": "m", "him": "m", "she": "f", "her": "f"}
HONORIFIC_GENDER = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f", "sr": "m", "sra": "f"}
PERSONAL_PRONOUNS = {"i", "we", "you", "he", "she", "they"}


@dataclass
class QuoteSpan:
    start: int  # first quoted character (inside the marks)
    end: int
    open_at: int  # the opening mark
    close_at: int  # the closing mark
    after: int = -1  # the first character after the closing mark (two-character marks: '' ... '')

    def __post_init__(self) -> None:
        if self.after < 0:
            self.after = self.close_at + 1


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Pairs of quote marks within a paragraph; nested pairs inside a longer quote are dropped."""
    spans: list[QuoteSpan] = []
    offset = 0
    for para in text.split("\n"):
        i = 0
        unclosed: set[str] = set()  # closing marks absent from the rest of the paragraph
        straight: list[int] | None = None  # where the paragraph's straight marks are, once needed
        while i < len(para):
            mark = para[i]
            if para.startswith(DOUBLED, i) and (i == 0 or not para[i - 1].isalnum()):
                # typewriter doubles, as some wires and archives print them: ''We will,'' he said.
                j = para.find(DOUBLED, i + 2)
                if j > i + 2 and not para[i + 2].isspace():
                    span = _trimmed(text, offset + i + 1, offset + j)
                    spans.append(QuoteSpan(span.start, span.end, offset + i, offset + j, offset + j + 2))
                    i = j + 2
                    continue
                i += 2
                continue
            if mark in CLOSING:
                # A mark whose close was missing once is missing for every later opening too: not
                # searching again keeps a paragraph of unclosed marks linear.
                j = -1 if CLOSING[mark] in unclosed else para.find(CLOSING[mark], i + 1)
                if j == -1:
                    unclosed.add(CLOSING[mark])
                    if mark == '"' and "”" not in unclosed:
                        # a straight mark closed by a curly one, as hurried copy has it: "Never ...,” Rask said
                        j = para.find("”", i + 1)
                        if j == -1:
                            unclosed.add("”")
                    elif mark == "“":
                        # a curly mark closed by a straight one: “Never ...," Rask said. An odd count
                        # of straight marks after it leaves one unpaired; an even count pairs up
                        # among themselves (“He called it "nonsense" and ... runs on to the next paragraph)
                        if straight is None:
                            straight = [k for k, c in enumerate(para) if c == '"']
                        k = bisect_right(straight, i)
                        if (len(straight) - k) % 2 == 1:
                            j = straight[k]
                if mark == '"' and j > 0 and _apostrophe_like(para, i):
                    i += 1
                    continue
                if j > 0:
                    j = _mixed_close(para, i, j)
                if j > i + 1:
                    spans.append(_trimmed(text, offset + i, offset + j))
                    i = j + 1
                    continue
            i += 1
        offset += len(para) + 1
    return [s for s in spans if s.end > s.start]


def _mixed_close(para: str, i: int, j: int) -> int:
    """Where a quote opened at `i` really closes when copy mixes straight and curly marks.

    `"A,” said X. "B"`: a straight mark closed by a curly one before the next straight mark;
    `“A," said X. "B.”`: a curly mark closed by a straight one that a speech verb follows.
    """
    if para[i] == '"':
        k = para.find("”", i + 1, j)
        if k > i + 1 and "“" not in para[i + 1 : k]:
            return k
    elif para[i] == "“":
        k = para.find('"', i + 1, j)
        if k > i + 1 and para.find('"', k + 1, j) > 0 and _speech_follows(para[k + 1 : k + 60]):
            return k
    return j


def _speech_follows(after: str) -> bool:
    """A speech verb among the first words after a mark: `" said Mayor Don Guardian`, `" Sweeny said`."""
    words = re.findall(r"[\w'’-]+", after.split(".")[0])[:4]
    return any(_speech_form(w) for w in words)


def _speech_form(word: str) -> bool:
    """A past or present form of a speech verb ("said", "added", "tells"), read off its ending."""
    w = fold(word)
    if w in ("said", "says", "told", "tells", "wrote", "writes"):
        return True
    verbs = speech_verbs()
    return w in verbs or any(w.endswith(e) and w[: -len(e)] in verbs for e in ("s", "ed", "d"))


def _apostrophe_like(para: str, i: int) -> bool:
    """A straight mark glued between two letters (inch marks, typos) opens nothing."""
    return 0 < i < len(para) - 1 and para[i - 1].isalnum() and para[i + 1].isalnum()


def _trimmed(text: str, open_at: int, close_at: int) -> QuoteSpan:
    start, end = open_at + 1, close_at
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return QuoteSpan(start, end, open_at, close_at)


def quote_kind(text: str, span: QuoteSpan) -> str:
    """ "direct" for a quoted sentence, "partial" for words quoted inside the writer's own sentence."""
    quoted = text[span.start : span.end]
    first_alpha = next((c for c in quoted if c.isalpha()), "")
    before = _last_char_before(text, span.open_at, " \t")
    opens_sentence = not before or before in ("\n", ".", "!", "?", *DASHES)
    if first_alpha.islower():
        return "partial"
    if len(quoted.split()) <= 3 and not opens_sentence:
        return "partial"
    return "direct"


@lru_cache(maxsize=1)
def content_prepositions() -> dict[str, tuple[str, ...]]:
    """Lemma -> the prepositions that take its content ("warned of", "referred to"), where a data
    row lists them (speech verbs: third column; report verbs: fourth)."""
    listed = {fold(row[0]): row[2] for row in read_tsv("speech_verbs.tsv") if len(row) > 2 and row[2]}
    listed |= {fold(row[0]): row[3] for row in read_tsv("report_verbs.tsv") if len(row) > 3 and row[3]}
    return {lemma: tuple(p.strip() for p in preps.split(",")) for lemma, preps in listed.items()}


@lru_cache(maxsize=1)
def report_verbs() -> dict[str, str]:
    """Lemmas of verbs that report thought ("believe", "show") or a stance ("support", "want") -> that
    class: reported content, not quotes (see the comment in `data/report_verbs.tsv`)."""
    return {
        fold(row[0]): (row[2] if len(row) > 2 and row[2] else "thought")
        for row in read_tsv("report_verbs.tsv")
    }


class QuoteStage:
    """Fills the `quotes` layer (see docs/report-schema.md)."""

    name = "quotes"
    requires: tuple[str, ...] = ("doc", "sentences", "mentions")
    provides: tuple[str, ...] = ("quotes",)

    def __call__(self, articles: Sequence[Article]) -> None:
        for article in articles:
            doc = article.doc
            if doc is None:  # annotated outside the spaCy batch: parse once here
                from parallax.annotate.nlp import parse

                doc = parse(article.text)
            article.annotations["quotes"] = extract_quotes(article.text, doc)


def extract_quotes(text: str, doc: Any) -> list[dict[str, Any]]:
    spans = find_quote_spans(text)
    quoted = Ranges([(s.open_at, s.after) for s in spans])
    finder = _SpeakerFinder(text, doc, quoted)
    items: list[dict[str, Any]] = []
    for span in spans:
        item: dict[str, Any] = {
            "start": span.start,
            "end": span.end,
            "text": text[span.start : span.end],
            "kind": quote_kind(text, span),
        }
        item.update(finder.for_quote(span))
        previous = _quote_before_aside(text, items) if item["kind"] == "direct" else None
        previous = previous or (items[-1] if items else None)
        if (
            item["speaker"] is None
            and item["ref_start"] is None
            and previous is not None
            and (previous["speaker"] is not None or previous["ref_start"] is not None)
        ):
            between = text[previous["end"] : span.open_at]
            named_between = (
                previous["ref_start"] is not None and previous["end"] <= previous["ref_start"] < span.open_at
            )
            # “...,” she said. “...”: the second quote continues the first speaker's words; so does
            # the rest of a sentence the attribution interrupts (`"The risk," said Lindqvist, "is that ..."`)
            resumed = (
                item["kind"] == "partial"
                and named_between
                and between.rstrip().endswith(",")
                and not re.search(r"[.!?]\s", between)
            )
            if (
                "\n" not in between
                and (item["kind"] == "direct" or resumed)
                and (named_between or len(between.split()) <= 3)
                and not finder.named_after(span)  # “...?” Maddow repeated: another voice
                # “...,” X said. Yet another said, “...”: read after the first speaker's name, whose
                # titles' stops ("Mr.", "Sen.") end no sentence
                and not _new_attribution(
                    text[previous["ref_end"] if named_between else previous["end"] : span.open_at]
                )
            ):
                item.update({k: previous[k] for k in _unknown()})
        if item["speaker"] is None and _title_like(item["text"]):
            continue  # “Meet the Press”, “Make America Great Again”: a name or a title, nobody's words
        items.append(item)
    # reported content runs on through words quoted inside it ("calls Horgos “a mistake” because
    # ..."); it stops where a quoted sentence of its own begins
    reported = finder.indirect(
        Ranges([(s.open_at, s.after) for s in spans if quote_kind(text, s) == "direct"])
    )
    # content that is only quoted words adds nothing to the quote itself ('said “...”'); with words of
    # the writer's around them it says what they were said of ('the strike as “sabotage”', 'the tax
    # “will hurt farmers”'): the quote alone loses that
    span_ends = [s.end for s in spans]
    direct_spans = [(s.open_at, s.after) for s in spans if quote_kind(text, s) == "direct"]
    items += [
        r
        for r in reported
        if _quoted_chars(r["start"], r["end"], spans, span_ends) * 2 < r["end"] - r["start"]
        or (
            len(_unquoted_words(text, r["start"], r["end"], spans, span_ends)) >= 2
            and not any(a < r["end"] and r["start"] < b for a, b in direct_spans)
        )
    ]
    for line in finder.line_attributions():
        inside = [
            q
            for q in items
            if line["start"] <= q["start"] and q["end"] <= line["end"] and q["kind"] != "indirect"
        ]
        for q in inside:
            if q["speaker"] is None and q["ref_start"] is None:
                q.update({k: line[k] for k in _unknown()})  # "Rask: ‘Never underestimate Brann’"
        quoted_chars = sum(q["end"] - q["start"] for q in inside)
        if quoted_chars * 2 < line["end"] - line["start"]:
            items.append(line)
    items.sort(key=lambda q: q["start"])
    _continue_paragraphs(text, items, finder)
    return items


def _continue_paragraphs(text: str, items: list[dict[str, Any]], finder: _SpeakerFinder) -> None:
    """A paragraph that is nothing but quoted words, with no attribution of its own, goes on with the
    words of the speaker named at the end of the paragraph before ("“...,” Rask said.\n\n“...”"), or
    of the speaker of the quotes on both sides of it, as news copy writes a quotation that runs over
    paragraphs. Not after a question (the next voice may answer it), nor when someone else is named
    after that speaker's quote."""
    spoken: list[tuple[int, int, dict[str, Any]]] = []  # paragraph bounds and its last quote
    starts = [q["start"] for q in items]  # items are in text order: a paragraph's are found by bisection
    for q in items:
        if q["kind"] == "indirect":
            continue
        para_start = text.rfind("\n", 0, q["start"]) + 1
        para_end = text.find("\n", q["end"])
        para_end = len(text) if para_end < 0 else para_end
        if spoken and spoken[-1][0] == para_start:
            spoken[-1] = (para_start, para_end, q)
        else:
            spoken.append((para_start, para_end, q))
    for k, ((_, prev_end, prev), (para_start, para_end, _)) in enumerate(pairwise(spoken)):
        if prev["speaker"] is None or text[prev_end:para_start].strip():
            continue  # an unattributed quote before, or a paragraph of the writer's own between
        after = spoken[k + 2] if k + 2 < len(spoken) else None
        signed_last = prev["ref_start"] is not None and prev["ref_start"] >= prev["end"]
        same_next = (
            after is not None
            and not text[para_end : after[0]].strip()
            and after[2]["speaker"] == prev["speaker"]
        )
        if not (signed_last or same_next):
            continue  # “...,” she said. “...” then a bare quote: a slogan or another voice may follow
        if "?" in text[prev["end"] - 1 : prev["end"] + 2] and not (
            signed_last and fold(prev["cue"] or "") in DECLARATIVE_CUES
        ):
            continue  # a question asked: the next voice may answer it (not `“...?” said Mirek`)
        attributed_to = prev["speaker_start"], prev["speaker_end"]
        named = finder.ents[
            bisect_right(finder.ent_start_chars, prev["end"]) : bisect_left(finder.ent_start_chars, prev_end)
        ]
        if any(
            e.start in finder.people
            and (e.start_char, e.end_char) != attributed_to
            and not (e.root.dep_ == "compound" and e.root.head.pos_ == "NOUN")  # "the Brady gun law"
            for e in named
        ):
            continue  # someone else named after the quote
        inside = [
            q
            for q in items[bisect_left(starts, para_start) : bisect_left(starts, para_end)]
            if q["end"] <= para_end
        ]
        if not inside or any(q["kind"] == "indirect" or q["speaker"] is not None for q in inside):
            continue
        if any(q["ref_start"] is not None for q in inside):
            continue
        # nothing but the quotes in the paragraph: their marks and the stops between them
        rest = text[para_start:para_end]
        for q in reversed(inside):
            rest = rest[: q["start"] - para_start] + rest[q["end"] - para_start :]
        if re.sub(r"[\W_]", "", rest):
            continue
        for q in inside:
            q.update({k: prev[k] for k in _unknown()})


def _quote_before_aside(text: str, items: list[dict[str, Any]]) -> dict[str, Any] | None:
    """`“...,” said Ana Lind of Velmar, before a “town hall” event. “...”`: words quoted inside the
    aside that follows a speaker's name (partial quotes, nobody's or that speaker's own) do not end
    that speaker's turn; the quote before them is the one the next quote may go on from."""
    k = len(items) - 1
    while k >= 0 and items[k]["kind"] == "partial":
        k -= 1
    if k < 0 or k == len(items) - 1:
        return None
    first, asides = items[k], items[k + 1 :]
    ref_start, ref_end = first["ref_start"], first["ref_end"]
    if first["kind"] != "direct" or ref_start is None or not first["end"] <= ref_start < asides[0]["start"]:
        return None
    if any(q["speaker"] not in (None, first["speaker"]) for q in asides):
        return None
    lead = text[ref_end : asides[0]["start"]]
    return None if "\n" in lead or re.search(r"[.!?]\s", lead) else first


def _new_attribution(between: str) -> bool:
    """A sentence of its own between two quotes that gives the next words to another voice (`. Yet
    another said,`, `. A second added:`): not the first speaker going on."""
    pieces = re.split(r"[.!?]\s+", between.strip())
    return (
        len(pieces) > 1
        and re.match(OTHER_VOICE, pieces[-1].lower()) is not None
        and any(_speech_form(w) for w in re.findall(r"[\w'’-]+", pieces[-1]))
    )


def _quoted_chars(start: int, end: int, spans: Sequence[QuoteSpan], span_ends: list[int]) -> int:
    """How many characters of start..end lie inside quote marks (`span_ends`: each span's end, in order)."""
    i = bisect_left(span_ends, start)  # spans are in text order and never overlap
    total = 0
    while i < len(spans) and spans[i].open_at < end:
        total += max(0, min(end, spans[i].after) - max(start, spans[i].open_at))
        i += 1
    return total


def _unquoted_words(
    text: str, start: int, end: int, spans: Sequence[QuoteSpan], span_ends: list[int]
) -> list[str]:
    """The words of start..end outside quote marks."""
    i = bisect_left(span_ends, start)
    pieces, at = [], start
    while i < len(spans) and spans[i].open_at < end:
        pieces.append(text[at : max(at, spans[i].open_at)])
        at = max(at, spans[i].after)
        i += 1
    pieces.append(text[at:end])
    return re.findall(r"\w+", " ".join(pieces))


TITLE_SMALL_WORDS = {
    "a",
    "an",
    "the",
    "of",
    "and",
    "or",
    "to",
    "in",
    "on",
    "for",
    "at",
    "by",
    "with",
    "de",
    "la",
    "el",
}


def _title_like(quoted: str) -> bool:
    """A few words, each capitalised but the small ones: the title of a show, a book or a slogan."""
    words = re.findall(r"[^\W\d_][\w'’&-]*", quoted)
    return (
        0 < len(words) <= 6
        and not re.search(r"[,;:?]", quoted)
        and words[0][0].isupper()
        and all(w[0].isupper() or w.lower() in TITLE_SMALL_WORDS for w in words)
        and not any(w.lower() in ("i", "we", "you") for w in words)
    )


def _last_char_before(text: str, pos: int, space: str | None = None) -> str:
    """The last character of text[:pos] once `space` characters (default: all whitespace) are stripped.

    Without copying text[:pos]: that copy, made for every quote, made a long article quadratic.
    """
    i = pos - 1
    while i >= 0 and (text[i] in space if space is not None else text[i].isspace()):
        i -= 1
    return text[i] if i >= 0 else ""


class Ranges:
    """Character ranges, asked whether one of them covers a span: a bisection, not a scan of all."""

    def __init__(self, ranges: Sequence[tuple[int, int]]) -> None:
        ordered = sorted(ranges)
        self.starts = [s for s, _ in ordered]
        self.reach: list[int] = []  # the furthest end of any range starting at or before each start
        for _, end in ordered:
            self.reach.append(max(end, self.reach[-1]) if self.reach else end)

    def __len__(self) -> int:
        return len(self.starts)


def _inside(start: int, end: int, ranges: Ranges) -> bool:
    i = bisect_right(ranges.starts, start)
    return i > 0 and end <= ranges.reach[i - 1]


def _unknown() -> dict[str, Any]:
    return {
        "speaker": None,
        "speaker_start": None,
        "speaker_end": None,
        "cue": None,
        "ref_start": None,
        "ref_end": None,
    }


# A pronoun looks back this many characters for the person it means (a few sentences).
PRONOUN_REACH = 600


class _SpeakerFinder:
    def __init__(self, text: str, doc: Any, quoted: Ranges) -> None:
        self.text = text
        self.doc = doc
        self.quoted = quoted
        self.direct_quoted = Ranges([])  # quoted sentences (not words quoted inside one): see `indirect`
        self.ents = [
            e for e in doc.ents if e.label_ in ("PERSON", "ORG", "GPE", "NORP") and "\n" not in e.text
        ]
        # Read once, looked up by bisection: scanning them for every quote made long articles quadratic.
        self.ent_starts = [e.start for e in self.ents]
        self.ent_start_chars = [e.start_char for e in self.ents]
        self.ent_ends = [e.end_char for e in self.ents]
        self.sents = [(s.start_char, s.end_char, s.start, s.end) for s in doc.sents]
        self.sent_ends = [e for _, e, _, _ in self.sents]
        self.newlines = [m.start() for m in re.finditer("\n", text)]
        self.stops = [m.end() for m in re.finditer(r"[.!?]\s", text)]
        self._roles: dict[tuple[int, int], list[str]] = {}
        self._by_label: dict[str, _Named] = {}
        self._roles_by_word: dict[str, list[int]] | None = None
        surnames = {fold(e.text).split()[-1] for e in self.ents if e.label_ == "PERSON" and e.text.split()}
        self.person_surnames = surnames
        # spaCy tags some surnames as ORG ("Díaz-Canel said"); a name the article also gives a person is one
        self.people = {e.start for e in self.ents if e.label_ == "PERSON" or fold(e.text) in surnames}
        self.verbs = speech_verbs()
        self.report_verbs = report_verbs()
        self.content_preps = content_prepositions()
        self.role_ambiguous = False
        self._gender_of: dict[str, str] | None = None
        self._token_starts: list[int] | None = None
        self._entity_names: set[str] | None = None
        self._written_surnames: set[str] | None = None
        self._written_names: list[Any] | None = None

    # --- cues -------------------------------------------------------------------------------------
    def _is_cue(self, token: Any) -> bool:
        if _inside(token.idx, token.idx + len(token.text), self.quoted):
            return False
        lemma = _lemma_in(token, self.verbs)
        if lemma is not None and token.pos_ in ("VERB", "AUX"):
            return True
        if token.pos_ == "VERB" and _as_one_puts_it(token):
            return True
        return lemma is not None and token.dep_ in (
            "ROOT",
            "ccomp",
            "conj",
            "advcl",
            "relcl",
            "parataxis",
        )

    def _according_to(self, token: Any) -> Any | None:
        """The object of "according to" (or Spanish "según"), when `token` starts it."""
        low = token.lower_
        if low == "according" and token.i + 1 < len(self.doc) and self.doc[token.i + 1].lower_ == "to":
            to = self.doc[token.i + 1]
            objs = [c for c in to.children if c.dep_ == "pobj"]
            return objs[0] if objs else (self.doc[token.i + 2] if token.i + 2 < len(self.doc) else None)
        if low in ("según", "segun") and token.i + 1 < len(self.doc):
            return self.doc[token.i + 1]
        return None

    def for_quote(self, span: QuoteSpan) -> dict[str, Any]:
        doc = self.doc
        first = bisect_right(self.sent_ends, span.open_at)
        last = first
        while last < len(self.sents) and self.sents[last][0] < span.close_at:
            last += 1
        sents = self.sents[first:last]
        if not sents:
            return _unknown()
        lo, hi = sents[0][2], sents[-1][3]
        # spaCy often ends the sentence at the closing mark: take the attribution that follows too.
        if hi < len(doc) and doc[hi - 1].idx <= span.after:
            nxt = doc[hi].sent
            hi = nxt.end
        first_after = sents[-1][3]
        candidates: list[tuple[int, Any, str]] = []
        right_after: list[tuple[Any, str]] = []  # `“...,” Brann said`: subject or verb right after the mark
        subjectless: Any | None = None  # a speech verb after the quote the parse gave no subject
        for token in doc[lo:hi]:
            if token.is_space or _inside(token.idx, token.idx + 1, self.quoted):
                continue  # a no-break space between name and verb (`” Todd\xa0asked`) is no word
            if token.i >= first_after and not self._attribution_follows(span, token):
                break  # nor does it for any later token: more words lie between
            if self._other_paragraph(span, token):
                continue
            obj = self._according_to(token)
            if obj is not None and not _inside(obj.idx, obj.idx + 1, self.quoted):
                candidates.append((self._distance(token, span), obj, "according to"))
            elif self._is_cue(token) and not self._subordinate_cue(token, span):
                speaker = self._subject(token)
                if speaker is None and token.idx > span.close_at and subjectless is None:
                    subjectless = token
                if speaker is not None:
                    candidates.append((self._distance(token, span), speaker, token.text))
                    if token.idx > span.close_at and (
                        self._subject_follows(span, speaker)
                        or (speaker.i > token.i and not self.text[span.after : token.idx].strip(" ,"))
                    ):
                        right_after.append((speaker, token.text))
        worded = self._in_words_of(span)
        if worded is not None:
            return worded
        lead = self._cue_before_mark(span)
        if lead is not None and right_after and right_after[0][0].idx > span.after:
            # "someone in the crowd shouted, “Cruz,” Beck joked, “...”": the voice that opens the
            # quote says it, even unnamed; the name after it speaks the next quote
            return self._resolve(self._subject(lead), lead.text, span.open_at)
        for speaker, cue in right_after[:1]:
            # the closest attribution there is: it outranks a parse that hangs the quote elsewhere
            found = self._resolve(speaker, cue, span.open_at)
            if found["speaker"] is not None:
                return found
        governed = self._governor(span, lo, hi)
        if governed is not None and (governed["speaker"] is not None or governed["ref_start"] is not None):
            return governed
        if governed is not None:  # the parse hangs the quote on a verb that names no one
            return self._nearest_named_cue(span, candidates) or governed
        candidates.sort(key=lambda c: c[0])
        cue_seen = bool(candidates)
        described: dict[str, Any] | None = None  # "said the Republican nominee": words, no name yet
        for _, token, cue in candidates:
            found = self._resolve(token, cue, span.open_at)
            if found["speaker"] is not None:
                return found
            if described is None and found["ref_start"] is not None:
                described = found
        beside = self._verb_beside_name(span) or self._name_before_cue(span)
        if beside is not None:
            return beside
        if _last_char_before(self.text, span.open_at) in DASHES:
            lead = bisect_left(self.sents, (span.open_at - 1,))  # sentences starting before the mark
            introduced = (
                self._introduced_by(span, doc[self.sents[lead - 1][2] : self.sents[lead - 1][3]])
                if lead
                else None
            )
            if introduced is not None:
                return introduced
        if described is not None:  # the speaker's description, kept for the story stage's roles
            return described
        if subjectless is not None and not candidates:
            aside = self._name_then_aside(span, subjectless) or self._inverted_description(span, subjectless)
            if aside is not None:
                return aside
        if cue_seen:  # the parse found the attribution and it names no one: unknown, not a guess
            return _unknown()
        if _last_char_before(self.text, span.open_at) in ".:":
            agreed = self._said_just_before(span)
            if agreed is not None:
                return agreed
        if _last_char_before(self.text, span.open_at) == ",":
            led = self._led_by_comma(span, lo)
            if led is not None:
                return led
        dashed = self._dash_attribution(span)
        if dashed is not None:
            return dashed
        return self._pattern_fallback(span) or _unknown()

    def _cue_before_mark(self, span: QuoteSpan) -> Any | None:
        """The speech verb that opens the quote (`shouted, “...”`, `said: “...”`), when its subject
        comes before it in the same sentence."""
        k = self._token_at(span.open_at) - 1
        while k >= 0 and (self.doc[k].is_space or self.doc[k].text in (",", ":")):
            k -= 1
        if k < 0 or self._newline_in(self.doc[k].idx, span.open_at) or not self._is_cue(self.doc[k]):
            return None
        verb = self.doc[k]
        opened = any(
            t.head.i == verb.i for t in self.doc[k + 1 : self._token_at(span.close_at)] if t.idx >= span.start
        )
        if verb.dep_ in ("relcl", "acl", "amod") or (
            verb.dep_ not in ("ROOT", "advcl", "conj") and not opened
        ):
            return None  # "Little that the governor promised “...,” the deputy said": a clause in a name
        subjects = [c for c in verb.children if c.dep_ in SPEAKER_DEPS]
        if len(subjects) != 1 or subjects[0].dep_ != "nsubj" or subjects[0].i > verb.i:
            return None  # none, a passive, or a garbled parse that gives it two
        return verb if subjects[0].sent.start == verb.sent.start else None

    def _in_words_of(self, span: QuoteSpan) -> dict[str, Any] | None:
        """ "because, in the mayor's words, “...”", "“...,” in the words of a senior adviser": the words'
        owner speaks them, whatever else the sentence says or does."""
        before = re.search(r"\bin\s+(?:\S+\s+){0,3}?words(?:\s+of\s+[^,;:“”\"]{1,60}?)?,?\s*$",
                           self.text[max(0, span.open_at - 90) : span.open_at])  # fmt: skip
        after = re.match(r"\s*,?\s*in\s+(?:\S+\s+){0,3}?words\b", self.text[span.after : span.after + 40])
        if before is not None:
            at = max(0, span.open_at - 90) + before.start(0)
        elif after is not None:
            at = span.after + after.group(0).index("in")
        else:
            return None
        prep = self.doc[self._token_at(at)]
        words = next((c for c in prep.children if c.dep_ == "pobj" and c.lower_ == "words"), None)
        if prep.lower_ != "in" or words is None:
            return None
        owner = next((c for c in words.children if c.dep_ == "poss"), None)
        if owner is None and words.i > 1 and words.nbor(-1).text in ("'", "’", "'s", "’s"):
            owner = words.nbor(-2)  # "in Forbes’ words", the mark parsed as punctuation
        if owner is None:
            of = next((c for c in words.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            owner = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if owner is None:
            return None
        found = self._resolve(owner, "in the words of", span.open_at)
        return found if found["speaker"] is not None or found["ref_start"] is not None else None

    def _governor(self, span: QuoteSpan, lo: int, hi: int) -> dict[str, Any] | None:
        """The speaker from the word the quoted words hang on in the parse, when that word says who speaks.

        "X labelled U.S. actions as “...”", "Brann's warnings that the government “is ready to
        fall”", "Ruane fired back: “...”", "“...,” Dorsey started." Walks up from the quote to
        the first speech verb or speech noun; a verb that takes a quote introduced by a colon, or
        one whose subject directly follows a closing ",", speaks whatever its lemma.
        """
        doc = self.doc
        roots = [
            t
            for t in doc[lo:hi]
            if span.start <= t.idx < span.end and not t.is_punct and not (span.start <= t.head.idx < span.end)
        ]
        introduced = _last_char_before(self.text, span.open_at) == ":"
        if introduced:
            named = self._signed_before_colon(span) or self._name_before_colon(span)
            if named is not None:
                return named
        if introduced:  # "Ruane fired back forcefully: “...”": the verb the colon hangs on speaks
            # the colon may end the sentence before the quote's, as at a paragraph break
            colon = next(
                (
                    t
                    for t in doc[doc[lo - 1].sent.start if lo else lo : hi]
                    if t.text == ":" and span.open_at - 3 <= t.idx < span.open_at
                ),
                None,
            )
            verb = colon.head if colon is not None else None
            if colon is not None and verb is not None and verb.i > colon.i:
                # the colon hangs on the quote: the last main-clause verb before it ("fired back")
                verb = next(
                    (
                        t
                        for t in reversed(doc[colon.sent.start : colon.i])
                        if t.pos_ in ("VERB", "AUX")
                        and t.dep_ not in ("advcl", "relcl", "acl", "pcomp", "aux", "auxpass")
                        and any(c.dep_ in SPEAKER_DEPS for c in t.children)
                    ),
                    None,
                )
            if verb is not None and verb.dep_ == "relcl" and not self._is_cue(verb):
                verb = None  # "... with Chrabaszcz, who was responsible for the file: “...”": says who he is
            for _ in range(3):
                if colon is None or verb is None or verb.pos_ not in ("VERB", "AUX") or verb.i > colon.i:
                    break
                subject = self._subject(verb)
                if subject is not None:
                    found = self._resolve(subject, ":", span.open_at)
                    if found["speaker"] is not None:
                        return found
                # "Brann broke down exactly what was wrong with it: “...”": a clause whose subject is
                # no one hangs the colon; the one whose clause it is speaks
                if subject is not None and subject.lower_ not in ("what", "which", "how", "why"):
                    break
                if verb.dep_ not in ("ccomp", "xcomp") or verb.head.i == verb.i:
                    break
                verb = verb.head
        for root in roots:
            walked = self._walk_up(span, root.head, introduced, root)
            if walked is not None:
                return walked
        return None

    def _walk_up(
        self, span: QuoteSpan, head: Any, introduced: bool, root: Any = None
    ) -> dict[str, Any] | None:
        below = root  # the word the walk came up from
        for step in range(6):
            if (
                head.is_punct
                or _inside(head.idx, head.idx + 1, self.quoted)
                or self._other_paragraph(span, head)
            ):
                return None  # a parse that hangs the quote on a verb across a paragraph break
            if head.pos_ in ("VERB", "AUX"):
                subject = self._subject(head)
                # "Holt's response was: “...”", "her campaign slogan is “...”": words named by a
                # speech noun whose owner is given speak for that owner
                owner = (
                    self._noun_holder(subject, agents=False)
                    if subject is not None and subject.pos_ == "NOUN" and fold(subject.lemma_) in SPEECH_NOUNS
                    else None
                )
                if step == 0 and owner is not None and fold(head.lemma_) == "be":
                    found = self._resolve(owner, head.text, span.open_at)
                    return found if found["speaker"] is not None else None
                speaks = self._is_cue(head) or (
                    step == 0 and (introduced or self._subject_follows(span, subject))
                )
                if speaks:
                    if subject is None or (head.dep_ == "relcl" and subject.i == head.head.i):
                        subject = self._carrier_subject(head) or subject
                    return self._resolve(subject, head.text, span.open_at) if subject is not None else None
                if below is not None and below.dep_ == "dobj" and subject is not None:
                    stance = self._stance_object(span, head, subject)
                    if stance is not None:
                        return stance
            elif head.pos_ == "NOUN" and fold(head.lemma_) in SPEECH_NOUNS:
                speaker = next((c for c in head.children if c.dep_ == "poss"), None)
                if speaker is None:
                    agent = next(
                        (c for c in head.children if c.dep_ == "prep" and c.lower_ in ("by", "from", "of")),
                        None,
                    )
                    speaker = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
                if speaker is None:
                    return None
                found = self._resolve(speaker, head.text, span.open_at)
                return found if found["speaker"] is not None else None
            if head.dep_ == "ROOT" or head.head is head:
                return None
            below, head = head, head.head
        return None

    def _nearest_named_cue(
        self, span: QuoteSpan, candidates: Sequence[tuple[int, Any, str]]
    ) -> dict[str, Any] | None:
        """ "The clip ends with a shot of Brann saying at the rally, “...”": the speech verb nearest
        before the mark, with no other verb between, speaks the quote when its subject is a name."""
        mark = self._token_at(span.open_at)
        nearest = max((c for c in candidates if c[1].head.i < mark), key=lambda c: c[1].head.i, default=None)
        if nearest is None or nearest[1].pos_ != "PROPN":
            return None
        if any(t.pos_ in ("VERB", "AUX") for t in self.doc[nearest[1].head.i + 1 : mark]):
            return None
        found = self._resolve(nearest[1], nearest[2], span.open_at)
        return found if found["speaker"] is not None else None

    @staticmethod
    def _carrier_subject(verb: Any) -> Any | None:
        """ "Holt released a statement saying, “...”", "the ministry issued a letter that read “...”":
        a text's words are those of the one who put it out, the subject of the verb that carries it."""
        noun = verb.head
        if verb.dep_ not in ("acl", "relcl") or noun.pos_ != "NOUN" or noun.dep_ != "dobj":
            return None
        if _lemma_in(noun, CARRIED_TEXTS) is None or _lemma_in(noun.head, CARRIER_VERBS) is None:
            return None
        return next((c for c in noun.head.children if c.dep_ == "nsubj"), None)

    def _stance_object(self, span: QuoteSpan, verb: Any, subject: Any) -> dict[str, Any] | None:
        """ "Holt supports “fair pay raises,”", "Brann talked up her “harbour plan”": words quoted
        as the object of a verb of stance or of talk are the subject's own wording, when the subject
        is a person (a poll that "supports" a phrase quotes no one)."""
        if quote_kind(self.text, span) != "partial" or self._report_class(verb) not in ("attitude", "speech"):
            return None
        main = verb
        for _ in range(4):
            if main.dep_ == "conj" or (main.dep_ == "advcl" and main.tag_ == "VBG"):
                main = main.head  # "endorsed her, citing her “long experience”": the one who endorsed
            elif (
                main.dep_ == "ccomp"
                and not self._is_cue(main.head)
                and self._report_class(main.head) == "attitude"
            ):
                main = main.head  # a parse that hangs one stance on the next ("supports ..., opposes ...")
            else:
                break
        if main.dep_ != "ROOT":
            return None  # "Holt said Brann favors a “strongman approach”": the reporter's words
        ent = self._entity_at(subject)
        if not (ent is not None and ent.start in self.people) and subject.lower_ not in ("he", "she"):
            return None
        found = self._resolve(subject, verb.text, span.open_at)
        return found if found["speaker"] is not None else None

    def _led_by_comma(self, span: QuoteSpan, lo: int) -> dict[str, Any] | None:
        """ "Prager continues, “...”", "As Byler pointed out in December, “...”": with no speech cue
        around, the verb just before the comma that opens the quote speaks, if its subject precedes it.
        The parser may end the sentence at the comma (`... said Wednesday, "Certainly ..."`): the words
        before the mark are read in their own sentence. "Brann issued a statement, “...”": a speech
        noun that a voicing verb takes speaks for that verb's subject. An unnamed speaker ("a White
        House official ... said Wednesday,") keeps its description."""
        k = self._token_at(span.open_at) - 1
        while k >= 0 and self.doc[k].is_space:
            k -= 1
        if k < 0 or self._newline_in(self.doc[k].idx, span.open_at):
            return None
        first = min(lo, self.doc[k].sent.start)
        before = [
            t
            for t in self.doc[first : k + 1]
            if t.idx < span.open_at and not t.is_space and not _inside(t.idx, t.idx + 1, self.quoted)
        ]
        for t in reversed(before[-6:]):
            if t.pos_ == "VERB":
                subject = self._subject(t)
                if subject is None or subject.i > t.i or subject.lower_ == "it":
                    return None
                found = self._resolve(subject, t.text, span.open_at)
                return found if found["speaker"] is not None or found["ref_start"] is not None else None
            if (
                t.dep_ == "dobj"
                and fold(t.lemma_) in SPEECH_NOUNS
                and _lemma_in(t.head, VOICING_VERBS) is not None
                and t.head.i < t.i
            ):
                subject = self._subject(t.head)
                if subject is None or subject.i > t.head.i:
                    return None
                found = self._resolve(subject, t.head.text, span.open_at)
                return found if found["speaker"] is not None else None
            if t.pos_ in ("AUX", "SCONJ") or t.dep_ in ("nsubj", "nsubjpass", "dobj"):
                return None  # an object or another clause between the verb and the quote
        return None

    def _subject_follows(self, span: QuoteSpan, subject: Any | None) -> bool:
        """`“...,” Brann continued.`: the quote ends on a comma (or ? !) and the subject comes right after it."""
        if subject is None or subject.idx < span.after:
            return False
        gap = self.text[span.after : subject.left_edge.idx]
        return self._left_open(span) and not gap.strip(" ,")

    def _left_open(self, span: QuoteSpan) -> bool:
        """The quoted sentence does not end at its closing mark: it stops on `,` `?` `!` (before any
        nested closing marks: `... bro,’”`), a comma follows the mark, or a quoted sentence closes
        with no stop at all (`"... his campaign" the editor responded`): the attribution goes on."""
        inside = self.text[span.start : span.close_at].rstrip().rstrip("’'”\"").rstrip()
        if inside[-1:] in (",", "?", "!") or self.text[span.after : span.after + 2].strip()[:1] == ",":
            return True
        return inside[-1:].isalnum() and quote_kind(self.text, span) == "direct"

    def _other_paragraph(self, span: QuoteSpan, token: Any) -> bool:
        """spaCy sometimes runs a sentence across a paragraph break; an attribution never does."""
        if token.idx > span.close_at:
            return self._newline_in(span.close_at, token.idx)
        return token.idx < span.open_at and self._newline_in(token.idx, span.open_at)

    def _newline_in(self, start: int, end: int) -> bool:
        i = bisect_left(self.newlines, start)
        return i < len(self.newlines) and self.newlines[i] < end

    def _attribution_follows(self, span: QuoteSpan, token: Any) -> bool:
        """A cue in the next sentence counts only right after the mark: `.” she said`."""
        between = self.text[span.after : token.idx]
        # "Rep. Jim McDermott (D-Wash.) said", "J. J. Price said": a title's, an initial's or a
        # bracketed affiliation's stop ends no sentence
        stops = re.sub(
            r"(?<![\w.])([A-Z]|[A-Z][a-z]{1,3})\.",
            lambda m: m.group(0) if not _abbreviation(m.group(1)) else m.group(1),
            re.sub(r"\([^()\n]{1,30}(?:\)|$)", "", between),
        )
        if "." in stops or "\n" in between or len(between.split()) > 10:
            return False
        if len(between.split()) > 4 and not self._only_names_between(span.after, token):
            return False  # `” the Herald's senior harbour editor Anton Berg responded`: a long name
        ended = self.text[span.close_at - 1 : span.close_at] in (".", "!", "?")
        if not ended or not between.strip()[:1].isupper():
            return True
        # `“...?” Beck questioned.`: only a name between, and the verb reports nothing else; the
        # words of a longer name go on to its verb (`!” US Senator Jens Sorensen said`)
        return (
            len(between.split()) <= 4
            and self._only_names_between(span.after, token)
            and not (self._is_cue(token) and self._says_its_own(token))
        )

    def _says_its_own(self, verb: Any) -> bool:
        """The verb has words of its own to report or act on ("said the plan failed", "praise his
        refusal"), so it opens a new sentence rather than signing the quote before it; whom it
        addresses ("asked the mogul") is no such thing."""
        own = (
            ("ccomp", "xcomp") if _lemma_in(verb, ADDRESSEE_VERBS) is not None else ("ccomp", "xcomp", "dobj")
        )
        return any(c.dep_ in own for c in verb.children)

    def _name_then_aside(self, span: QuoteSpan, verb: Any) -> dict[str, Any] | None:
        """`“...,” Velmar delegate Ivo Brann, holding a flag, said`: a person named right after
        the mark (after title words only), then an aside set off by commas, then the speech verb."""
        i = bisect_left(self.ent_start_chars, span.after)
        while (
            i < len(self.ents) and self.ents[i].start not in self.people and self.ents[i].end_char < verb.idx
        ):
            i += 1  # "Texas delegate Bill Eastland": a place may be part of the title
        if i >= len(self.ents) or self.ents[i].start not in self.people or self.ents[i].end_char > verb.idx:
            return None
        e = self.ents[i]
        lead = [t for t in self.doc[verb.sent.start : e.start] if t.idx >= span.after]
        titled = len(lead) <= 4 and all(
            t.text[:1].isupper() or (t.pos_ in ("NOUN", "ADJ") and t.tag_ != "NNS") for t in lead
        )  # "Velmar police Chief" however the parse hangs it: title words
        if "\n" in self.text[span.after : e.start_char] or not (
            titled
            or not any(
                t.dep_ not in ("compound", "amod", "nmod", "det", "poss", "case", "punct")
                or t.head.i >= e.end
                for t in lead
                if t.text != ","
            )
        ):
            return None  # only words of the same name may come first: "Texas delegate", "Sen."
        gap = self.text[e.end_char : verb.idx]
        # `Nate Brann, the pollster who founded the site tweeted`: an apposition whose relative clause
        # runs up to the verb may lose its closing comma
        unclosed = re.fullmatch(
            r"\s*,\s*(?:(?:the|a|an)\s[^\n,]{1,120}?\s)?(?:who|that)\s[^\n,]{1,120}\s", gap
        )
        if gap.strip() and not re.fullmatch(r"\s*,[^\n]{1,160},\s*", gap) and not unclosed:
            return None
        if re.search(r"[.!?;]\s", gap) or any(
            t.pos_ in ("VERB", "AUX") and t.tag_ not in ("VBG", "VBN") and t.dep_ != "relcl"
            for t in self.doc[e.end : verb.i]
            if not _inside(t.idx, t.idx + 1, self.quoted)
        ):
            return None  # a clause of its own between: its verb may have the speaker
        start, end = _trim_possessive(self.text, e.start_char, e.end_char)
        return self._found(start, end, verb.text, start, end)

    def _inverted_description(self, span: QuoteSpan, verb: Any) -> dict[str, Any] | None:
        """`“...,” said Oversight ranking Democrat Ed Brann (D-Md.).`: a speech verb right after the
        mark whose subject the parse lost in a long title; the name is the run of capitalised proper
        nouns that ends the words after the verb (before the stop, a comma, a bracket or "of")."""
        doc = self.doc
        if verb.idx < span.after or self.text[span.after : verb.idx].strip(" ,\u00a0"):
            return None
        words = []
        j = verb.i + 1
        while j < len(doc) and not doc[j].is_space and (doc[j].pos_ != "PUNCT" or doc[j].text == "-"):
            if doc[j].pos_ == "ADP" or _inside(doc[j].idx, doc[j].idx + 1, self.quoted):
                break
            words.append(doc[j])
            j += 1
        stop = doc[j] if j < len(doc) else None
        if not 2 <= len(words) <= 8 or (
            stop is not None
            and not (stop.text in (".", ",", "(", ";") or stop.lower_ in ("of", "from", "for"))
        ):
            return None
        if any(t.pos_ in ("PRON", "SCONJ", "AUX") or t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in words):
            return None  # a clause of its own, not a title
        run: list[Any] = []
        for t in reversed(words):
            if (
                t.pos_ != "PROPN"
                or not t.text[:1].isupper()
                or t.ent_type_ == "NORP"
                or _abbreviation(t.text.rstrip("."))
            ):
                break
            run.insert(0, t)
        if not run or (len(run) == 1 and not self._known_surname(run[0])):
            return None  # one capitalised word may be a title's last ("said the Velmar Minister")
        start, end = run[0].idx, run[-1].idx + len(run[-1].text)
        return self._found(start, end, verb.text, start, end)

    def _name_before_cue(self, span: QuoteSpan) -> dict[str, Any] | None:
        """`Speaker Rep. Ivo Brann (L-Ostra) said “...”` with a parse that gave "said" no subject: a
        speech verb right before the opening mark speaks through the person named right before it
        (past a bracketed affiliation)."""
        doc = self.doc
        k = self._token_at(span.open_at) - 1
        while k >= 0 and (
            doc[k].is_space or doc[k].text in (",", ":") or doc[k].ent_type_ in ("DATE", "TIME")
        ):
            k -= 1  # "said Wednesday, “...”"
        if k < 1 or self._newline_in(doc[k].idx, span.open_at):
            return None
        verb = doc[k]
        if verb.tag_ not in ("VBD", "VBZ") or not self._is_cue(verb) or self._subject(verb) is not None:
            return None
        j = k - 1
        if doc[j].text == ")":
            opening = next((i for i in range(j - 1, max(j - 8, 0), -1) if doc[i].text == "("), None)
            if opening is None:
                return None
            j = opening - 1
        ent = self._entity_at(doc[j]) if j >= 0 else None
        if ent is not None and ent.end == j + 1 and ent.start in self.people:
            start, end = _trim_possessive(self.text, ent.start_char, ent.end_char)
            return self._found(start, end, verb.text, ent.start_char, ent.end_char)
        # "a White House official who spoke anonymously to discuss strategy said": the person a
        # relative clause ending right before the verb describes
        clause = doc[j]
        while clause.dep_ != "relcl" and clause.head.i != clause.i and clause.head.i < k:
            clause = clause.head
        person = clause.head
        if (
            clause.dep_ != "relcl"
            or clause.right_edge.i != j
            or person.pos_ != "NOUN"
            or _lemma_in(person, PERSON_NOUNS) is None
        ):
            return None
        found = self._resolve(person, verb.text, span.open_at)
        return found if found["ref_start"] is not None else None

    def _verb_beside_name(self, span: QuoteSpan) -> dict[str, Any] | None:
        """`“...,” Kowalski shot back.`, `“...!” beamed Marta Kowalski`, `“...,” Lindqvist went on`: a
        quoted sentence left open (`,` `?` `!`) and followed at once by a person and a verb of which
        that person is the subject speaks through that verb, whatever its lemma ("beamed",
        "remembered", "went on" are speech only here). The verb must say nothing else: an object, a
        clause or a complement of its own ("Kowalski won the vote", "Kowalski seemed tired") makes it
        a sentence of its own, and the quote stays unknown."""
        if quote_kind(self.text, span) != "direct" or not self._left_open(span):
            return None
        doc = self.doc
        lead: range = range(0)
        k = self._token_at(span.after)
        while k < len(doc) and doc[k].text == ",":
            k += 1
        if k + 1 >= len(doc) or self._newline_in(span.after, doc[k].idx):
            return None
        first = doc[k]
        if first.pos_ == "VERB" and first.tag_ in ("VBD", "VBZ", "VBP"):
            verb, j = first, k + 1  # "beamed Marta Kowalski"
            while j < len(doc) and j - k <= 5 and self._person_at(j) is None and _title_word(doc[j]):
                j += 1  # "mused radio co-host Stu Brann": the words of a title come first
            name = self._person_at(j) if j < len(doc) else None
            if name is None:
                return None
            if j == k + 1 and (name[1].head.i != verb.i or name[1].dep_ != "nsubj"):
                return None
            after = doc[name[0][1]] if name[0][1] < len(doc) else None
            if j > k + 1 and not (
                after is None or after.text in (".", "!", "?", ",", ";") or "\n" in after.text
            ):
                return None  # with a title before it, the name must end the inversion
            lead = range(k + 1, name[0][1])  # however the parse hangs the title, it is no object
        elif (
            first.tag_ == "MD"
            and first.text[:1].isupper()
            and doc[k + 1].tag_ in ("VBD", "VBN")
            and not any(c.dep_ in SPEAKER_DEPS for c in doc[k + 1].children)
        ):
            # `,” Will wrote`: no modal comes before a past form, so the capitalised word is a name
            verb, name = doc[k + 1], ((k, k + 1), first)
        else:
            name = self._person_at(k)  # "Kowalski shot back"
            if name is None:
                return self._description_beside(span, k)
            if name[1].head.i != name[0][1] or name[1].head.pos_ != "VERB":
                return None
            verb = name[1].head
            # the tagger may read the name as a modifier of the verb ("Kowalski" compound of "notes")
            # or the verb as a participle ("barked" VBN): with no subject or auxiliary of its own,
            # the name is its subject
            bare = not any(
                c.dep_ in (*SPEAKER_DEPS, "aux", "auxpass") for c in verb.children if c.i != name[1].i
            )
            if name[1].dep_ != "nsubj" and not (name[1].dep_ == "compound" and bare):
                return None
            if verb.tag_ not in ("VBD", "VBZ", "VBP") and not (verb.tag_ == "VBN" and bare):
                return None
        (start_i, end_i), _ = name
        if _inside(verb.idx, verb.idx + 1, self.quoted):
            return None
        if fold(verb.lemma_) in ("be", "have") or any(
            c.dep_ in ("dobj", "ccomp", "xcomp", "attr", "acomp", "oprd", "dative", "nsubjpass")
            for c in verb.children
            if not _inside(c.idx, c.idx + 1, self.quoted)  # the quote itself may hang on the verb
            and c.i not in lead
        ):
            return None
        start, end = _trim_possessive(
            self.text, doc[start_i].idx, doc[end_i - 1].idx + len(doc[end_i - 1].text)
        )
        return self._found(start, end, verb.text, start, end)

    def _description_beside(self, span: QuoteSpan, k: int) -> dict[str, Any] | None:
        """`“...?” a Velmar staffer in the room wondered.`: an unnamed person described right after
        the mark, as the subject of a verb that says nothing else, speaks through that verb; the
        speaker stays unknown (or the one holding that role), the description kept as its reference."""
        doc = self.doc
        noun = None
        for j in range(k, min(k + 6, len(doc))):
            t = doc[j]
            if t.pos_ not in ("DET", "ADJ", "NOUN", "PROPN", "NUM") and t.text != "-":
                return None
            if t.dep_ == "nsubj" and t.pos_ == "NOUN" and t.head.i > t.i:
                noun = t
                break
        if (
            noun is None
            or noun.tag_ != "NN"
            or not (fold(noun.lemma_) in PERSON_NOUNS or fold(noun.lemma_) in role_heads())
        ):
            return None
        verb = noun.head
        between = doc[noun.i + 1 : verb.i]
        if (
            verb.pos_ != "VERB"
            or verb.tag_ not in ("VBD", "VBZ", "VBP")
            or len(between) > 5
            or any(t.pos_ not in ("ADP", "DET", "ADJ", "NOUN", "PROPN") for t in between)
            or fold(verb.lemma_) in ("be", "have")
            or any(
                c.dep_ in ("dobj", "ccomp", "xcomp", "attr", "acomp", "oprd", "dative", "nsubjpass")
                for c in verb.children
                if not _inside(c.idx, c.idx + 1, self.quoted)
            )
        ):
            return None
        found = self._resolve(noun, verb.text, span.open_at)
        return found if found["speaker"] is not None or found["ref_start"] is not None else None

    def _person_at(self, k: int) -> tuple[tuple[int, int], Any] | None:
        """The person named from token `k` on: a recognised person (its token range and root), or a
        capitalised proper noun the recogniser missed that heads its own words ("Lindqvist")."""
        ent = self._entity_at(self.doc[k])
        if ent is not None:
            if ent.start != k or ent.start not in self.people:
                return None
            return (ent.start, ent.end), ent.root
        token = self.doc[k]
        if not token.text[:1].isupper() or fold(token.text) in PRONOUNS:
            return None
        if token.pos_ != "PROPN":
            # "Dorsey" tagged a common noun (or a verb) as it opens a sentence after `?”`: a surname the
            # article gives a person is that person
            return ((k, k + 1), token) if self._known_surname(token) else None
        end = k + 1
        while end < len(self.doc) and self.doc[end].pos_ == "PROPN" and self.doc[end].head.i >= end:
            end += 1
        root = self.doc[end - 1]
        if any(t.head.i != root.i and t.head.i != t.i + 1 for t in self.doc[k : end - 1]):
            return None
        return (k, end), root

    def _known_surname(self, token: Any) -> bool:
        """A single capitalised word the article elsewhere gives a person as their surname."""
        return (
            token.text[:1].isupper()
            and fold(token.text) in self._surnames()
            and fold(token.text) not in PRONOUNS
            and not (token.i + 1 < len(self.doc) and self.doc[token.i + 1].pos_ == "PROPN")
        )

    def _surnames(self) -> set[str]:
        """Surnames of the people the article names: those of recognised persons, and the last word
        of a full name the recogniser labelled otherwise or missed ("Sean Hannity" as an ORG), a
        capitalised proper-noun run that the text never writes in lower case ("news" in "Fox News" is
        a common word). "Hannity interjected:" opening a sentence is then a name, not a noun."""
        if self._written_surnames is None:
            lower = set(re.findall(r"(?<![\w'’])[a-z][a-z'’-]*", self.text))
            found: set[str] = set()
            doc = self.doc
            for t in doc[1:]:
                before = doc[t.i - 1]
                if (
                    t.pos_ == "PROPN"
                    and before.pos_ == "PROPN"
                    and t.text[:1].isupper()
                    and before.text[:1].isupper()
                    and t.text.isalpha()
                    and not (t.i + 1 < len(doc) and doc[t.i + 1].pos_ == "PROPN")
                    and not _inside(t.idx, t.idx + 1, self.quoted)
                    and t.ent_type_ not in ("GPE", "LOC", "FAC", "NORP", "DATE", "EVENT")
                ):
                    found.add(fold(t.text))
            self._written_surnames = {
                w for w in found if w not in lower and w not in PRONOUNS
            } | self.person_surnames
        return self._written_surnames

    def _signed_before_colon(self, span: QuoteSpan) -> dict[str, Any] | None:
        """ "Pollsters agree - Anton Bosko: “...”": a digest's signature, a spaced dash then only a
        capitalised name then the colon, names who wrote the quote, not the clause before the dash."""
        colon = self.text.rfind(":", 0, span.open_at)
        line_start = self.text.rfind("\n", 0, colon) + 1
        signed = re.search(
            r"\s[—–―-]\s+((?:[A-Z][\w.'’&-]*\s+){0,4}[A-Z][\w.'’&-]*)\s*$", self.text[line_start:colon]
        )
        if signed is None or any(fold(w) in PRONOUNS for w in signed.group(1).split()):
            return None
        start, end = line_start + signed.start(1), line_start + signed.end(1)
        return self._found(start, end, ":", start, end)

    def _name_before_colon(self, span: QuoteSpan) -> dict[str, Any] | None:
        """ "Polls were early - Mark Blumenthal and Jon Cohen: “...”": people named right before the
        colon that opens the quote speak it (the last of them, as a list of names is one voice)."""
        colon = self.text.rfind(":", 0, span.open_at)
        i = bisect_right(self.ent_ends, colon) - 1
        if colon < 0:
            return None
        if i < 0 or self.text[self.ents[i].end_char : colon].strip() or self.ents[i].start not in self.people:
            return self._verb_first_line(colon)
        e = self.ents[i]
        if _spoken_of(e.root):
            return None  # "Williams added about Corrin:": the one spoken of
        start, end = _trim_possessive(self.text, e.start_char, e.end_char)
        return self._found(start, end, ":", start, end)

    def _verb_first_line(self, colon: int) -> dict[str, Any] | None:
        """ "Continued Stone: “...”": a paragraph that opens on a past-tense verb, then only a
        capitalised name, then the colon before the quote, is that person's words, whether or not the
        recogniser knows the name and whatever the verb (an inversion no other sentence takes)."""
        k = self._token_at(colon)
        if k >= len(self.doc) or self.doc[k].text != ":":
            return None
        j = k - 1
        while j >= 0 and self.doc[j].pos_ == "PROPN" and self.doc[j].text[:1].isupper():
            j -= 1
        if j < 0 or j == k - 1 or k - 1 - j > 4:
            return None
        verb = self.doc[j]
        if (
            verb.pos_ != "VERB"
            or verb.tag_ not in ("VBD", "VBN")
            or not verb.text[:1].isupper()
            or _last_char_before(self.text, verb.idx, " \t") not in ("", "\n")
            or any(fold(w.text) in PRONOUNS for w in self.doc[j + 1 : k])
        ):
            return None
        start, end = self.doc[j + 1].idx, self.doc[k - 1].idx + len(self.doc[k - 1].text)
        return self._found(start, end, verb.text, start, end)

    def _only_names_between(self, start: int, token: Any) -> bool:
        """No verb and no clause mark between `start` and `token`: the words only name someone."""
        i = token.i - 1
        while i >= 0 and self.doc[i].idx >= start:
            t = self.doc[i]
            # commas may set off an apposition ("the nominee, Dario Brann, tweeted"); a clause may not
            if t.pos_ in ("VERB", "AUX", "SCONJ", "PRON") or t.text in (";", ":"):
                return False
            i -= 1
        return True

    def _said_just_before(self, span: QuoteSpan) -> dict[str, Any] | None:
        """ "Dianne Brystal agreed. “...”": a sentence of the same paragraph that is nothing but someone
        and a speech verb with nothing said after it introduces the quote that follows."""
        lead = bisect_left(self.sents, (span.open_at,))
        if not lead:
            return None
        start, end, lo, hi = self.sents[lead - 1][:4]
        if end > span.open_at or "\n" in self.text[end : span.open_at]:
            return None
        if any(c in self.text[start:end] for c in '"“”«»'):
            return None  # the sentence before quotes words of its own
        root = next((t for t in self.doc[lo:hi] if t.dep_ == "ROOT"), None)
        if root is None or not self._is_cue(root) or _lemma_in(root, ADDRESSEE_VERBS) is not None:
            return None
        if any(c.dep_ in ("dobj", "ccomp", "xcomp", "attr", "oprd", "dative", "conj") for c in root.children):
            return None  # "Brystal agreed with Kerr" says something of its own
        if any(c.dep_ == "prep" and c.lower_ not in ("in", "on", "at") for c in root.children):
            return None
        subject = self._subject(root)
        if subject is None or subject.i > root.i:
            return None
        found = self._resolve(subject, root.text, span.open_at)
        return found if found["speaker"] is not None else None

    def _introduced_by(self, span: QuoteSpan, sent: Any) -> dict[str, Any] | None:
        """ "its deputy chair Jelena Sabo was blunt — “Not while ...”": the subject before the mark speaks."""
        verbs = [
            t
            for t in self.doc[sent.start :]
            if t.idx < span.open_at
            and t.pos_ in ("VERB", "AUX")
            and not _inside(t.idx, t.idx + 1, self.quoted)
            and any(c.dep_ in SPEAKER_DEPS for c in t.children)
        ]
        if any(self._is_cue(t) and t.dep_ != "relcl" for t in self.doc[sent.start :] if t.idx < span.open_at):
            # "..., said Brann, explaining he worked with Holt, who ran the file: “...”": with a speech
            # verb in the sentence, a relative clause only says who someone is
            verbs = [t for t in verbs if t.dep_ != "relcl" or self._is_cue(t)]
        cue = self.text[span.open_at - 2 : span.open_at].strip() or ":"
        for verb in reversed(verbs):
            subject = self._subject(verb)
            if subject is not None:
                found = self._resolve(subject, cue, span.open_at)
                if found["speaker"] is not None:
                    return found
        # a garbled parse: the person named just before the mark, if nobody else is
        people = [
            e for e in self._mentions_before(span.open_at, ("PERSON",)) if e.start_char >= sent.start_char
        ]
        if not people or len(self.text[people[-1].end_char : span.open_at].split()) > 8:
            return None
        start, end = _trim_possessive(self.text, people[-1].start_char, people[-1].end_char)
        return self._found(start, end, cue, start, end)

    def _distance(self, token: Any, span: QuoteSpan) -> int:
        if token.idx > span.close_at:
            return token.idx - span.close_at
        return max(0, span.open_at - token.idx)

    def _subject(self, verb: Any) -> Any | None:
        addressed = _lemma_in(verb, ADDRESSEE_VERBS) is not None
        subjects = [
            c
            for c in verb.children
            if c.dep_ in SPEAKER_DEPS
            and not _inside(c.idx, c.idx + 1, self.quoted)
            and not (addressed and c.dep_ == "nsubjpass")  # "Brann was asked": the one asked
        ]
        if subjects:
            # "LUNEVIK — Water minister Zofie Kralova said": the subject nearest the verb
            child = min(subjects, key=lambda c: abs(verb.i - c.i))
            if child.lower_ in ("who", "that", "which") and verb.dep_ == "relcl":
                return verb.head  # "Oskar Venn, who says ...": the antecedent speaks
            return child
        named = next((c for c in verb.lefts if c.dep_ == "compound" and c.i == verb.i - 1), None)
        if named is not None and verb.pos_ == "VERB" and verb.tag_ in ("VBD", "VBZ"):
            ent = self._entity_at(named)
            if ent is not None and ent.start in self.people and ent.end == verb.i:
                return named  # "Beck joked" with the name read as the verb's modifier: its subject
        for child in verb.children:
            if child.dep_ == "agent":
                objs = [c for c in child.children if c.dep_ == "pobj"]
                if objs:
                    return objs[0]
        if verb.tag_ == "VBG" and verb.dep_ in ("acl", "xcomp", "advcl") and verb.i > 1:
            shown = verb.doc[verb.i - 1]
            ent = self._entity_at(shown)
            if (
                ent is not None
                and ent.start in self.people
                and shown.dep_ == "pobj"
                and shown.head.lower_ == "of"
                and shown.head.head.pos_ == "NOUN"
            ):
                # "footage of Holt asking, “...”", "a video of Brann saying ...": the one shown speaks
                return shown
        if (
            verb.dep_ == "acl"
            and verb.i > 0
            and verb.doc[verb.i - 1].text == ","
            and verb.tag_ in ("VBD", "VBN")
            and (
                self._entity_at(verb.head) is not None
                or any(c.dep_ == "appos" and self._entity_at(c) is not None for c in verb.head.children)
            )
        ):
            # "the nominee, Dario Brann, tweeted": a verb the parser hung on the named noun before it
            return verb.head
        # "..., he said, adding ..." / "Silverman joined Franken on stage and joked, ...": conjoined
        # verbs share the subject of the first; so does a participle or an infinitive hung on a verb
        # ("Brann took a risk, telling the crowd ...", "Bremner is quoted as saying")
        if _inside(verb.head.idx, verb.head.idx + 1, self.quoted):
            return None  # a verb of someone's quoted words lends its subject to no attribution
        if verb.dep_ == "conj" and verb.head is not verb:
            head = verb.head
            subject = self._subject(head)
            if (
                head.dep_ == "ccomp"
                and self._is_cue(verb)
                and self._is_cue(head.head)
                and (subject is None or not self._holder(subject))
            ):
                # "Suu Kyi said it was too early but added, ...": the parse joined "added" to the
                # reported clause; a speech verb joins the one who spoke, not "it"
                return self._subject(head.head)
            return subject
        if (
            verb.dep_ in ("advcl", "xcomp", "pcomp")
            and verb.tag_ in ("VBG", "VB")
            and not any(c.dep_ == "mark" for c in verb.children)
        ):
            head = verb.head.head if verb.dep_ == "pcomp" else verb.head
            if head is not verb and head.pos_ in ("VERB", "AUX"):
                told = next((c for c in head.children if c.dep_ == "dobj"), None)
                if verb.dep_ == "xcomp" and verb.tag_ == "VB" and told is not None:
                    return told  # "That record prompted the Atlas to state": the one prompted speaks
                reporter = self._reporting_verb(head) if verb.dep_ == "advcl" and verb.tag_ == "VBG" else None
                if reporter is not None and verb.doc[verb.left_edge.i - 1].text == "," and self._is_cue(verb):
                    # "Brisk wrote the agents knew it, saying, “...”", "a strategist said Holt will
                    # have to choose, saying, “...”": set off after the reported clause, the participle
                    # goes on with the one who reports it
                    return self._subject(reporter)
                return self._subject(head)
        return None

    def _reporting_verb(self, head: Any) -> Any | None:
        """The speech verb whose reported clause holds `head` ("said [Holt will have to choose]"),
        climbing the clause's own complements, or None."""
        for _ in range(3):
            if head.dep_ == "ccomp" and self._is_cue(head.head):
                return head.head
            if head.dep_ not in ("xcomp", "ccomp", "conj") or head.head.i == head.i:
                return None
            head = head.head
        return None

    # --- from a token to a name ------------------------------------------------------------------
    def _entity_at(self, token: Any) -> Any | None:
        i = bisect_right(self.ent_starts, token.i) - 1  # entities never overlap: only this one can hold it
        return self.ents[i] if i >= 0 and token.i < self.ents[i].end else None

    def _resolve(self, token: Any, cue: str, before: int) -> dict[str, Any]:
        ref_start, ref_end = token.idx, token.idx + len(token.text)
        ent = self._entity_at(token)
        if ent is not None and self._party_description(token, ent):
            # "added a second Velmar Liberal", "said another Senate Democrat, Sen. Ivo Brann,": a
            # party or nation word heading a description names a kind of person, not the person
            named = self._person_in_apposition(token)
            if named is not None:
                start, end = _trim_possessive(self.text, named.start_char, named.end_char)
                return self._found(start, end, cue, named.start_char, named.end_char)
            chunk = _noun_phrase(token)
            return _unknown() | {
                "cue": cue,
                "ref_start": chunk[0].idx,
                "ref_end": self._affiliation_end(token),
            }
        if ent is None:  # "Breznik's lawyer, Oskar Venn, said": the apposition names the speaker
            for child in token.children:
                if child.dep_ == "appos" and self._entity_at(child) is not None:
                    ent = self._entity_at(child)
                    break
        if ent is not None:
            name_start, name_end = _trim_possessive(self.text, ent.start_char, ent.end_char)
            return self._found(name_start, name_end, cue, ent.start_char, ent.end_char)
        low = token.lower_
        if low in PRONOUNS:
            person = self._last_person(before=ref_start, pronoun=low)
            if person is not None:
                return self._found(person[0], person[1], cue, ref_start, ref_end)
            return _unknown()
        if self._name_as_written(token):
            # "D’Souza replied": a name the tagger took for a common noun, named as written
            return self._found(ref_start, ref_end, cue, ref_start, ref_end)
        if token.pos_ in ("NOUN", "PROPN"):
            chunk = _noun_phrase(token)
            ref_start, ref_end = chunk[0].idx, chunk[-1].idx + len(chunk[-1].text)
            owner = next(
                (
                    c
                    for c in token.children
                    if c.dep_ == "poss" or (c.dep_ == "compound" and c.pos_ == "PROPN")
                ),
                None,
            )
            document = fold(token.lemma_) in DOCUMENT_NOUNS or fold(token.lemma_) in FINDING_NOUNS
            if token.pos_ == "NOUN" and document and owner is not None and owner.dep_ == "poss":
                return self._resolve(owner, cue, before)  # "Haldor's letter says": Haldor's words
            if (
                token.pos_ == "NOUN"
                and owner is not None
                and self._entity_at(owner) is not None
                and (fold(token.lemma_) in INSTITUTION_NOUNS or fold(token.lemma_) in GROUP_NOUNS or document)
            ):
                # "Pell's office said", "the Brann campaign explained", "the IMF report stated": named
                # by its owner, as written
                return self._found(ref_start, ref_end, cue, ref_start, ref_end)
            found = self._by_role(token, ref_start) if token.pos_ == "NOUN" else None
            if found is not None:
                return self._found(found[0], found[1], cue, ref_start, ref_end)
            if token.pos_ == "NOUN" and self.role_ambiguous:
                # "said the president" with two presidents named: unknown here, the words kept for the
                # story stage, which knows every role the sources give and may find one holder
                return _unknown() | {"cue": cue, "ref_start": ref_start, "ref_end": ref_end}
            if token.pos_ == "PROPN":
                start = next((t.idx for t in chunk if t.lower_ not in ("the", "a", "an")), ref_start)
                return self._found(start, ref_end, cue, ref_start, ref_end)
            definite = chunk[0].lower_ in ("the", "el", "la")
            if definite and (token.lemma_ in INSTITUTION_NOUNS or fold(token.lemma_) in role_heads()):
                # "the union says", "the engineer said": the story stage may know which one
                return self._found(ref_start, ref_end, cue, ref_start, ref_end)
            if token.tag_ == "NN" and (
                fold(token.lemma_) in PERSON_NOUNS or (not definite and fold(token.lemma_) in role_heads())
            ):
                # "said a senior campaign adviser", "another source familiar with ...", "the Kell supporter
                # retorted": nobody named, so the
                # speaker stays unknown; the words that describe them are kept as its reference
                words = [t for t in token.subtree if t.dep_ not in ("relcl", "punct") and t.i <= token.i]
                span_words = [t for t in token.doc[words[0].i : token.i + 1]] if words else [token]
                start, end = span_words[0].idx, self._affiliation_end(token)
                return _unknown() | {"cue": cue, "ref_start": start, "ref_end": end}
            if token.tag_ in ("NNS",) and _abstract_noun(fold(token.lemma_)):
                # "relations are solid and assured ...", "the talks focus on ...": no one to say it, but
                # "Brann's statements suggest ...": the statements' owner
                if owner is not None and owner.dep_ == "poss" and self._entity_at(owner) is not None:
                    return self._resolve(owner, cue, before)
                return _unknown()
            if token.tag_ in ("NNS",):
                # "prosecutors said": a group, named as the text names it
                return self._found(ref_start, ref_end, cue, ref_start, ref_end)
        return _unknown()

    def _name_as_written(self, token: Any) -> bool:
        """A capitalised word the tagger took for a common noun (or a verb) that names a person."""
        # a sentence's first word is capitalised anyway, unless the article names a person by it
        capitalised = token.text[:1].isupper() and (
            (token.pos_ == "NOUN" and (token.i != token.sent.start or fold(token.text) in self._surnames()))
            # `,” Brann shot back` with "Brann" tagged a verb: a surname the article gives a person is
            # that name whatever the tagger read it as
            or (token.pos_ in ("VERB", "ADJ", "ADV") and self._known_surname(token))
        )
        return (
            capitalised
            and not any(t.dep_ == "det" for t in token.lefts)
            and fold(token.lemma_) not in role_heads()
        )

    def _written_speakers(self) -> list[Any]:
        """Names the recogniser missed that are the subject of a speech verb ("D’Souza replied",
        "D’Ambra said" with no entity), or a recognised person's surname the recogniser missed this
        time, as the subject of a main clause, in text order: a later "he added" may mean them as much
        as a recognised person."""
        if self._written_names is None:
            self._written_names = [
                t
                for t in self.doc
                if t.dep_ in SPEAKER_DEPS
                and t.lower_ not in PRONOUNS
                and self._entity_at(t) is None
                and not _inside(t.idx, t.idx + 1, self.quoted)
                and (
                    self._is_cue(t.head)
                    # "Scott bristles at the suggestion. “...,” he said": a surname the article gave a
                    # recognised person, missed here, is the subject of its own main clause
                    or (
                        t.pos_ == "PROPN"
                        and fold(t.text) in self.person_surnames
                        and t.head.dep_ not in ("relcl", "acl", "advcl")
                    )
                )
                and (
                    self._name_as_written(t)
                    or (
                        t.pos_ == "PROPN"
                        and t.text[:1].isupper()
                        and not any(c.dep_ == "det" for c in t.lefts)
                    )
                )
            ]
        return self._written_names

    @staticmethod
    def _party_description(token: Any, ent: Any) -> bool:
        """A singular party or nation word ("Democrat", "Republican") that heads a noun phrase with a
        determiner or an ordinal before it ("a Democrat", "another Senate Democrat", "the second
        Republican"): a description of someone, whose name it is not."""
        return (
            ent.label_ == "NORP"
            and ent.root.i == token.i
            and token.tag_ in ("NNP", "NN")
            and any(
                (c.dep_ == "det" and not (c.text[:1].isupper() and c.i != c.sent.start))
                or (c.dep_ in ("amod", "nummod") and c.ent_type_ == "ORDINAL")
                for c in token.lefts
            )  # "according to The Federalist": a capital "The" inside a sentence starts a title
        )

    def _person_in_apposition(self, noun: Any) -> Any | None:
        """The person named right after a description, set off by a comma ("another Senate Democrat,
        Sen. Ivo Brann of Velmar,"): titles may come first; nothing else may."""
        doc = self.doc
        k = noun.i + 1
        if k >= len(doc) or doc[k].text != ",":
            return None
        k += 1
        while k < len(doc) and self._entity_at(doc[k]) is None and _abbreviation(doc[k].text.rstrip(".")):
            k += 1  # "Sen.", "Rep.", "Gov."
        ent = self._entity_at(doc[k]) if k < len(doc) else None
        if ent is None or ent.start != k or ent.start not in self.people:
            return None
        if ent.end < len(doc) and doc[ent.end].lower_ in ("and", "or"):
            return None  # a list of people: none of them is the description
        return ent

    def _affiliation_end(self, noun: Any) -> int:
        """Where an unnamed person's description ends, with whom they speak for: "a spokeswoman for
        the House Armed Services Committee", "a longtime adviser to both Holts, who ...", "a person
        close to the Holts" (one short prepositional or adjective phrase, up to a comma or a clause,
        no quoted words)."""
        end = noun.idx + len(noun.text)
        after = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
        if after is None or after.head.i != noun.i:
            return end
        if after.dep_ == "prep" and after.lower_ in AFFILIATION_PREPOSITIONS:
            phrase, held = after, "pobj"
        elif after.dep_ == "amod" and after.pos_ == "ADJ" and any(c.dep_ == "prep" for c in after.children):
            phrase, held = after, "prep"  # "close to the Holts", "familiar with the talks"
        else:
            return end
        kept: list[Any] = []
        for t in phrase.subtree:
            if (
                t.pos_ in ("VERB", "AUX")
                or t.text in (",", ";", ":", "(")
                or t.dep_ == "relcl"
                or t.tag_ in ("WDT", "WP", "WP$")  # "a shop that sells ...": the clause starts
                or _inside(t.idx, t.idx + 1, self.quoted)
            ):
                break
            kept.append(t)
        if len(kept) > 8 or not any(t.dep_ == held and t.head.i == phrase.i for t in kept):
            return end
        while kept and kept[-1].pos_ in ("DET", "CCONJ", "ADP", "PUNCT"):
            kept.pop()
        return kept[-1].idx + len(kept[-1].text) if kept else end

    def _found(self, start: int, end: int, cue: str, ref_start: int, ref_end: int) -> dict[str, Any]:
        return {
            "speaker": self.text[start:end],
            "speaker_start": start,
            "speaker_end": end,
            "cue": cue,
            "ref_start": ref_start,
            "ref_end": ref_end,
        }

    def _named(self, label: str) -> _Named:
        """The people (or organisations) named outside quotes, in text order, gathered once."""
        if label not in self._by_label:
            self._by_label[label] = _Named(
                self.text,
                [
                    e
                    for e in self.ents
                    if ("PERSON" if e.start in self.people else e.label_) == label
                    and not _inside(e.start_char, e.end_char, self.quoted)
                ],
            )
        return self._by_label[label]

    def _mentions_before(self, before: int, labels: tuple[str, ...]) -> list[Any]:
        if len(labels) == 1:
            named = self._named(labels[0])
            return named.ents[: named.cut(before)]
        return [
            e
            for e in self.ents[: bisect_right(self.ent_ends, before)]
            if ("PERSON" if e.start in self.people else e.label_) in labels
            and not _inside(e.start_char, e.end_char, self.quoted)
        ]

    def _last_person(self, before: int, pronoun: str = "") -> tuple[int, int] | None:
        """The last person named as a subject (or the apposition of one) before a pronoun.

        A person the article already called by the other pronoun ("Brezník ... He is not") is
        passed over for "she"; two people who could both be meant leave the pronoun unknown. A later
        speaker the recogniser missed ("D’Souza replied") is the one meant when no recognised person is
        named between; a family in the plural ("the Clintons") is never "he" or "she".
        """
        want = PRONOUN_GENDER.get(pronoun, "")
        genders = self._genders() if want else {}
        people = self._named("PERSON")
        written = next(
            (
                t
                for t in reversed(self._written_speakers())
                if t.idx < before
                and before - t.idx <= PRONOUN_REACH
                and genders.get(fold(t.text), want) == want
            ),
            None,
        )
        if written is not None and self._rival_in(written, before, genders, want):
            written = None  # two could be meant: the recognised names alone decide, as they would
        for k in range(people.cut(before) - 1, -1, -1):
            person = people.ents[k]
            if before - person.end_char > PRONOUN_REACH:
                break
            if written is not None and person.start_char < written.idx:
                break  # "D’Souza replied ... he added": the later speaker, though unrecognised
            if want and self._family(people.surnames[k]):
                continue  # "the Clintons" are not "he"
            root = person.root
            if root.dep_ == "appos":
                root = root.head
            # "Anna Brekke, whose husband Olav is among the men, said": Olav's clause is subordinate
            if root.dep_ in SPEAKER_DEPS and root.head.dep_ not in ("relcl", "acl"):
                if genders.get(people.surnames[k], want) != want:
                    continue
                if self._rival_subject(people, k, root, genders, want):
                    return None  # two people could be "he": unknown, not a guess
                return _trim_possessive(self.text, person.start_char, person.end_char)
        if written is not None:  # with the first name before it: "Ivanka Trump acknowledged"
            first = next(
                (t for t in written.lefts if t.dep_ == "compound" and t.pos_ == "PROPN" and t.i < written.i),
                written,
            )
            return first.idx, written.idx + len(written.text)
        return None

    def _family(self, surname: str) -> bool:
        """A plural of a surname the article gives someone ("Clintons" beside "Clinton"), not
        a name that ends in "s" ("Sanders")."""
        return surname.endswith("s") and surname[:-1] in self.person_surnames

    def _rival_in(self, name: Any, before: int, genders: dict[str, str], want: str) -> bool:
        """A recognised person other than `name` who could be meant is a subject in its sentence or
        is named between it and the pronoun ("Hannity asked Trump ... he told Hannity")."""
        people = self._named("PERSON")
        surname = fold(name.text)
        return any(
            people.surnames[j] != surname
            and genders.get(people.surnames[j], want) == want
            and (
                name.idx < other.start_char < before
                or (name.sent.start <= other.start < name.sent.end and other.root.dep_ in SPEAKER_DEPS)
            )
            for j, other in enumerate(people.ents)
        )

    def _rival_subject(self, people: _Named, k: int, root: Any, genders: dict[str, str], want: str) -> bool:
        """Another person is a subject of the same sentence, or joined to this one ("X and Y met")."""
        if any(c.dep_ == "conj" and self._entity_at(c) is not None for c in root.children):
            return True
        sent = root.sent
        surname = people.surnames[k]
        for j in range(k - 1, -1, -1):
            other = people.ents[j]
            if other.start < sent.start:
                break
            if (
                people.surnames[j] != surname
                and other.root.dep_ in SPEAKER_DEPS
                and genders.get(people.surnames[j], want) == want
            ):
                return True
        return False

    def _genders(self) -> dict[str, str]:
        """Surname -> "m"/"f" from how the article itself refers to that person, never from the name.

        An honorific before the name ("Mrs. Khan"), or "he"/"she" as the subject of the sentence
        right after one whose only person subject is that name. Conflicting evidence: no entry.
        """
        if self._gender_of is not None:
            return self._gender_of
        seen: dict[str, set[str]] = {}
        people = self._named("PERSON")
        subjects_by_sent: dict[int, set[str]] = {}
        for k, person in enumerate(people.ents):
            surname = people.surnames[k]
            honorific = fold(self.text[max(0, person.start_char - 6) : person.start_char]).split()
            if honorific and honorific[-1].rstrip(".") in HONORIFIC_GENDER:
                seen.setdefault(surname, set()).add(HONORIFIC_GENDER[honorific[-1].rstrip(".")])
            root = person.root.head if person.root.dep_ == "appos" else person.root
            if root.dep_ in SPEAKER_DEPS:
                subjects_by_sent.setdefault(person.sent.start, set()).add(surname)
        sents = list(self.doc.sents)
        for previous, sent in pairwise(sents):
            names = subjects_by_sent.get(previous.start, set())
            others = [
                t
                for t in previous
                if t.dep_ in SPEAKER_DEPS
                and self._entity_at(t) is None
                and (fold(t.lemma_) in PERSON_NOUNS or fold(t.lemma_) in role_heads())
            ]
            if len(names) != 1 or others:  # "X remains in custody, his wife told ...": two people
                continue
            pronoun = next(
                (t.lower_ for t in sent if t.dep_ in SPEAKER_DEPS and t.lower_ in ("he", "she")), ""
            )
            if pronoun:
                seen.setdefault(next(iter(names)), set()).add(PRONOUN_GENDER[pronoun])
        self._gender_of = {name: next(iter(g)) for name, g in seen.items() if len(g) == 1}
        return self._gender_of

    def _by_role(self, head: Any, before: int) -> tuple[int, int] | None:
        """ "the minister" -> the last person named with a role ending in "minister"; "the ministry" -> an org."""
        modifiers = [fold(t.text) for t in head.lefts if t.dep_ in ("amod", "compound") and t.pos_ != "DET"]
        return self._role_holder(fold(head.lemma_), before, modifiers)

    def _role_holder(self, word: str, before: int, modifiers: Sequence[str] = ()) -> tuple[int, int] | None:
        """The person the article gave this role; sets `self.role_ambiguous` when it is not safe to say."""
        self.role_ambiguous = False
        recent = self._last_person(before)
        people = self._named("PERSON")
        cut = people.cut(before)
        # The last person before `before` given this role, looked up in an index of every person's
        # role words rather than found by walking back over everyone named (quadratic in long articles).
        holders = self._role_index().get(word, [])
        last = bisect_left(holders, cut) - 1
        if last >= 0:
            k = holders[last]
            person, (start, end) = people.ents[k], people.spans[k]
            if recent is not None:
                surname = _last_word(self.text[recent[0] : recent[1]])
                # someone else was the last subject: an earlier role holder is not safe
                blocked = any(
                    people.surnames[j] != surname and recent[0] > people.spans[j][0] for j in range(k, cut)
                )
            else:
                blocked = False
            if blocked or not self._has_role(start, end, person.text, word, modifiers):
                self.role_ambiguous = True  # "the Cuban president" after "President Putin"
                return None
            return start, end
        if word in INSTITUTION_NOUNS or word in GENERIC_ORG_NOUNS:
            orgs = self._named("ORG")
            before_cut = orgs.cut(before)
            named = orgs.by_word.get(word, [])
            last = bisect_left(named, before_cut) - 1
            if last >= 0:
                return orgs.spans[named[last]]
            if word in GENERIC_ORG_NOUNS and before_cut:
                return orgs.spans[before_cut - 1]
        return None

    def _role_index(self) -> dict[str, list[int]]:
        """For each role word, the people given that role (indices into `_named("PERSON")`, in order)."""
        if self._roles_by_word is None:
            people = self._named("PERSON")
            self._roles_by_word = {}
            for k, (person, (start, end)) in enumerate(zip(people.ents, people.spans, strict=True)):
                words = {w for label in self._role_labels(start, end, person.text) for w in _ends(label)}
                for word in words:
                    self._roles_by_word.setdefault(word, []).append(k)
        return self._roles_by_word

    def _role_labels(self, start: int, end: int, entity_text: str) -> list[str]:
        if (start, end) not in self._roles:
            self._roles[start, end] = [fold(r.role) for r in roles_near(self.text, start, end)]
        labels = list(self._roles[start, end])
        inner = fold(entity_text).split()[:-1]  # the title inside the entity: "President Aurel Daněk"
        return labels + ([" ".join(inner)] if inner else [])

    def _has_role(
        self, start: int, end: int, entity_text: str, word: str, modifiers: Sequence[str] = ()
    ) -> bool:
        for label in self._role_labels(start, end, entity_text):
            words = _role_words(label)
            if words and word in (words[-1], words[0]) and all(m in label.split() for m in modifiers):
                return True
        return False

    # --- when the parse finds nothing ------------------------------------------------------------
    def _pattern_fallback(self, span: QuoteSpan) -> dict[str, Any] | None:
        """Speech verbs by surface form next to the marks, for text the parser garbles (e.g. Spanish).

        After the mark: `», declaró el ministro` / `," said Goran Petek`; before it, within the
        sentence: `Teodor Lazić, calificó la huelga de "..."` (the last name before the verb).
        """
        after = self.text[span.after : span.after + 99].split("\n")[0]
        words = list(re.finditer(r"[\w'’-]+", after))[:7]
        for i, w in enumerate(words[:4]):
            if self._verb_form(w.group()):
                if i:  # `," Bozell answers.`: the name between the mark and the verb
                    named = self._name_between(span.after, span.after + w.start(), w.group())
                    if named is not None:
                        return named
                    continue
                rest = span.after + (words[i + 1].start() if i + 1 < len(words) else len(after))
                found = self._name_after(rest, span.after + (words[-1].end() if words else 0), w.group())
                if found is not None:
                    return found
        line = bisect_left(self.newlines, span.open_at)
        line_start = self.newlines[line - 1] + 1 if line else 0
        stop = bisect_right(self.stops, span.open_at) - 1  # the last sentence stop in the line, if any
        sentence_start = max(
            line_start, self.stops[stop] if stop >= 0 and self.stops[stop] - 2 >= line_start else 0
        )
        before = self.text[sentence_start : span.open_at]
        verbs = [
            m
            for m in re.finditer(r"[\w'’-]+", before)
            if self._verb_form(m.group())
            # "cleaning up state voter-roll data": a noun's modifier, not a verb
            and not _noun_modifier(self.doc[self._token_at(sentence_start + m.start())])
        ]
        if not verbs:
            return None
        verb_at = sentence_start + verbs[-1].start()
        if any(
            t.pos_ == "VERB" and t.tag_ not in ("VBG", "VBN") and verb_at < t.idx < span.open_at
            for t in self.doc[self._token_at(verb_at) : self._token_at(span.open_at)]
        ):
            return None  # "After Brown criticized Holt, Karin shot back, “...”": another verb is closer
        names = [
            e
            for e in self.ents[
                bisect_left(self.ent_start_chars, sentence_start) : bisect_right(self.ent_ends, verb_at)
            ]
            if e.end_char <= verb_at
            and not _inside(e.start_char, e.end_char, self.quoted)
            and not (e.label_ == "NORP" and e.root.dep_ in ("amod", "compound"))  # "a fake Southern accent"
        ]
        if not names:
            return None
        people = [e for e in names if e.start in self.people]
        chosen = (people or names)[-1]
        if _spoken_of(chosen.root):
            return None  # "Solberg, drawing attention to Holt's lack of ..., wrote": not the writer
        name_start, name_end = _trim_possessive(self.text, chosen.start_char, chosen.end_char)
        return self._found(name_start, name_end, verbs[-1].group(), name_start, name_end)

    def _subordinate_cue(self, cue: Any, span: QuoteSpan) -> bool:
        """A speech verb in a clause about another: "said when Holt asked him a question", "After
        Brekke criticized the union, Marta shot back, “...”" (the quote hangs elsewhere)."""
        if cue.dep_ != "advcl":
            return False
        if self._is_cue(cue.head):
            return True
        if cue.idx > span.open_at or not any(c.dep_ == "mark" for c in cue.children):
            return False
        if (
            any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children)
            and span.start <= cue.head.idx < span.end
        ):
            return False  # "As Millet puts it, “...”": the clause qualifies the quoted words themselves
        # the quote lies outside the cue's clause (a projective parse keeps a clause's words together)
        first, last = self._token_at(span.start), self._token_at(span.end) - 1
        return last < cue.left_edge.i or first > cue.right_edge.i

    def named_after(self, span: QuoteSpan) -> bool:
        """A person is named right after the closing mark: `“...?” Maddow repeated`."""
        i = bisect_left(self.ent_start_chars, span.after)
        if (
            i < len(self.ents)
            and self.ents[i].start in self.people
            and not self.text[span.after : self.ents[i].start_char].strip(" ,")
        ):
            return True
        k = self._token_at(span.after)
        while k < len(self.doc) and self.doc[k].text in (",", '"', "”", "’", "'"):
            k += 1
        # a name the recogniser missed, as the subject of the verb after it; after a quoted sentence
        # closed by its stop, only of a speech verb ("Bills were introduced ..." starts a new sentence)
        return (
            k < len(self.doc)
            and self.doc[k].pos_ == "PROPN"
            and self.doc[k].dep_ in SPEAKER_DEPS
            and (self._left_open(span) or self._is_cue(self.doc[k].head))
        )

    def _token_at(self, char: int) -> int:
        """The index of the token holding (or first after) a character offset."""
        if self._token_starts is None:
            self._token_starts = [t.idx for t in self.doc]
        i = bisect_right(self._token_starts, char) - 1
        if i >= 0 and char < self._token_starts[i] + len(self.doc[i].text):
            return i
        return i + 1

    def _name_between(self, start: int, end: int, cue: str) -> dict[str, Any] | None:
        """A name that fills the gap between a closing mark and a speech verb (`,” Bozell answers`)."""
        i = bisect_left(self.ent_start_chars, start)
        if i < len(self.ents):
            e = self.ents[i]
            gap = self.text[e.end_char : end]
            # nothing else between, or an apposition: `,” Brent Bozell III, founder of the centre, tells`
            if (
                e.end_char <= end
                and not self.text[start : e.start_char].strip(" ,")
                and (not gap.strip(" ,") or re.fullmatch(r"\s*,[^,\"“”]{1,80},\s*", gap))
            ):
                name_start, name_end = _trim_possessive(self.text, e.start_char, e.end_char)
                return self._found(name_start, name_end, cue, name_start, name_end)
        # `,”Holt said`: with no space after the mark the tokenizer glues the name to the quote, and
        # no entity starts there; a surname the article gives a person, alone before the verb, is that name
        named = re.fullmatch(r"[\s,]*([A-Z][\w'’-]+)\s*", self.text[start:end])
        if named is not None and fold(named.group(1)) in self.person_surnames:
            return self._found(
                start + named.start(1),
                start + named.end(1),
                cue,
                start + named.start(1),
                start + named.end(1),
            )
        return None

    def _dash_attribution(self, span: QuoteSpan) -> dict[str, Any] | None:
        """`"..."  - Ida Varga.`: a name after a dash that ends the sentence names the speaker."""
        m = re.match(r"[^\S\n]*[—–―-][^\S\n]*", self.text[span.after : span.after + 11])
        own_line = span.open_at == 0 or self.text[span.open_at - 1] == "\n"
        if m is None and own_line:
            # a quote alone on its line, signed on the next: “...”\n\n-Michelle Marks, Philadelphia.
            m = re.match(r"[^\S\n]*\n\s*[—–―-][^\S\n]*", self.text[span.after : span.after + 16])
        if m is None:
            return None
        start = span.after + m.end()
        i = bisect_left(self.ent_start_chars, start)
        if i < len(self.ents) and self.ents[i].start_char == start and self.ents[i].start in self.people:
            e = self.ents[i]
            if self.text[e.end_char : e.end_char + 3].split("\n")[0].strip()[:1] in ("", ".", ","):
                return self._found(e.start_char, e.end_char, "—", e.start_char, e.end_char)
            return None
        # a name the recogniser missed (the tokenizer may glue the dash to it: "-Michelle Marks"),
        # as written: two to four capitalised words, then the end of the line or a comma; one word
        # only when it is the surname of someone the article names ("- Varga.")
        named = re.match(
            r"((?:[A-ZÀ-Þ][\w.'’-]*[^\S\n]+){0,3}[A-ZÀ-Þ][\w'’-]*)[^\S\n]*(?:[,.]|\n|$)",
            self.text[start : start + 60],
        )
        if named is None or any(
            w.lower() in PRONOUNS or w.lower() in TITLE_SMALL_WORDS for w in named.group(1).split()
        ):
            return None
        if len(named.group(1).split()) == 1 and fold(named.group(1)) not in self.person_surnames:
            return None
        return self._found(start, start + named.end(1), "—", start, start + named.end(1))

    def _name_after(self, start: int, end: int, cue: str) -> dict[str, Any] | None:
        """The name (or "el ministro", "she") right after a speech verb that follows the quote."""
        i = bisect_left(self.ent_start_chars, start)  # only the first entity at or after `start` can fit
        if i < len(self.ents) and self.ents[i].start_char < end and self.ents[i].start_char <= start + 7:
            e = self.ents[i]
            name_start, name_end = _trim_possessive(self.text, e.start_char, e.end_char)
            return self._found(name_start, name_end, cue, name_start, name_end)
        m = re.match(r"\s*(?:(el|la|the)\s+)?([\w-]+)", self.text[start:end])
        if m is None:
            return None
        described = re.match(
            r"\s*((?:an?|another|one)\s+(?:[\w'’-]+\s+){0,4}?([\w'’-]+))\s*(?:[,.;]|$)",
            self.text[start : end + 40],
        )
        if described is not None and (
            fold(described.group(2)) in PERSON_NOUNS
            or fold(described.group(2)) in GROUP_NOUNS
            or fold(described.group(2)) in role_heads()
        ):
            # `,” added another New Hampshire Democrat.`: nobody named; the words that describe them are kept
            return _unknown() | {
                "cue": cue,
                "ref_start": start + described.start(1),
                "ref_end": start + described.end(1),
            }
        named = re.match(
            r"\s*((?:[A-Z][\w'’.-]*\s){0,3}[A-Z][\w'’-]*)\s*(?:[,.;]|$)", self.text[start : end + 40]
        )
        if named is not None and not m.group(1) and fold(m.group(2)) not in PRONOUNS:
            # `,” said Skelly, explaining ...`: a capitalised name the recogniser missed, as written
            name_start, name_end = start + named.start(1), start + named.end(1)
            return self._found(name_start, name_end, cue, name_start, name_end)
        word = fold(m.group(2))
        ref_start, ref_end = start + m.start(), start + m.end()
        if word in PRONOUNS or word in ("ella", "el"):
            person = self._last_person(before=ref_start, pronoun=word)
            return self._found(person[0], person[1], cue, ref_start, ref_end) if person else None
        if m.group(1):
            found = self._role_holder(word, ref_start)
            if found is not None:
                return self._found(found[0], found[1], cue, ref_start, ref_end)
            if word in PERSON_NOUNS:
                # `“...?” asked the boy`: nobody named; the words that describe the speaker are kept
                return _unknown() | {"cue": cue, "ref_start": ref_start, "ref_end": ref_end}
        return None

    def _verb_form(self, word: str) -> bool:
        """Past/present forms of a speech verb, without a lemmatiser: "said", "insisted", "dijo", "afirmó"."""
        w = fold(word)
        irregular = {
            "said": "say",
            "says": "say",
            "told": "tell",
            "tells": "tell",
            "wrote": "write",
            "dijo": "decir",
        }
        if w in irregular:
            return True
        for verb in self.verbs:
            stem = verb[:-2] if verb.endswith(("ar", "er", "ir")) else verb.rstrip("e")
            if len(stem) >= 3 and w.startswith(stem) and len(w) - len(stem) <= 3:
                return True
        return False

    def line_attributions(self) -> list[dict[str, Any]]:
        """ "MORAN: Well, look, ...", "Varga: ‘It is not a radical idea’": a line led by a name and
        a colon is that speaker's words (transcripts, headlines). The name must be a recognised
        entity or written in capitals, so "Update: ..." or "Note: ..." name nobody."""
        found: list[dict[str, Any]] = []
        for m in re.finditer(r"(?m)^[ \t]*([^\W\d_][\w.'’ -]{0,40}?):[ \t]+(\S[^\n]*)", self.text):
            name, start, end = m.group(1), m.start(1), m.end(1)
            words = name.split()
            if not 0 < len(words) <= 4 or not all(w[:1].isupper() for w in words):
                continue
            content_start, content_end = m.start(2), m.end(2)
            while content_end > content_start and self.text[content_end - 1].isspace():
                content_end -= 1
            if len(self.text[content_start:content_end].split()) < 3:
                continue
            i = bisect_left(self.ent_start_chars, start)
            ent = self.ents[i] if i < len(self.ents) else None
            if ent is not None and ent.start_char == start and ent.end_char == end:
                name_start, name_end = _trim_possessive(self.text, start, end)
            elif name.isupper() and len(name) > 2:
                name_start, name_end = start, end  # a transcript's speaker: KATE BOULDUAN
            elif self._named_elsewhere(name) or (len(words) == 1 and fold(name) in FINDING_NOUNS):
                # "Varga: Holt needs to ...", "Poll: Brann ahead in the north": a headline led by a
                # name the article gives elsewhere (the parse of a headline often misses it), or by a
                # poll or a report
                name_start, name_end = start, end
            else:
                continue
            item = self._indirect_item(content_start, content_end, said=True)
            item.update(self._found(name_start, name_end, ":", start, end))
            found.append(item)
        return found

    def _named_elsewhere(self, name: str) -> bool:
        """Whether the article names `name` as a person, a group or a place somewhere (its whole name, or
        a person's surname)."""
        if self._entity_names is None:
            self._entity_names = {fold(e.text) for e in self.ents} | self.person_surnames
        return fold(name) in self._entity_names

    # --- reported speech --------------------------------------------------------------------------
    def indirect(self, quoted: Ranges) -> list[dict[str, Any]]:
        """Reported speech, thought and stance: the content a cue governs, on either side of it.

        "X said (that) ...", "..., officials said", "Like ..., Graham said, the jabs were ...",
        "according to X, ...", "voters, who said they ...", "she believes ...", "he opposes the
        deal", "they hope to win", "she worries about the cost", "Brann's claim that ...". The
        speaker is resolved as for quotes; one the text names only as an unresolved pronoun stays
        unknown, and the clause is still reported content. Only speech (`said: true`) is someone's
        words; thought and stance are what the writer says someone holds.
        """
        items: list[dict[str, Any]] = []
        seen: set[tuple[int, int]] = set()
        self.direct_quoted = quoted
        for token in self.doc:
            reported = self._reported(token)
            if reported is None:
                continue
            speaker, cue, said, clauses, shortest = reported
            for words in clauses:
                words = _cut_at_quote(words, quoted)
                words = _cut_at_paragraph(words, token)
                if len(words) < shortest:
                    continue
                start, end = words[0].idx, words[-1].idx + len(words[-1].text)
                if (start, end) in seen:
                    continue  # "wants to say that ...": one content, reported once
                seen.add((start, end))
                item = self._indirect_item(start, end, said)
                found = self._resolve(speaker, cue, token.idx) if speaker is not None else _unknown()
                item.update(found if found["ref_start"] is not None else _unknown() | {"cue": cue})
                items.append(item)
        return items

    def _indirect_item(self, start: int, end: int, said: bool) -> dict[str, Any]:
        return {"start": start, "end": end, "text": self.text[start:end], "kind": "indirect", "said": said}

    def _reported(self, token: Any) -> tuple[Any | None, str, bool, list[list[Any]], int] | None:
        """(speaker, cue, said, content word lists, fewest words) when `token` attributes content."""
        kind = "speech" if self._is_cue(token) else self._report_class(token)
        speech = kind == "speech"
        if kind is not None:
            comps = [
                c
                for c in token.children
                if c.dep_ == "ccomp"
                # "asked if Holt gets race", "wondered whether ...": the question asked
                or (
                    c.dep_ == "advcl"
                    and c.i > token.i  # "If X wins, Y is seeking ...": a condition, not a question asked
                    and any(m.dep_ == "mark" and m.lower_ in ("if", "whether") for m in c.children)
                )
            ]
            after = [c for c in comps if c.i > token.i and not self._not_content_after(token, c)]
            if len(after) < len([c for c in comps if c.i > token.i]):
                comps = [c for c in comps if c.i < token.i or c in after]
            shortest = 3
            passive = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
            agent = next((c for c in token.children if c.dep_ == "agent"), None)
            by = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
            if passive is not None and by is not None and not comps:
                # "the plan was championed by Haugland": the subject is the content, the agent holds it
                if kind == "attitude" and not self._holder(by):
                    return None
                return by, token.text, speech, [list(passive.subtree)], 1
            if passive is not None and agent is None and not after:
                said_of = self._said_of(token, passive)
                if said_of:
                    return None, token.text, False, [said_of], 3
            if after:
                clauses = [self._framed(token, after[0])]  # "said that X and that Y": one content, as written
                if len(after) > 1 and after[-1].right_edge.i > clauses[0][-1].i:
                    # "said they are fine with however the vote plays out": a parse that splits one
                    # clause into two complements of the cue; the content runs on to the last
                    clauses = [list(token.doc[clauses[0][0].i : after[-1].right_edge.i + 1])]
                clauses = [self._misattached(token, after[0], clauses[0])]
            elif comps:  # "..., the Post has learned": the content comes first
                clauses = [list(comps[-1].subtree)]
            elif token.dep_ == "parataxis" and token.head.pos_ in ("VERB", "AUX"):
                # "Like his comments, Mr. Graham said, the jabs were unacceptable": the cue sits inside
                inner = {t.i for t in token.subtree}
                clauses = [[t for t in token.head.subtree if t.i not in inner]]
            elif kind in ("speech", "thought") and self._as_clause(token):
                # "As the Ledger noted, X raised ...", "..., as polls show": the clause it qualifies
                head = token.head
                while head.dep_ == "conj" and head.head is not head:
                    head = head.head
                inner = {t.i for t in token.subtree}
                clauses = [[t for t in head.subtree if t.i not in inner and not t.is_punct]]
                shortest = 4
            else:
                clauses = self._reported_object(token, kind)
                shortest = 3 if kind == "thought" else 1
                if not clauses:
                    clauses = self._relative_object(token)
            if not clauses:
                return None
            speaker = self._subject(token)
            if speaker is None and token.dep_ == "acomp":
                speaker = self._subject(token.head)  # "Oyel's team is wary of ...": the one who is
            if (
                speaker is None
                and token.dep_ == "acl"
                and after
                and token.head.pos_ in ("NOUN", "PROPN")
                and not self._holder(token.head)
            ):
                # "ledgers showing he was paid", "a memo saying that ...": the document (a person there,
                # "emailed supporters saying ...", is more often the parse's slip than the speaker)
                speaker = token.head
            if (
                speaker is None
                and token.dep_ == "acl"
                and token.tag_ == "VBG"
                and not after  # "emailed supporters saying ...": the parse's slip more often than the speaker
                and token.head.pos_ in ("NOUN", "PROPN", "PRON")
                and self._holder(token.head)
            ):
                # "pastors supporting Oyel", "those calling for him to quit", "recent polls showing a
                # tightening": an active participle on a noun for people says what they hold or say
                speaker = token.head
            if speaker is not None and speaker.lower_ in ("it", "there"):
                finding = kind == "thought" and bool(after)  # "it shows that ...": a finding, whose unsaid
                if (
                    (speech or finding)
                    and speaker.lower_ == "it"
                    and speaker.dep_ == "nsubj"
                    and token.tag_ != "VBN"
                ):
                    # "It said it had expanded the teams": an organisation's words, "it" left unresolved
                    return None, token.text, speech, clauses, shortest
                return None  # "it is expected that ...": nobody is named
            asked = any(c.dep_ == "nsubjpass" for c in token.children) and _lemma_in(token, ADDRESSEE_VERBS)
            if speaker is None and speech and (_opening_participle(token) or asked):
                return None, token.text, True, clauses, shortest  # "Asked if ..., X said": the asker unnamed
            if speaker is None and speech and after and token.dep_ == "ROOT" and token.tag_ in ("VBD", "VBZ"):
                # "In a meeting with the board of the Post Brann said that ...": a parse that lost the
                # subject still reports what was said; the speaker stays unknown
                return None, token.text, True, clauses, shortest
            if speaker is None or (kind == "attitude" and not self._holder(speaker)):
                return None  # "the bill supports ...": a stance needs someone to hold it
            return speaker, token.text, speech, clauses, shortest
        if kind is None and token.pos_ in ("VERB", "AUX") and token.lemma_ in ("seem", "appear"):
            return self._appearance(token)
        if kind is None and token.pos_ == "VERB":
            quoting = self._quoting_object(token)
            if quoting is not None:
                return quoting
        if token.lower_ in HEARSAY_ADVERBS and token.dep_ == "advmod" and token.head.pos_ in ("VERB", "AUX"):
            # "The board is reportedly drawing up plans to ...": the clause is someone's report, whose
            # the text does not say
            head = token.head
            joined = {
                t.i
                for c in head.children
                if c.dep_ in ("conj", "cc") and c.i > token.i
                for t in c.subtree
                if c.dep_ == "cc" or any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
            }
            words = [t for t in head.subtree if t.i not in joined]
            while words and words[-1].is_punct:
                words = words[:-1]
            return None, token.text, True, [words], 4
        if token.lower_ == "according" and token.dep_ == "prep":
            speaker = self._according_to(token)
            if speaker is None:
                return None
            left, right = token.left_edge.i, token.right_edge.i
            # the clause it qualifies, with the verbs conjoined to it ("X has surged and has pulled
            # within 4 points, according to ..."); hung on a noun or a garbled parse, the whole sentence
            head = token.head
            while head.dep_ == "conj" and head.head is not head:
                head = head.head
            clause = list(head.subtree) if head.pos_ in ("VERB", "AUX") else list(token.sent)
            before = [t for t in clause if t.i < left]
            after_words = [t for t in clause if t.i > right]
            content = before if len(before) >= len(after_words) else after_words
            doc = token.doc
            aside = (
                left > 0
                and right + 1 < len(doc)
                and doc[left - 1].text == ","
                and doc[right + 1].text == ","
                and sum(t.is_alpha for t in before) >= 2
                and sum(t.is_alpha for t in after_words) >= 2
            )
            if aside:
                # "Now, according to the poll, some are swinging", "X paid 25 percent, according to
                # the CBO, and Y paid 69 percent": set off by commas inside the clause, it qualifies
                # all of it (the content runs over the aside, as the words are written)
                content = clause
            return speaker, "according to", True, [content], 3
        if token.pos_ == "NOUN" and (
            fold(token.lemma_) in SPEECH_NOUNS or fold(token.lemma_) in THOUGHT_NOUNS
        ):
            # "Brann's claim that the port turns a profit", "the view of many that ..."
            that_clause = next(
                (
                    c
                    for c in token.children
                    if c.dep_ in ("acl", "ccomp", "relcl")
                    and c.i > token.i
                    and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
                ),
                None,
            )
            speaker = self._noun_holder(token, agents=that_clause is not None)
            if speaker is None and that_clause is not None and token.dep_ != "attr":
                # "charges that he ...", "growing concerns that ...": someone's words or fears, whose
                # the text does not say ("the view is that ..." states the writer's own view)
                return None, token.text, fold(token.lemma_) in SPEECH_NOUNS, [list(that_clause.subtree)], 4
            if speaker is None:
                return None
            if that_clause is not None:
                return speaker, token.text, fold(token.lemma_) in SPEECH_NOUNS, [list(that_clause.subtree)], 3
            # "his talk of moving ahead", "Brann's criticism of the judge": the object of the noun
            prep = next(
                (c for c in token.children if c.dep_ == "prep" and c.lower_ in NOUN_PREPOSITIONS), None
            )
            objs = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")] if prep is not None else []
            if not objs:
                return None
            return speaker, token.text, fold(token.lemma_) in SPEECH_NOUNS, [list(objs[0].subtree)], 2
        return None

    def _appearance(self, verb: Any) -> tuple[Any, str, bool, list[list[Any]], int] | None:
        """ "Brann seems to be the classic New Yorker", "the race appeared likely to tighten": how a
        thing looks to someone the text does not name. The whole clause is the content (what seems so),
        held by nobody named and nobody's words; "appeared on Fox News" says where, and is none."""
        if _inside(verb.idx, verb.idx + 1, self.quoted) or verb.tag_ in ("VBG", "VBN"):
            return None  # "Appearing calm, she ...": the clause's subject is elsewhere
        comp = next(
            (
                c
                for c in verb.children
                if c.dep_ in ("xcomp", "acomp", "ccomp", "attr", "oprd") and c.i > verb.i
            ),
            None,
        )
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i), None)
        if comp is None or subject is None or subject.lower_ in ("who", "which", "that", "what"):
            return None
        if subject.lower_ in ("it", "there"):
            if comp.dep_ != "ccomp":
                return None
            return None, verb.text, False, [list(comp.subtree)], 4  # "it seems (that) ...": the clause
        # the one it seems of, the verb and what seems so; not the clauses around ("..., telling reporters")
        return None, verb.text, False, [list(verb.doc[subject.left_edge.i : comp.right_edge.i + 1])], 4

    def _quoting_object(self, verb: Any) -> tuple[Any, str, bool, list[list[Any]], int] | None:
        """ "defended his comments as “sarcastic”", "tossed in a “lyin'” Teo Oyel": a verb outside the
        speech lists whose object holds a partial quote is someone using those words; the object is
        what they said, and they are the verb's subject (a person or an organisation)."""
        subject = self._subject(verb)
        if subject is None or not self._holder(subject) or subject.lower_ in ("who", "which", "that"):
            return None
        objects: list[Any] = []
        for child in verb.rights:
            if child.dep_ in ("dobj", "oprd", "attr"):
                objects.append(child)
            elif child.dep_ in ("prep", "dative") and child.lower_ not in (
                "after",
                "before",
                "during",
                "since",
            ):
                if any(g.dep_ in ("pobj", "pcomp") for g in child.children):
                    objects.append(child)
            elif objects:
                break  # the object ends where the clause turns ("..., and", "because ...")
        if not objects:
            return None
        words = list(verb.doc[objects[0].left_edge.i : objects[-1].right_edge.i + 1])
        partial = [
            t
            for t in words
            if _inside(t.idx, t.idx + 1, self.quoted) and not _inside(t.idx, t.idx + 1, self.direct_quoted)
        ]
        outside = [t for t in words if not _inside(t.idx, t.idx + 1, self.quoted) and t.is_alpha]
        if not partial or not outside:
            return None
        return subject, verb.text, True, [words], 2

    @staticmethod
    def _as_clause(cue: Any) -> bool:
        """ "As the Ledger noted, ...", "..., as Smith reported in his book": a cue led by "as" that takes
        nothing of its own; what it reports is the clause it hangs on ("as he spoke, ..." says when)."""
        if cue.dep_ != "advcl" or cue.tag_ == "VBG" or cue.head.pos_ not in ("VERB", "AUX"):
            return False
        if fold(cue.lemma_) in SPEECH_ACTS_WITHOUT_CONTENT:
            return False
        if not any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children):
            return False
        return all(
            c.dep_ in ("nsubj", "mark", "aux", "advmod", "prep", "punct", "npadvmod", "neg")
            for c in cue.children
        ) and any(c.dep_ == "nsubj" for c in cue.children)

    def _misattached(self, cue: Any, clause: Any, words: list[Any]) -> list[Any]:
        """The content with the pieces of it the parse hung on the cue instead: a subject it made the
        cue's object ("bundlers said their networks ... were now composed of women": "networks" the
        object of "said", the clause left with none) and bare verbs it made the cue's ("said funds are
        needed to dredge the channel, repair the quay and ...": "repair" hung on "said")."""
        doc = cue.doc
        start, end = words[0].i, words[-1].i
        has_subject = any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clause.children)
        if not has_subject and _lemma_in(cue, ADDRESSEE_VERBS) is None:
            objects = [c for c in cue.children if c.dep_ == "dobj" and cue.i < c.i < clause.i]
            if objects:
                start = min(start, objects[0].left_edge.i)
        for child in cue.rights:
            if child.i <= end:
                continue
            if (
                child.dep_ == "advcl"
                and child.tag_ == "VB"
                and not any(c.dep_ in ("mark", "nsubj", "nsubjpass", "aux") for c in child.children)
                and doc[child.left_edge.i - 1].text == ","
            ):
                end = child.right_edge.i
            elif not child.is_punct:
                break
        if (start, end) == (words[0].i, words[-1].i):
            return words
        return [t for t in doc[start : end + 1]]

    def _not_content_after(self, cue: Any, clause: Any) -> bool:
        """A clause the parse hangs after a cue that is not what the cue reports: the speaker of an
        inverted attribution ("“...,” said David Brekke, a Holt confidant who heads ..."), or a
        clause set off by a comma that says when or why ("“...,” Stellan said, as a few young
        fighters worked out ...")."""
        doc = cue.doc
        if cue.i == 0 or not self._is_cue(cue):
            return False
        before = doc[cue.i - 1]
        first = doc[clause.left_edge.i]
        inverted = (
            cue.tag_ in ("VBD", "VBZ", "VBP")
            and (before.text == "," or before.is_quote)
            and not any(c.dep_ in ("nsubj", "nsubjpass") and c.i < cue.i for c in cue.children)
        )
        if inverted and first.i == cue.i + 1 and first.pos_ in ("PROPN", "DET", "NOUN", "ADJ"):
            return True  # no "that", no subject of the cue before it: the words after it name the speaker
        return (
            doc[first.i - 1].text == ","
            and first.dep_ == "mark"
            and first.lower_ in ("as", "while", "when", "after", "before", "because", "since", "until")
        )

    def _said_of(self, cue: Any, subject: Any) -> list[Any]:
        """ "The bridge is considered one of the oldest", "Varga was declared the winner", "he was
        accused of plotting murder", "statements were rated as mostly true": a passive cue with no one
        named to hold it says something of its subject; the subject with what is said of it is the
        content, whose holder the text leaves unnamed (the subject is not the speaker). Not the one
        addressed ("he was asked about ...") nor "it" ("it was reported that ...")."""
        if (
            cue.tag_ != "VBN"
            or subject.lower_ in ("it", "there", "who", "which", "that")
            or subject.tag_ in ("WDT", "WP")
            or _lemma_in(cue, ADDRESSEE_VERBS) is not None
            or subject.i > cue.i
            or (cue.dep_ in ("ccomp", "xcomp") and (self._is_cue(cue.head) or self._report_class(cue.head)))
        ):
            return []  # "X said that several had been denied access": inside a report already made
        told = [
            c
            for c in cue.rights
            if c.dep_
            in ("oprd", "attr", "xcomp", "acomp", "dobj")  # "was declared the winner": a second object
            or (c.dep_ == "prep" and c.lower_ in ("as", "of", "for", "with"))
        ]
        if not told:
            return []
        end = max(c.right_edge.i for c in told)
        return list(cue.doc[subject.left_edge.i : end + 1])

    @staticmethod
    def _relative_object(cue: Any) -> list[list[Any]]:
        """ "the plain style he prefers", "a strike it expects to last into spring", "a plan that
        critics called reckless": a cue in a relative clause whose object is the noun it hangs on; the
        noun phrase with the clause is what is held or said (the subject of the clause holds it)."""
        if cue.dep_ != "relcl" or cue.head.pos_ not in ("NOUN", "PROPN") or cue.head.i > cue.i:
            return []
        subject = next((c for c in cue.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.tag_ in ("WDT", "WP") or subject.lower_ == "that":
            return []  # "groups that favored her": the noun is the one who holds it, not what is held
        if any(
            c.dep_ in ("dobj", "ccomp", "attr") and c.tag_ not in ("WDT", "WP") and c.lower_ != "that"
            for c in cue.children
        ):
            return []  # "the day he announced his run": the clause has an object of its own
        if any(c.dep_ == "prep" and not any(g.dep_ == "pobj" for g in c.children) for c in cue.children):
            return [list(cue.doc[cue.head.left_edge.i : cue.right_edge.i + 1])]  # "a home we care about"
        if any(c.dep_ == "prep" for c in cue.children):
            return []  # "the city he spoke in ...": hard to tell; "the rally he spoke at"
        return [list(cue.doc[cue.head.left_edge.i : cue.right_edge.i + 1])]

    def _framed(self, cue: Any, clause: Any) -> list[Any]:
        """The clause a cue reports, with a clause the parse joined to the cue after it: "said it was too
        early to tell, and there was no evidence yet" (not one about someone who acts or speaks: "said
        X, and the crowd cheered", "said X, and Holt replied Y")."""
        words = list(clause.subtree)
        joined = [
            c
            for c in cue.rights
            if c.dep_ == "conj"
            and c.i > clause.right_edge.i
            and c.pos_ in ("VERB", "AUX")
            and any(
                g.dep_ == "expl" or (g.dep_ in ("nsubj", "nsubjpass") and not self._holder(g))
                for g in c.children
            )
            and not any(g.dep_ in ("nsubj", "nsubjpass") and self._holder(g) for g in c.children)
            and self._report_class(c) is None
            and not self._is_cue(c)
            and cue.doc[c.left_edge.i - 1].lower_ in ("and", "but")
        ]
        if joined:
            words += [t for t in cue.doc[words[-1].i + 1 : joined[0].right_edge.i + 1]]
        return words

    def _noun_holder(self, noun: Any, agents: bool = True) -> Any | None:
        """Whose claim or belief a noun is: "Brann's claim", "a statement from the ministry" (`agents`:
        a "by", "from" or "of" phrase may name them; not where "of" takes the content)."""
        # the owner nearest the noun: a parse run across a paragraph break may give it two
        owners = [c for c in noun.children if c.dep_ == "poss"]
        speaker = min(owners, key=lambda c: abs(noun.i - c.i)) if owners else None
        if speaker is None and agents:
            agent = next(
                (c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("by", "from", "of")), None
            )
            speaker = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
        if (
            speaker is None
            and noun.dep_ == "dobj"
            and noun.head.pos_ in ("VERB", "AUX")
            and (
                _lemma_in(noun.head, VOICING_VERBS) is not None
                or self._is_cue(noun.head)
                or self._report_class(noun.head) is not None
            )
        ):
            # "Oyel expressed skepticism that ...", "Brann made no mention of Bellamy": the one who
            # voices it; only someone who can hold a view ("the host faced charges that ..." holds
            # none of them)
            subject = self._subject(noun.head)
            speaker = subject if subject is not None and self._holder(subject) else None
        if speaker is not None and speaker.lower_ in ("its", "it"):
            return None
        return speaker

    def _holder(self, token: Any) -> bool:
        """Whether a subject can hold a view: a person, a group or an institution, not a thing."""
        low = token.lower_
        if low in PERSONAL_PRONOUNS or low in ("who", "i", "we", "they", "he", "she", "you"):
            return True
        ent = self._entity_at(token)
        if ent is not None:
            return ent.label_ in ("PERSON", "ORG", "GPE", "NORP")
        lemma = fold(token.lemma_)
        if token.pos_ == "NUM" or lemma in QUANTITY_NOUNS:
            return True  # "about three-quarters support ...", "6 in 10 white men": a share of people
        return (
            lemma in PERSON_NOUNS
            or lemma in INSTITUTION_NOUNS
            or lemma in GROUP_NOUNS
            or lemma in role_heads()
            or token.pos_ == "PROPN"
        )

    def _reported_object(self, verb: Any, kind: str = "speech") -> list[list[Any]]:
        """ "vowed to repeal the law", "predicted a contested convention": what a cue verb takes when
        no clause follows it. A person it takes is the one addressed ("told CNN"), not the content,
        except for a stance ("supports Holt"). A stance or a thought may also take its content
        through a preposition ("worries about the cost", "called for a ban")."""
        objects: list[list[Any]] = []
        for child in verb.children:
            if child.i < verb.i or _inside(child.idx, child.idx + 1, self.quoted):
                continue
            if child.dep_ == "xcomp" and child.pos_ in ("VERB", "AUX"):
                return [list(child.subtree)]
            if child.dep_ == "dobj" and child.pos_ in ("NOUN", "PROPN", "PRON"):
                words = list(child.subtree)
                addressed = kind == "speech" and _lemma_in(verb, ADDRESSEE_VERBS) is not None
                complement = [
                    c
                    for c in verb.children
                    if c.i > child.i
                    and (
                        c.dep_ in ("oprd", "ccomp", "xcomp")
                        # "calls Horgos “a mistake”": a name and, right after it, what it is called
                        or (
                            c.dep_ == "dobj"
                            and all(t.is_quote for t in verb.doc[child.right_edge.i + 1 : c.left_edge.i])
                        )
                        or (c.dep_ == "prep" and c.lower_ == "as")
                        or (c.dep_ == "prep" and c.lower_ in ("of", "for", "with") and not addressed)
                    )
                ]
                # "calls Horgos a mistake", "described the country as ...", "accused the agency of
                # hiding ...", "polls show Holt with a lead": the object and what is said of it
                if complement:
                    return [list(verb.doc[child.left_edge.i : complement[-1].right_edge.i + 1])]
                if child.pos_ != "PRON" and (
                    kind == "attitude" or (kind == "speech" and _lemma_in(verb, ADDRESSEE_VERBS) is None)
                ):
                    return [words]  # "opposes the deal", "denounced the United Nations", "endorsed Oyel"
                if (
                    child.pos_ != "PRON"
                    and len(words) >= 4
                    and (
                        child.ent_type_ not in NAMED
                        or (
                            kind == "thought"
                            and any(c.dep_ in ("acl", "relcl", "amod") for c in child.children)
                        )
                    )
                ):
                    # "polls show Varga leading Holt nationally": a name with what is said of it
                    return [words]
            preps = self.content_preps.get(
                _lemma_in(verb, self.content_preps) or ""
            ) or CONTENT_PREPOSITIONS.get(kind, ())
            if child.dep_ == "prep" and child.lower_ in preps:
                objs = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
                if objs and objs[0].pos_ == "PRON" and objs[0].n_lefts + objs[0].n_rights == 0:
                    continue  # "asked about it": the words it stands for are elsewhere
                if objs and objs[0].ent_type_ not in ("DATE", "TIME", "CARDINAL"):
                    objects.append(list(objs[0].subtree))
        return objects[:1]

    def _report_class(self, token: Any) -> str | None:
        """ "polls show", "she believes" (thought), "he opposes" (attitude): a verb that reports
        content, though it quotes nobody; None for any other word."""
        if (
            token.pos_ == "ADJ"
            and token.dep_ == "acomp"
            and not _inside(token.idx, token.idx + 1, self.quoted)
        ):
            return self.report_verbs.get(fold(token.lemma_))  # "proud of", "wary of", "willing to"
        if token.pos_ not in ("VERB", "AUX") or _inside(token.idx, token.idx + len(token.text), self.quoted):
            return None
        lemma = _lemma_in(token, self.report_verbs)
        if lemma is not None:
            return self.report_verbs[lemma]
        # any other verb with a "that" clause, said of someone: "Brann made clear that ...", "they
        # are confident that ..." (a thing's "this means that ..." reports nobody's words)
        that_clause = any(
            c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
            for c in [*token.children, *(g for c in token.children if c.dep_ == "acomp" for g in c.children)]
        )
        subject = self._subject(token) if that_clause else None
        if subject is not None and (
            subject.lower_ in PERSONAL_PRONOUNS or self._entity_at(subject) is not None
        ):
            return "thought"
        return None


ABSTRACT_ENDINGS = (
    "tion",
    "sion",
    "ment",
    "ness",
    "ity",
    "ship",
    "ance",
    "ence",
    "ism",
    "hood",
    "dom",
    "ing",
)
ABSTRACT_NOUNS = frozenset(
    {"talk", "tie", "visit", "event", "fact", "dimension", "aspect", "issue", "matter"}
)


def _spoken_of(name: Any) -> bool:
    """A name the parse makes someone spoken of or to, not a speaker: "added about Corrin", "told
    Holt", "to Holt's lack of ...". Not a share of people ("the share of Republicans saying")
    nor the owner of words ("Barrett's dictum was")."""
    if name.dep_ == "poss":
        return name.head.dep_ in ("pobj", "dobj")
    if name.dep_ == "nsubjpass":
        return _lemma_in(name.head, ADDRESSEE_VERBS) is not None  # "Varga was asked": the one asked
    if name.dep_ == "pobj" and name.head.lower_ == "of":
        owner = name.head.head
        return not (fold(owner.lemma_) in QUANTITY_NOUNS or fold(owner.lemma_) in GROUP_NOUNS)
    if name.dep_ == "pobj":
        # the one a speech verb is about or addressed to ("added about Corrin", "said to Holt"),
        # not any name after a preposition (a garbled "with that Brann broke off" still names him)
        prep = name.head
        return prep.lower_ in TOPIC_PREPOSITIONS or _lemma_in(prep.head, speech_verbs()) is not None
    return name.dep_ in NOT_SPEAKER_DEPS


def _abstract_noun(lemma: str) -> bool:
    """A noun that names no one who could say or think something: "relations", "talks", "meetings"."""
    return lemma in ABSTRACT_NOUNS or (len(lemma) > 5 and lemma.endswith(ABSTRACT_ENDINGS))


def _lemma_in(token: Any, known: Any) -> str | None:
    """The token's lemma if `known` holds it; else a lemma read off its ending, for the forms the
    tagger's lemmatiser gets wrong ("hoping" -> "hop"): "hoping", "hoped" -> "hope"."""
    lemma = fold(token.lemma_)
    if lemma in known:
        return lemma
    word = token.lower_
    guesses: tuple[str, ...] = ()
    if word.endswith("ing") and len(word) > 5:
        guesses = (word[:-3] + "e", word[:-3])
    elif (word.endswith("ed") and len(word) > 4) or (word.endswith("s") and len(word) > 3):
        guesses = (word[:-1], word[:-2])  # "hoped" -> "hope", "opposed" -> "oppose"; "wants" -> "want"
    return next((g for g in guesses if g in known), None)


def _noun_modifier(token: Any) -> bool:
    """A common noun the parse hangs on another as its modifier ("state" in "state voter-roll
    data"): no verb, whatever its form. A proper-noun reading is a garbled parse of another language
    ("calificó" read as a name), so it may still be the verb."""
    return token.dep_ == "compound" and token.pos_ == "NOUN"


def _title_word(token: Any) -> bool:
    """A word a title before a name is made of: "radio", "co-host", "Velmar", "chief" (no verb, no
    clause mark, no determiner)."""
    return token.text == "-" or (
        token.pos_ in ("PROPN", "NOUN", "ADJ")
        and token.tag_ != "NNS"
        and token.text.replace("-", "").isalpha()
    )


def _abbreviation(word: str) -> bool:
    """An initial ("J") or a title written short before a name ("Rep", "Sen", "Gov", "Dr")."""
    return len(word) == 1 or word.lower() in NAME_ABBREVIATIONS or is_title_word(word)


def _as_one_puts_it(verb: Any) -> bool:
    """ "as The New Yorker put it", "as one aide phrased it": a clause that says whose words follow."""
    children = list(verb.children)
    return (
        any(c.dep_ == "mark" and c.lower_ == "as" for c in children)
        and any(c.dep_ == "dobj" and c.lower_ == "it" for c in children)
        and any(c.dep_ == "nsubj" for c in children)
    )


def _opening_participle(verb: Any) -> bool:
    """ "Asked if ..., Brann said": a participle opening the sentence, whose asker the text leaves unnamed."""
    if verb.dep_ != "advcl" or verb.tag_ not in ("VBN", "VBD"):
        return False
    first = verb.sent.start
    # "When asked about the merger, she ...": a subordinator may come first
    return verb.i == first or (
        verb.i == first + 1 and verb.doc[first].lower_ in ("when", "if", "once", "after")
    )


def _cut_at_quote(words: list[Any], quoted: Ranges) -> list[Any]:
    """Trim marks and "that"; a clause that runs into a direct quote stops where the quote starts."""
    while words and (words[0].is_punct or (words[0].lower_ == "that" and words[0].dep_ == "mark")):
        words = words[1:]
    inside = [i for i, t in enumerate(words) if _inside(t.idx, t.idx + 1, quoted)]
    if inside and len(inside) * 2 > len(words):
        first = inside[0]
        words = words[:first]
        while words and (
            words[-1].dep_ in ("cc", "aux", "mark", "prep") or words[-1].is_punct or words[-1].pos_ == "AUX"
        ):
            words = words[:-1]
        if len(words) < 4:
            return []
    while words and words[-1].is_punct and words[-1].text not in ("”", '"'):
        words = words[:-1]
    return words


def _cut_at_paragraph(words: list[Any], cue: Any) -> list[Any]:
    """Reported content stays in its cue's paragraph: a parse that runs a clause on over a line break
    ("...said he was fine.\n\nThe next day ...") takes in words that are nobody's report. The piece
    kept is the one beside the cue (after it, before it, or around it)."""
    pieces: list[list[Any]] = [[]]
    for t in words:
        if "\n" in t.text:
            pieces.append([])
            continue
        pieces[-1].append(t)
        if "\n" in t.whitespace_:
            pieces.append([])
    pieces = [p for p in pieces if p]
    if len(pieces) <= 1:
        return pieces[0] if pieces else []
    if cue.i < pieces[0][0].i:
        return pieces[0]
    if cue.i > pieces[-1][-1].i:
        return pieces[-1]
    return min(pieces, key=lambda p: min(abs(p[0].i - cue.i), abs(p[-1].i - cue.i)))


class _Named:
    """Mentions of one kind in text order, with what the speaker rules ask of each, computed once."""

    def __init__(self, text: str, ents: list[Any]) -> None:
        self.ents = ents
        self.ends = [e.end_char for e in ents]
        self.spans = [_trim_possessive(text, e.start_char, e.end_char) for e in ents]
        self.surnames = [_last_word(text[s:e]) for s, e in self.spans]
        self.by_word: dict[str, list[int]] = {}  # folded word -> indices of the mentions holding it
        for k, e in enumerate(ents):
            for word in set(fold(e.text).split()):
                self.by_word.setdefault(word, []).append(k)

    def cut(self, before: int) -> int:
        """How many of the mentions end at or before `before`."""
        return bisect_right(self.ends, before)


def _ends(label: str) -> set[str]:
    """The words a role label answers to: its first and last ("interior minister": interior, minister)."""
    words = _role_words(label)
    return {words[0], words[-1]} if words else set()


def _last_word(name: str) -> str:
    """The folded surname of a name; "" when nothing is left of it (spaCy may tag a bare "’s" PERSON)."""
    words = fold(name).split()
    return words[-1] if words else ""


def _role_words(label: str) -> list[str]:
    return re.split(r" (?:of|del|de) ", label)[0].split()


def _noun_phrase(token: Any) -> list[Any]:
    """The token with its determiners, compounds and adjectives: "Aldermark's foreign ministry"."""
    left = [t for t in token.lefts if t.dep_ in ("det", "compound", "amod", "poss", "case", "nmod")]
    words = [t for t in token.doc[min([token.i] + [t.left_edge.i for t in left]) : token.i + 1]]
    return words or [token]


def _trim_possessive(text: str, start: int, end: int) -> tuple[int, int]:
    piece = text[start:end]
    for suffix in ("'s", "’s", "'", "’"):
        if piece.endswith(suffix):
            return start, end - len(suffix)
    if piece.lower().startswith("the "):
        return start + 4, end
    return start, end
