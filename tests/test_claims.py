"""Claim extraction: segmentation filters and number/date parsing by hand; clause splitting on real text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from parallax.annotate.claims import (
    ClaimStage,
    candidate_segments,
    extract_claims,
    find_dates,
    find_numbers,
    is_claim_like,
)
from parallax.model import Article


def _values(text: str) -> list[tuple[float, str, str]]:
    return [(n["value"], n["qualifier"], n["unit"]) for n in find_numbers(text)]


def test_numbers_keep_qualifiers_scales_and_skip_years_and_ages() -> None:
    assert _values("about 1,200 officers") == [(1200.0, "about", "")]
    assert _values("more than 40 ships") == [(40.0, "more_than", "")]
    assert _values("a fee of €8.5m") == [(8_500_000.0, "exact", "money")]
    assert _values("a fee of around €9 million") == [(9_000_000.0, "about", "money")]
    assert _values("grew 1.4 percent") == [(1.4, "exact", "percent")]
    assert _values("nine officers were injured") == [(9.0, "exact", "")]
    assert _values("12.000 estibadores") == [(12000.0, "exact", "")]
    assert _values("in 2014 the union struck") == []  # a year is a date, not a count
    assert _values("The 54-year-old was detained") == [(54.0, "exact", "age")]
    assert _values("Breznik, 54, who chairs the union") == [(54.0, "exact", "age")]


def test_numbers_carry_offsets_into_the_text() -> None:
    text = "Officials said 1,200 workers were evacuated."
    (number,) = find_numbers(text, offset=100)
    assert text[number["start"] - 100 : number["end"] - 100] == "1,200"


def test_units_written_onto_the_figure_and_sums_split_by_a_stray_space() -> None:
    assert _values("The tremor struck 12km off the coast at a depth of 8km.") == [
        (12.0, "exact", ""),
        (8.0, "exact", ""),
    ]
    assert _values("The 3rd battalion and the 2nd fleet") == []  # ordinals are no figures
    assert _values("The vase fetched about £2. 4 million at the sale.") == [(2_400_000.0, "about", "money")]
    # a sentence ending on a sum is left alone when the next one starts with no scale word
    assert _values("Tickets cost £5. 12 buses came.") == [(5.0, "exact", "money"), (12.0, "exact", "")]


def test_dates_resolve_against_the_publication_date() -> None:
    published = date(2026, 3, 13)  # a Friday
    found = {d["text"]: (d["value"], d["granularity"]) for d in find_dates(
        "detained on Tuesday, March 10; began in early March; martes 10 de marzo; since 2014", 0, published
    )}  # fmt: skip
    assert found["Tuesday, March 10"] == ("2026-03-10", "day")
    assert found["early March"] == ("2026-03", "month")
    assert found["martes 10 de marzo"] == ("2026-03-10", "day")
    assert found["since 2014"] == ("2014", "year")
    (weekday,) = find_dates("on Wednesday", 0, published)
    assert weekday["value"] == "2026-03-11"


def test_an_undated_article_keeps_month_and_day_without_guessing_the_year() -> None:
    (found,) = find_dates("at four in the morning on March 10", 0, None)
    assert (found["value"], found["granularity"]) == ("--03-10", "day")
    assert find_dates("on Tuesday", 0, None) == []


@pytest.mark.parametrize(
    "piece",
    [
        "Will the strike spread to other ports?",
        "By Tomas Reinholt",
        "| The First Secretary held a fraternal meeting with the minister pic.twitter.com/abc",
        "Published 13 March 2026, 07:40",
        "Meetings with the president and the minister",  # a heading: a whole line, no closing punctuation
        "Follow us on social media for more updates on this story.",
    ],
)
def test_non_claims_are_filtered(piece: str) -> None:
    assert not is_claim_like(piece, piece, 0)


def test_a_plain_factual_sentence_is_a_claim() -> None:
    piece = "The court released the union leader on bail on Thursday."
    assert is_claim_like(piece, piece, 0)


def test_faq_blocks_are_not_claims() -> None:
    text = "The port reopened on Monday after a week.\nFAQ\nThe port is the largest in the country.\n"
    article = Article(id="a", text=text, annotations={"sentences": [{"start": 0, "end": len(text)}]})
    pieces = [text[s:e] for s, e in candidate_segments(article)]
    assert pieces == ["The port reopened on Monday after a week."]


def parsed_claims(text: str) -> list[dict]:
    """The claims layer of one English article run through the real parse."""
    from parallax.annotate.nlp import SpacyStage

    article = Article(id="a", text=text, published="2026-03-12", language="en")
    SpacyStage()([article])
    ClaimStage()([article])
    return list(article.annotations["claims"])


@pytest.mark.models
def test_two_facts_two_claims_and_attribution_to_the_speaker() -> None:
    text = (
        "The Interior Ministry said 14 people were detained and nine officers were injured.\n"
        "Police did not use tear gas at any point.\n"
        "Did the police use tear gas?\n"
    )
    claims = parsed_claims(text)
    by_text = {c["text"]: c for c in claims}
    assert "14 people were detained" in by_text
    assert "nine officers were injured" in by_text
    assert by_text["14 people were detained"]["attributed_to"] == "The Interior Ministry"
    assert [n["value"] for n in by_text["nine officers were injured"]["numbers"]] == [9.0]
    denial = next(c for c in claims if c["text"].startswith("Police did not use"))
    assert denial["negated"] and not by_text["14 people were detained"]["negated"]
    assert not any("?" in c["text"] for c in claims)
    for claim in claims:
        assert text[claim["start"] : claim["end"]] == claim["text"]


@pytest.mark.models
def test_a_curly_apostrophe_negation_is_read_whatever_label_the_parser_gives_it() -> None:
    """The parser labels "n’t" as punctuation in some quoted clauses; the clause is still negated,
    like its straight-quoted copy, and 'not only' negates nothing."""
    text = (
        "“As it happens, it wasn’t the Danes,” she said.\n"
        "“It turns out, it wasn't the mayor,” he said.\n"
        "It turns out, it was the mayor.\n"
        "Not only did the council approve the budget, it cut the rates.\n"
    )
    negated = {c["text"]: c["negated"] for c in parsed_claims(text)}
    assert negated["it happens, it wasn’t the Danes"] is True
    assert negated["It turns out, it wasn't the mayor"] is True
    assert negated["It turns out, it was the mayor."] is False
    assert not any(negated[t] for t in negated if "the rates" in t)


@pytest.mark.models
def test_seed_articles_give_claims_with_exact_offsets_and_no_embed_boilerplate(seeds_dir: Path) -> None:
    from parallax.annotate.nlp import SpacyStage

    articles = [
        Article(id=p.stem, text=p.read_text("utf-8"), published="2026-01-21", language="en")
        for p in sorted(seeds_dir.glob("*.txt"))[:2]
    ]
    SpacyStage()(articles)
    for article in articles:
        claims = extract_claims(article)
        assert len(claims) >= 10
        for claim in claims:
            assert article.text[claim["start"] : claim["end"]] == claim["text"]
            line_start = article.text.rfind("\n", 0, claim["start"]) + 1
            assert not article.text[line_start:].startswith("|"), claim["text"]  # embedded post
            assert not claim["text"].rstrip(' ”"').endswith("?")


def test_a_long_text_without_line_breaks_is_segmented_into_its_sentences() -> None:

    sentence = "The port authority said the strike cost the city a great deal of money. "
    text = sentence * 5_000  # on one line, as a JSONL export with its newlines stripped gives
    spans = [{"start": i * len(sentence), "end": (i + 1) * len(sentence) - 1} for i in range(5_000)]
    article = Article(id="a", text=text, annotations={"sentences": spans})
    pieces = list(candidate_segments(article))
    assert len(pieces) == 5_000 and text[slice(*pieces[-1])] == sentence.strip()


def test_a_heading_is_a_whole_line_without_closing_punctuation() -> None:
    text = "Port strike enters its second week in the north\nThe union said the strike would go on."
    article = Article(id="a", text=text, annotations={"sentences": [{"start": 0, "end": len(text)}]})
    pieces = [text[s:e] for s, e in candidate_segments(article)]
    assert pieces == ["The union said the strike would go on."]


def test_each_claim_gets_its_own_dates_mentions_and_speaker_from_long_layers() -> None:
    """The layers are looked up per claim by bisection: filtering them all again per claim was quadratic."""

    sentence = "Ana Lind dijo que 5 personas murieron el 5 de marzo en el puerto. "
    n = 4_000
    text = sentence * n
    size = len(sentence)
    at = [i * size for i in range(n)]
    article = Article(
        id="a",
        text=text,
        language="es",
        published="2026-03-12",
        annotations={
            "sentences": [{"start": s, "end": s + size - 1} for s in at],
            "mentions": [{"start": s, "end": s + 8, "text": "Ana Lind", "label": "PERSON"} for s in at],
            "dates": [
                {
                    "start": s + 38,
                    "end": s + 51,
                    "text": "el 5 de marzo",
                    "value": "2026-03-05",
                    "granularity": "day",
                }
                for s in at
            ],
            "quotes": [{"start": s + 15, "end": s + 30, "speaker": f"Speaker {i}"} for i, s in enumerate(at)],
        },
    )
    claims = extract_claims(article)
    assert len(claims) == n
    last = claims[-1]
    assert last["attributed_to"] == f"Speaker {n - 1}"
    assert [d["start"] for d in last["dates"]] == [at[-1] + 38]
    assert [m["start"] for m in last["mentions"]] == [at[-1]]
    assert [x["value"] for x in last["numbers"]] == [5.0]


@pytest.mark.models
def test_denials_are_read_from_the_parse_with_the_denied_clause_as_scope() -> None:
    from parallax.annotate.nlp import SpacyStage

    sentences = {
        "The ministry denied that the army had shelled the border village.": ("deny", "shell"),
        "The club dismissed reports that its coach would resign.": ("dismiss", "resign"),
        "It is not true that the mayor signed the contract.": ("true", "sign"),
        "There is no evidence that the virus escaped from the laboratory.": ("evidence", "escape"),
        "The claim that the senator accepted the bribe is false.": ("false", "accept"),
        "Police denied the arrest of the journalist on Friday.": ("deny", "arrest"),
        "The evacuation of the town never happened, residents said.": ("happen", "evacuation"),
        "Rumours that the bridge had collapsed were exaggerated.": ("exaggerated", "collapse"),
        # Not denials of a stated fact: a refusal, a vote, a bare "the story is fake" (a general
        # denial of the whole story, `find_general_denial`), a confirmation.
        "The suspect was denied bail at the hearing on Monday.": None,
        "The council rejected the budget on Tuesday evening.": None,
        "Officials said the story was fake and would not comment further.": None,
        "The ministry did not deny that the army had shelled the village.": None,
    }
    text = "\n".join(sentences)
    article = Article(id="a", text=text, published="2026-03-12", language="en")
    SpacyStage(processes=1)([article])
    ClaimStage()([article])
    claims = article.annotations["claims"]
    for sentence, expected in sentences.items():
        found = [c for c in claims if sentence.startswith(c["text"]) or c["text"] in sentence]
        denials = [c for c in found if c.get("denial") and not c["denial"].get("general")]
        if expected is None:
            assert not denials, sentence
            continue
        (claim,) = denials
        cue, predicate = expected
        assert claim["denial"]["lemma"] == cue and claim["predicate"] == predicate, sentence
        assert text[claim["denial"]["start"] : claim["denial"]["end"]] == claim["denial"]["text"]
        assert claim["denial"]["weak"] == (cue == "exaggerated")
    by_start = {c["text"][:20]: c for c in claims}
    shelled = by_start["The ministry denied "]
    assert shelled["subject"] == "the army" and "village" in shelled["objects"]
    assert shelled["attributed_to"] == "The ministry"


def test_plain_text_denial_cues() -> None:
    from parallax.annotate.claims import text_denial

    assert text_denial("Officials denied the report on Monday.") == "denied"
    assert text_denial("The photo is a HOAX, the agency said.") == "hoax"
    assert text_denial("It is not true that the port closed.") == "not true"
    assert text_denial("There is no evidence that the port closed.") == "no evidence"
    assert text_denial("The port closure never happened.") == "never happened"
    assert text_denial("The port closed on Monday after the storm.") is None
    assert text_denial("Police dismissed the officer and rejected the bill.") is None


def _frames(text: str) -> list[tuple[str, str | None, str | None, bool, str | None]]:
    from parallax.annotate.claims import number_frames
    from parallax.annotate.nlp import parse

    numbers = find_numbers(text)
    number_frames(parse(text), numbers)
    return [(n["text"], n["counts"], n["head"], n["partial"], n.get("from")) for n in numbers]


@pytest.mark.models
def test_each_figure_carries_what_it_counts_and_the_predicate_it_belongs_to() -> None:
    frames = _frames("A 5.9 magnitude quake levelled six villages, killing 12 people and injuring 45 others.")
    by_text = {f[0]: f for f in frames}
    assert by_text["5.9"][1] == "magnitude"
    assert by_text["six"][1:3] == ("village", "level")
    assert by_text["12"][1:3] == ("people", "kill")
    assert by_text["45"][2] == "injure" and by_text["45"][3]  # "45 others": part of another count
    assert _frames("The port has a population of 90,000.")[0][1] == "population"
    (toll,) = _frames("The collapse brought the death toll to 31.")
    assert toll[1] == "toll"  # the figure counts the verb's noun


@pytest.mark.models
def test_clock_times_model_names_totals_and_reference_points() -> None:
    frames = _frames(
        "The tremor hit at 4:15 a.m., about 18 miles east of Halden, and guards carried M-16 rifles."
    )
    by_text = {f[0]: f for f in frames}
    assert by_text["4"][3] and by_text["15"][3] and by_text["16"][3]  # a clock time, a model: no count
    assert _frames("The quake struck at 1353 (1023 GMT).")[1][3]  # a clock time in GMT
    assert by_text["18"][1] == "mile" and by_text["18"][4] == "halden"
    assert _frames("Crews have seized a total of 40 rifles this year.")[0][3]  # a sum over several events
    assert not _frames("More than 1,000 supporters waited outside.")[0][3]  # a bound, not a part
    # one figure, 52, a count like any other (it was read as 50 and 2, and neither compared)
    assert _frames("Fifty-two firefighters attended.") == [
        ("Fifty-two", "firefighter", "attend", False, None)
    ]


@pytest.mark.models
def test_measures_hyphenated_or_named_by_a_scale_and_totals_of_one_event() -> None:
    assert _frames("A magnitude-4.8 tremor rattled the valley town.")[0][1] == "magnitude"
    assert _frames("The tremor measured 5.2 on the Richter scale.")[0][1] == "magnitude"
    assert _frames("A 6.3-magnitude quake hit the islands.")[0][1] == "magnitude"
    (glued,) = _frames("The epicentre lay 30km north of Lindby.")
    assert glued[1] == "km" and glued[4] == "lindby"
    # 'a total of' sums one event's count: it counts the killed, it is no part of another count
    (total,) = _frames("A total of 14 miners were killed when the shaft flooded.")
    assert total[1:4] == ("miner", "kill", False)
    (total,) = _frames("The flood killed a total of 14 miners.")
    assert total[1:4] == ("miner", "kill", False)
    # with the period it runs over, a total sums several events
    assert _frames("Police have arrested a total of 31 people since March.")[0][3]


@pytest.mark.models
def test_zero_counts_are_read_from_the_parse() -> None:
    from parallax.annotate.claims import zero_counts
    from parallax.annotate.nlp import parse

    cases = {
        "Aid workers said that no one was killed in the raid.": [("no one", None, "kill")],
        "Nobody was hurt when the roof fell in.": [("Nobody", None, "hurt")],
        "There were no casualties in the village.": [("no casualties", "casualty")],
        "Witnesses said no militants were inside the clinic.": [("no militants", "militant")],
        # more than a count already given, a report of something, a question: no zero
        "Police said no other people were injured.": [],
        "There were no immediate reports of damage.": [],
        "It is not true that no one was hurt.": [],
    }
    for sentence, expected in cases.items():
        doc = parse(sentence)
        found = zero_counts(doc, 0, len(sentence))
        assert len(found) == len(expected), (sentence, found)
        for z, e in zip(found, expected, strict=True):
            assert (z["text"], z["counts"], z["head"])[: len(e)] == e, sentence
        for z in found:
            assert sentence[z["start"] : z["end"]] == z["text"]


@pytest.mark.models
def test_what_happened_to_a_named_person_is_read_from_the_parse() -> None:
    from parallax.annotate.claims import person_outcomes
    from parallax.annotate.nlp import parse

    cases = {
        "The raid ended with the death of Venezuelan President Nicolás Maduro.": [("Nicolás Maduro", "dead")],
        "The capture of Nicolás Maduro followed the strikes.": [("Nicolás Maduro", "detained")],
        "The minister alluded to Nicolás Maduro's arrest.": [("Nicolás Maduro", "detained")],
        "Maduro was captured by special forces.": [("Maduro", "detained")],
        "Maduro died in the raid.": [("Maduro", "dead")],
        # wished, possible, denied, or no one named: no outcome
        "The opposition demanded Maduro's arrest.": [],
        "Maduro could be arrested within days.": [],
        "Maduro was not arrested.": [],
        "Police arrested two men.": [],
    }
    for sentence, expected in cases.items():
        found = person_outcomes(parse(sentence), 0, len(sentence))
        assert [(o["who"], o["state"]) for o in found] == expected, sentence
        for o in found:
            assert sentence[o["start"] : o["end"]] == o["word"]


def test_a_dozen_is_a_rough_twelve_and_dozens_no_figure() -> None:
    (about,) = find_numbers("Pirates hold about a dozen ships.")
    (rough,) = find_numbers("Pirates hold a dozen ships.")
    assert about["value"] == rough["value"] == 12.0
    assert about["qualifier"] == rough["qualifier"] == "about"
    assert find_numbers("Pirates hold dozens of ships.") == []


@pytest.mark.models
def test_two_figures_joined_by_a_conjunction_count_the_noun_written_after_them() -> None:
    tremors = {f[0]: f[1] for f in _frames("Two tremors of 6.8 and 6.5 magnitude hit the coast in March.")}
    assert tremors["6.8"] == tremors["6.5"] == "magnitude"
    guesses = {f[0]: f[1] for f in _frames("The blast hurt 12 or 14 people.")}
    assert guesses["12"] == guesses["14"] == "people"
    # two predicates, each with its own figure: no sharing across a comma
    split = {f[0]: f[1] for f in _frames("The raid killed 3, wounded 20 people.")}
    assert split["3"] is None and split["20"] == "people"
    assert {f[0]: f[1] for f in _frames("The fire destroyed 12 homes and 3 barns.")} == {
        "12": "home",
        "3": "barn",
    }


@pytest.mark.models
def test_a_year_like_figure_before_a_unit_and_a_figure_of_a_named_total_are_counts() -> None:
    assert [(f[0], f[1]) for f in _frames("The hiker slid around 2000ft down the slope.")] == [("2000", "ft")]
    assert _frames("In 2004 the bridge was closed.") == []
    frames = {f[0]: f[1] for f in _frames("Two more riders fell, bringing to 11 the number of riders hurt.")}
    assert frames["11"] == "rider"


def test_a_sum_whose_thousands_separator_a_stray_space_follows_is_one_sum() -> None:
    assert [(n["text"], n["value"]) for n in find_numbers("Burglars took £640, 000 worth of watches.")] == [
        ("£640, 000", 640000.0)
    ]
    assert [n["value"] for n in find_numbers("Tickets cost $5, $10 or $20.")] == [5.0, 10.0, 20.0]
