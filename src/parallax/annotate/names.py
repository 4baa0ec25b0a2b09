"""Names, titles and roles: the text rules shared by the quote stage and entity merging.

Names are compared after folding (accents, case, curly apostrophes), so "Díaz-Canel" and
"Diaz-Canel" are one key. Titles and honorifics come from `parallax/data/titles.tsv` and speech
verbs from `parallax/data/speech_verbs.tsv`: plain files a user can extend without code.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parents[1] / "data"

# Letters NFKD does not decompose into a base letter plus a mark.
_FOLD_EXTRA = str.maketrans(
    {"ß": "ss", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "æ": "ae", "Æ": "AE",
     "œ": "oe", "Œ": "OE", "ı": "i", "’": "'", "‘": "'", "ʼ": "'"}
)  # fmt: skip

FORMER_MARKERS = {
    "former",
    "ex",
    "ex-",
    "then",
    "outgoing",
    "retired",
    "erstwhile",
    "previous",
    "expresidente",
}
MODIFIERS = {
    "former",
    "ex",
    "ex-",
    "then",
    "acting",
    "deputy",
    "vice",
    "outgoing",
    "interim",
    "current",
    "new",
}
PRONOUNS = {"he", "she", "him", "her"}
DETERMINERS = {"the", "a", "an", "its", "his", "her", "their", "our", "el", "la", "los", "las"}


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower-case, accent-free form of a name: the key that joins spellings (names recur, so cached)."""
    text = unicodedata.normalize("NFKD", text.translate(_FOLD_EXTRA))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def _read_tsv(name: str) -> list[list[str]]:
    rows = []
    for line in (DATA_DIR / name).read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append([cell.strip() for cell in line.split("\t")])
    return rows


@lru_cache(maxsize=1)
def speech_verbs() -> frozenset[str]:
    """Lemmas of verbs that introduce speech (said, stressed, denounced, ...)."""
    return frozenset(fold(row[0]) for row in _read_tsv("speech_verbs.tsv"))


@lru_cache(maxsize=1)
def titles() -> dict[str, str]:
    """Folded title or honorific (possibly several words) -> kind ("honorific" or "role")."""
    return {fold(row[0]): (row[1] if len(row) > 1 else "role") for row in _read_tsv("titles.tsv")}


def compact(text: str) -> str:
    """The lookup form of a name: folded, without full stops or spaces ("U.S." = "US", "EE. UU." = "EEUU")."""
    return re.sub(r"[.\s]+", "", fold(text))


# Locales whose country names join one country's mentions across languages ("Estados Unidos" = "United States").
COUNTRY_NAME_LOCALES = ("en", "es", "fr", "de", "it", "pt", "nl", "ca", "eu")


@lru_cache(maxsize=1)
def _name_forms() -> tuple[dict[str, str], frozenset[str]]:
    aliases: dict[str, str] = {}
    try:  # Babel ships the CLDR's country names in every language (a dependency of trafilatura's courlan)
        from babel import Locale

        for locale in COUNTRY_NAME_LOCALES:
            for code, country in Locale(locale).territories.items():
                if code.isalpha():
                    aliases.setdefault(compact(country), f"country:{code}")
    except Exception:  # without Babel only the listed forms join
        pass
    suffixes = set()
    rows = _read_tsv("name_forms.tsv")
    for row in rows:
        if len(row) >= 2 and row[1] == "suffix":
            suffixes.add(compact(row[0]))
    for row in rows:
        if len(row) >= 3 and row[1] == "alias":
            target = compact(row[2])
            aliases[compact(row[0])] = aliases.setdefault(target, target)
    return aliases, frozenset(suffixes)


def same_thing_key(tokens: list[str]) -> str | None:
    """One key for other forms of a place's or organisation's name (`name_tokens` as input):
    "U.S." / "United States" / "America" / "Estados Unidos", "Ford Motor Co." / "Ford Motor Company";
    None when the name has no other form listed."""
    aliases, suffixes = _name_forms()
    key = aliases.get(compact("".join(tokens)))
    if key is not None:
        return key
    core = list(tokens)
    while len(core) > 1 and compact(core[-1]) in suffixes:
        core.pop()
    if len(core) == len(tokens):
        return None
    return aliases.get(compact("".join(core)), " ".join(core))


