"""Denials of a whole story: 'the story is false', 'officials denied the reports', 'it is a hoax'.

Most sources that dispute a story do not restate what they dispute in the same sentence: they
call "the story", "the reports" or "the photo" false. `find_general_denial` marks such a
sentence (a `general` denial cue, no scope); here it is linked to the claim the story states,
read from the story's own claim groups:

1. the claim the denying article itself states before it (its lead, when the denial follows
   within `LEAD_REACH` characters, or the sentence before the denial; a negated one counts:
   'Saudia has no plans to X ... the source said the story was fabricated'), when other sources
   state it too (a lead in words of its own, which no claim group joins: the other sources'
   claims worded close to it);
2. failing that, an earlier claim of the article that shares a name with the denial sentence
   (a story it quoted before disputing it), when other sources state it too;
3. failing that, the story's most widely stated claim that the denial sentence is close to
   and shares a name with ('the Ferguson protester ... was a false story').

A denial whose scope only points back at the story ('denied that it had issued such a law', 'denied
the attack took place') is linked the same way when no rule matched it to a report; a scoped denial no rule matched whose
sentence is close to its article's lead disputes that lead in other words (`restated_claim`). The reporting side is every other source
that states that claim and denies nothing: a source that itself calls something false is not
counted as reporting it. Both sides keep their own evidence sentence, and the finding's signal
names the claim the denial was linked to.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from parallax.annotate.claims import fold
from parallax.compare.triangulate import (
    DENIED_SIDE,
    REPORT_MIN_CONFIDENCE,
    ClaimRef,
    Finding,
    Similarities,
    happened_event,
    happening_words,
    scope_words,
    sentence_span,
    states_a_negative,
    word_stem,
)

LEAD_SENTENCES = 2  # an article's opening sentences state the story it then disputes
# ... when the dispute follows within about the first thousand words: a denial deep in a long
# article ('the saturated fat myth was never proven', 14,000 characters on) is of what the article
# discusses there, not of the story its opening sets out.
LEAD_REACH = 6000
STORY_MIN_SIMILARITY = 0.4  # a denial linked to the story's main claim without restating it
STORY_MIN_OUTLETS = 2  # ... which at least this many other outlets state
CONFIDENCE = 0.7
WEAK_CONFIDENCE = 0.6  # 'the reports are unconfirmed' doubts rather than refutes
LEAD_MIN_SIMILARITY = 0.6  # another source's claim this close to a denying article's lead states it too
RESTATED_MIN_SIMILARITY = 0.5  # a scoped denial this close to its article's lead disputes that lead


ANAPHORA = re.compile(r"\b(this|such)\b|\b(do|does|did|doing|done) so\b")
PRONOUN_IT = re.compile(r"\bit\b")
# ... 'it' points back only in a scope of few words ('denied it', 'denied that it happened'); a
# clause with content of its own ('denies that it is working for the rebels to unsettle them') is a
# denial of that content, with 'it' its subject.
IT_MAX_WORDS = 2
COMPLEMENTISER = re.compile(r"^\W*(that|whether|if)\b")


def is_general_denial(ref: ClaimRef) -> bool:
    """A denial of the story as a whole: no scope ('the story is false'), or a scope that only points
    back at it ('denied that it had issued such a law', 'denied doing so')."""
    cue = ref.claim.get("denial")
    if not cue:
        return False
    if cue.get("general"):
        return True
    start, end = cue.get("scope_start"), cue.get("scope_end")
    scope = ref.article.text[start:end] if start is not None and end is not None else ""
    scope = COMPLEMENTISER.sub("", fold(scope))  # "that they had used rubber bullets" points nowhere
    if ANAPHORA.search(scope) or _bare_event(ref.claim, scope):
        return True
    return bool(PRONOUN_IT.search(scope)) and len(scope_words(scope)) <= IT_MAX_WORDS


def _bare_event(claim: dict[str, Any], scope: str) -> bool:
    """'denied the attack occurred': a scope that only says an event took place, the event named by a
    bare noun, points back at the story's event as 'it' does."""
    event = happened_event(claim)
    return bool(event) and scope_words(scope) - happening_words() <= {word_stem(event)[:5]}


def story_denials(
    refs: Sequence[ClaimRef],
    groups: Sequence[Sequence[int]],
    sims: Similarities,
    found: Sequence[Finding] = (),
) -> list[Finding]:
    """One finding per (general denial, source that reports the claim it is linked to); a denial that
    a rule already set against a report (`found`) is not linked again."""
    matched = {r.index for f in found if f.kind == "denial" for r in f.refs}
    unmatched = [r for r in refs if r.denied and not r.is_copy and r.index not in matched]
    if not unmatched:
        return []
    group_of = {i: list(members) for members in groups for i in members}
    denying = {r.article.id for r in refs if r.denied}
    by_article: dict[str, list[ClaimRef]] = defaultdict(list)
    for ref in refs:
        by_article[ref.article.id].append(ref)
    findings: list[Finding] = []
    for denial in unmatched:
        own = by_article[denial.article.id]
        if is_general_denial(denial):
            linked = denied_claim(denial, own, refs, groups, group_of, denying, sims)
        else:
            linked = restated_claim(denial, own, refs, group_of, denying, sims)
        if linked is None:
            continue
        claim, reporters, how = linked
        cue = denial.claim["denial"]
        target = cue.get("target") or _scope_text(denial)
        confidence = WEAK_CONFIDENCE if cue.get("weak") else CONFIDENCE
        for report in reporters:
            score = confidence - (0.1 if report.claim.get("hedged") else 0)
            if score < REPORT_MIN_CONFIDENCE:
                continue
            findings.append(
                Finding(
                    "denial",
                    f"whether {str(claim.claim['text']).strip()}",
                    f"denial:story:{min(group_of.get(claim.index, [claim.index]))}",
                    f"one source calls the story false ('{cue['text']}' of '{target}'), "
                    f"{how}: '{claim.claim['text']}'; another reports it",
                    round(score, 2),
                    (f"{DENIED_SIDE}{cue['text']})", str(report.claim["text"])),
                    (denial, report),
                    (sentence_span(denial), (report.start, report.end)),
                )
            )
    return findings


def denied_claim(
    denial: ClaimRef,
    own: Sequence[ClaimRef],
    refs: Sequence[ClaimRef],
    groups: Sequence[Sequence[int]],
    group_of: dict[int, list[int]],
    denying: set[str],
    sims: Similarities,
) -> tuple[ClaimRef, list[ClaimRef], str] | None:
    """The claim a general denial disputes, the other sources that report it, and how it was found."""
    sentence = sentence_span(denial)
    starts = sorted({sentence_span(r)[0] for r in own})
    lead = (
        set(starts[:LEAD_SENTENCES]) if denial.start - (starts[0] if starts else 0) <= LEAD_REACH else set()
    )
    before = [s for s in starts if s < sentence[0]]
    near = lead | set(before[-1:]) | {sentence[0]}

    def reported(candidate: ClaimRef) -> list[ClaimRef]:
        reporters = _reporters(denial, group_of.get(candidate.index, []), refs, denying)
        if not reporters and sentence_span(candidate)[0] in lead:
            reporters = _close_reporters(denial, candidate, refs, denying, sims)
        return reporters

    best = _widest_then_nearest(
        denial,
        (
            (candidate, reported(candidate))
            for candidate in own
            # only what the article reports before calling it false; a negated claim may stand
            # ('Saudia has no plans to X. The story was fabricated.')
            if (candidate.start < denial.start or sentence_span(candidate)[0] == sentence[0])
            and candidate is not denial
            and not candidate.denied
            and sentence_span(candidate)[0] in near
        ),
    )
    if best is None and lead:
        best = _named_earlier(denial, own, refs, group_of, denying)
    if best is not None:
        linked: tuple[ClaimRef, list[ClaimRef], str] | None = (
            best[2],
            best[3],
            "the story it reports itself",
        )
    else:
        linked = _story_claim(denial, refs, groups, denying, sims)
    if linked is None or not _about(denial, linked[0], linked[1]):
        return None
    if _reaffirmed(denial, own, group_of.get(linked[0].index, [])):
        return None
    return linked