def as_written(phrase: str, text: str) -> str:
    """`phrase` cased as `text` writes it: "former us president" -> "former US President" when the
    text says "former US President Donald Trump". Phrases matched on folded text lose their capitals
    (and acronyms); shown to a reader they must keep them. Unchanged when the text lacks the phrase."""
    words = phrase.split()
    if not words:
        return phrase
    pattern = r"(?<!\w)" + r"\s+".join(re.escape(w) for w in words) + r"(?!\w)"
    found = re.search(pattern, fold(text)) if len(fold(text)) == len(text) else None
    if found is None:  # folding changed the length ("ß" -> "ss"): look word by word
        by_fold = {fold(w): w for w in re.findall(r"[\w'’.-]+", text)}
        return " ".join(by_fold.get(fold(w), w) for w in words)
    return text[found.start() : found.end()]


def lower_first(sentence: str, names: set[str]) -> str:
    """A sentence's first letter in lower case, to follow "According to X, " — unless the first word
    is a name or an acronym ("Donald Trump said", "US officials"). `names`: folded first words of
    the names the article mentions."""
    first = re.match(r"[\w'’.-]+", sentence)
    if first is None:
        return sentence
    word = first.group()
    bare = re.sub(r"['’]s$", "", word)
    if bare == "I" or any(c.isupper() for c in bare[1:]) or fold(bare) in names:
        return sentence
    return sentence[:1].lower() + sentence[1:]


@lru_cache(maxsize=1)
def role_heads() -> frozenset[str]:
    """The last word of every role title: the word that makes a phrase a role."""
    return frozenset(t.split()[-1] for t, kind in titles().items() if kind == "role")


def _bare(word: str) -> str:
    return fold(word).strip(".,;:")


def is_title_word(word: str) -> bool:
    return _bare(word) in titles()


def strip_titles(name: str) -> tuple[str, str]:
    """Split leading titles off a name: "Interior Minister Teodor Lazic" -> ("Teodor Lazic", "Interior Minister")."""
    words = name.split()
    cut = 0
    for i in range(len(words) - 1):  # at least one word must remain as the name
        word = words[i]
        bare = _bare(word)
        two = _bare(" ".join(words[max(0, i - 1) : i + 1]))
        if bare in titles() or two in titles():
            cut = i + 1
        elif bare in MODIFIERS or (
            word[:1].isupper() and cut == i and i + 1 < len(words) and _later_title(words, i)
        ):
            continue
        else:
            break
    return " ".join(words[cut:]), " ".join(words[:cut])


def _later_title(words: list[str], i: int) -> bool:
    """A capitalised word before a title ("Interior" in "Interior Minister") belongs to the title."""
    return any(_bare(w) in titles() for w in words[i + 1 : -1])


GENERATIONS = {"jr", "sr", "ii", "iii", "iv"}  # "Arcade Joseph Comeaux Jr." is Comeaux, not "Jr"


def name_tokens(name: str) -> list[str]:
    """Folded name words without honorifics, initials' dots, possessive endings or a generation ("Jr.")."""
    name = re.sub(r"['’]s$|['’]$", "", name.strip())
    name = strip_titles(name)[0]
    tokens = [t for t in (fold(w).strip(".,") for w in name.split()) if t]
    if len(tokens) >= 2 and tokens[-1] in GENERATIONS:
        tokens.pop()
    return tokens


@dataclass
class Role:
    role: str
    status: str | None  # "former" or "current"
    start: int  # evidence span: the role phrase and the name together
    end: int


_WORD = re.compile(r"[\w][\w.'’-]*", re.UNICODE)
_CLAUSE_ROLE = re.compile(
    r"^,\s+(?:\d+,\s+)?who\s+(chairs|heads|leads|runs|directs|coaches|manages|represents)\s+((?:the\s+)?[A-Z][^,.;()]{2,60}?)(?=\s*[,.;(]|\s+and\b)"
)
_VERB_ROLE = {"chairs": "chairman", "heads": "head", "leads": "leader", "runs": "head", "directs": "director",
              "coaches": "coach", "manages": "manager", "represents": "lawyer"}  # fmt: skip


def _status(phrase: str) -> str:
    words = {_bare(w) for w in re.split(r"[\s-]+", phrase)} | {
        _bare(w.split("-")[0]) + "-" for w in phrase.split()
    }
    return "former" if words & FORMER_MARKERS else "current"


def _has_role_word(phrase: str) -> bool:
    folded = fold(phrase)
    return any(_bare(w) in role_heads() for w in phrase.split()) or any(
        " " in t and t in folded for t, k in titles().items() if k == "role"
    )


def _apposition_is_role(phrase: str) -> bool:
    """ "a former labour minister" is a role; "met the former president X" is a clause, not a role."""
    words = phrase.split()
    head = next((i for i, w in enumerate(words) if _bare(w) in role_heads()), None)
    if head is None or head > 3:
        return False
    return not any(_bare(w) in DETERMINERS for w in words[1:head])


def roles_near(text: str, start: int, end: int) -> list[Role]:
    """Roles the text gives the name at text[start:end]: a title before it, or an apposition."""
    found: list[Role] = []
    base = max(text.rfind("\n", max(0, start - 80), start) + 1, start - 80)  # the line, 80 chars at most
    before = text[base:start]
    # 1. "Interior Minister Teodor Lazic", "former president Raul Castro"
    words = [(m.group(), m.start()) for m in _WORD.finditer(before)]
    if words and before.endswith(" ") and not before.rstrip().endswith((",", ".", ":", ";")):
        k = len(words)
        titled = False
        while k > 0:
            word = words[k - 1][0]
            bare = _bare(word)
            gap_end = words[k][1] if k < len(words) else len(before)
            if before[words[k - 1][1] + len(word) : gap_end].strip():
                break  # "LUNEVIK — Water minister": a dash or comma ends the title
            if bare in role_heads() and not (titled and word[:1].islower() and bare not in MODIFIERS):
                titled = True
            elif (
                not titled
                or bare in DETERMINERS
                or word.endswith(("'s", "’s"))
                or not (word[:1].isupper() or bare in MODIFIERS)
            ):
                break
            k -= 1
        if titled:
            phrase = text[base + words[k][1] : start].strip().rstrip(".")
            if phrase:
                found.append(Role(phrase, _status(phrase), base + words[k][1], end))
    after = text[end : end + 160]
    # 2. "Radomír Brezník, chairman of the union," / "Irena Kalman, a former labour minister who ..."
    m = re.match(
        r"^,\s+(?:(?:a|an|the|its|his|her|their)\s+)?([^,.;:()\n\"“”]{2,90}?)(?=,|\.\s|\.$|;|\s*\(|\s+who\b|\s+whose\b|\s+since\b|\s+in\s+\d|\n|$)",
        after,
    )
    if m and _apposition_is_role(m.group(1)):
        phrase = m.group(1).strip()
        found.append(Role(phrase, _status(phrase), start, end + m.end(1)))
    m = _CLAUSE_ROLE.match(after)
    if m:
        obj = re.sub(r"^the\s+", "", m.group(2).strip())
        found.append(Role(f"{_VERB_ROLE[m.group(1)]} of the {obj}", "current", start, end + m.end(2)))
    # 3. "Breznik's lawyer, Oskar Venn" / "its deputy chair, Jelena Sabo"
    if before.endswith(", "):
        head = before[:-2]  # offsets in `head` are offsets in `before`
        words = [(w.group(), w.start()) for w in _WORD.finditer(head)]
        k = len(words)
        while k > 0 and len(words) - k < 6:
            word = words[k - 1][0]
            prev = words[k - 2][0] if k >= 2 else ""
            if word.endswith(("'s", "’s")) or (_bare(word) in DETERMINERS and _bare(prev) != "of"):
                break
            if _bare(word) in {"said", "says", "and", "or", "but", "with", "by", "to"}:
                break
            k -= 1
        if k < len(words) and words[-1][1] + len(words[-1][0]) == len(head):
            phrase = head[words[k][1] :].strip()
            if _has_role_word(phrase) and _bare(phrase.split()[-1]) in role_heads() | {
                "interior",
                "justice",
                "state",
            }:
                first = base + words[k][1]
                found.append(Role(phrase, _status(phrase), first, end))
    return found