def _named_earlier(
    denial: ClaimRef,
    own: Sequence[ClaimRef],
    refs: Sequence[ClaimRef],
    group_of: dict[int, list[int]],
    denying: set[str],
) -> tuple[int, int, ClaimRef, list[ClaimRef]] | None:
    """The article's own earlier account of what its denial names, when neither its lead nor the
    sentence before states it: an article that quotes the story it then disputes ('Here is how the
    Post's story began: ... X. The first report says nothing about X'). The claim, before the denial,
    shares a name with the denial sentence (not its speaker's) and other sources state it; the most
    widely stated wins, then the nearest."""
    named = denial.names - _name_words(str(denial.claim.get("attributed_to") or ""))
    return _widest_then_nearest(
        denial,
        (
            (candidate, _reporters(denial, group_of.get(candidate.index, []), refs, denying))
            for candidate in own
            if candidate.start < denial.start and not candidate.denied and candidate.names & named
        ),
    )


def _widest_then_nearest(
    denial: ClaimRef, candidates: Iterable[tuple[ClaimRef, list[ClaimRef]]]
) -> tuple[int, int, ClaimRef, list[ClaimRef]] | None:
    """Of an article's claims with the other sources that report them, the one the most outlets
    report, then the one nearest the denial; none that no other outlet reports."""
    best: tuple[int, int, ClaimRef, list[ClaimRef]] | None = None
    for candidate, reporters in candidates:
        key = (len({r.outlet for r in reporters}), -abs(candidate.start - denial.start))
        if key[0] and (best is None or key > best[:2]):
            best = (*key, candidate, reporters)
    return best


def restated_claim(
    denial: ClaimRef,
    own: Sequence[ClaimRef],
    refs: Sequence[ClaimRef],
    group_of: dict[int, list[int]],
    denying: set[str],
    sims: Similarities,
) -> tuple[ClaimRef, list[ClaimRef], str] | None:
    """The lead claim a scoped denial restates in other words, and the other sources that report it.

    'The religious police denied that it had issued a law against tempting eyes' disputes the story
    its article's lead sets out ('Saudi Arabia has banned tempting eyes') with another predicate
    than the lead's, so no rule matches it to a report. A denial whose sentence is close to its own
    article's lead (`RESTATED_MIN_SIMILARITY`), within `LEAD_REACH`, is linked to that lead as a
    whole-story denial is; a denial of a side fact ('denied that the mill had cut wages') is far
    from the lead and stays unlinked."""
    starts = sorted({sentence_span(r)[0] for r in own})
    if not starts or denial.start - starts[0] > LEAD_REACH:
        return None
    sentence = sentence_span(denial)[0]
    lead = {s for s in starts[:LEAD_SENTENCES] if s < sentence}
    best: tuple[float, ClaimRef, list[ClaimRef]] | None = None
    for candidate in own:
        if candidate.denied or sentence_span(candidate)[0] not in lead:
            continue
        close = sims.mean([denial.index], [candidate.index])
        if close < RESTATED_MIN_SIMILARITY or (best is not None and close <= best[0]):
            continue
        reporters = _reporters(denial, group_of.get(candidate.index, []), refs, denying)
        reporters = reporters or _close_reporters(denial, candidate, refs, denying, sims)
        if reporters:
            best = (close, candidate, reporters)
    if best is None or not _about(denial, best[1], best[2]):
        return None
    if _reaffirmed(denial, own, group_of.get(best[1].index, [])):
        return None
    return best[1], best[2], "the story it reports itself, restated in the denial"


def _scope_text(denial: ClaimRef) -> str:
    cue = denial.claim["denial"]
    start, end = cue.get("scope_start"), cue.get("scope_end")
    return denial.article.text[start:end] if start is not None and end is not None else ""


def _about(denial: ClaimRef, claim: ClaimRef, reporters: Sequence[ClaimRef]) -> bool:
    """A denial sentence that names a person besides its speaker, and nothing the claim names, is
    about that person: 'asked about Reilly's resignation, the mayor said the rumours were false'
    disputes a story about Reilly, not the mill's closure. Other names may say where the story came
    from ('although Ajel reported it, the source said the story was fabricated')."""
    speaker = _name_words(str(denial.claim.get("attributed_to") or ""))
    told = set(claim.names).union(*(r.names for r in reporters))
    if (denial.names - speaker) & told:
        return True
    return not {n for n in denial.people - speaker if not n.startswith("e:")}


def _reaffirmed(denial: ClaimRef, own: Sequence[ClaimRef], members: Sequence[int]) -> bool:
    """A denial the article goes on to rebut: it states the denied claim itself, later, in its own
    voice ('the company denied the reports. Documents show the mill closed on Monday')."""
    group = set(members)
    return any(
        ref.index in group
        and ref.start > denial.end
        and not (
            ref.denied
            or ref.claim.get("negated")
            or ref.claim.get("hedged")
            or ref.claim.get("attributed_to")
        )
        for ref in own
    )


def _name_words(text: str) -> set[str]:
    from parallax.compare.triangulate import _name_tokens

    return _name_tokens(text)


def _story_claim(
    denial: ClaimRef,
    refs: Sequence[ClaimRef],
    groups: Sequence[Sequence[int]],
    denying: set[str],
    sims: Similarities,
) -> tuple[ClaimRef, list[ClaimRef], str] | None:
    """The most widely stated claim of the story that the denial sentence is close to and shares a name with."""
    best: tuple[int, float, ClaimRef, list[ClaimRef]] | None = None
    for members in groups:
        reporters = _reporters(denial, members, refs, denying)
        outlets = len({r.outlet for r in reporters})
        if outlets < STORY_MIN_OUTLETS:
            continue
        if not denial.names & set().union(*(r.names for r in reporters)):
            continue
        close = sims.mean([denial.index], [r.index for r in reporters])
        if close < STORY_MIN_SIMILARITY:
            continue
        if best is None or (outlets, close) > best[:2]:
            central = max(reporters, key=lambda r: sims.mean([r.index], [x.index for x in reporters]))
            best = (outlets, close, central, reporters)
    if best is None:
        return None
    return best[2], best[3], "the story's most widely stated claim"


def _close_reporters(
    denial: ClaimRef, lead: ClaimRef, refs: Sequence[ClaimRef], denying: set[str], sims: Similarities
) -> list[ClaimRef]:
    """Other sources' claims that state what the denying article's lead states, in other words.

    Claim groups join only claims with one predicate about one argument, so a lead that sets the
    story out in its own words ('it has introduced a new law that bans X') often stands alone
    while every other source states it too ('a new law banning X'). For a lead only, then, the
    reporters are the other sources' claims whose wording is close (`LEAD_MIN_SIMILARITY`), the
    closest one per source."""
    import numpy as np

    closeness = sims.vectors @ sims.vectors[lead.index]
    best: dict[str, tuple[float, ClaimRef]] = {}
    for i in np.flatnonzero(closeness >= LEAD_MIN_SIMILARITY).tolist():
        for ref in _reporters(denial, [i], refs, denying):
            if ref.origin not in best or closeness[i] > best[ref.origin][0]:
                best[ref.origin] = (float(closeness[i]), ref)
    return [ref for _, ref in best.values()]


def _reporters(
    denial: ClaimRef, members: Sequence[int], refs: Sequence[ClaimRef], denying: set[str]
) -> list[ClaimRef]:
    """The members of a claim group that report it from another source and deny nothing."""
    out = []
    for i in members:
        ref: Any = refs[i]
        if ref.is_copy or ref.origin == denial.origin or ref.outlet == denial.outlet:
            continue
        if ref.article.id in denying or ref.denied or ref.claim.get("negated") or states_a_negative(ref):
            continue
        out.append(ref)
    return out
