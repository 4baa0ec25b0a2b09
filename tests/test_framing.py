"""Framing: loaded terms with their voice, word-choice contrasts, coverage, tone and outlet profiles."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest

from parallax.annotate.framing import Lexicon, LoadedTermsStage, compile_term, find_terms, parse_lexicon
from parallax.compare.framing import FramingStage, coverage
from parallax.compare.outlets import OUTLETS_ENV, find_outlets_file, load_outlets, metadata_for
from parallax.errors import ParallaxError
from parallax.eval.framing import Tally, same_speaker
from parallax.model import Article, Story


def sentences_of(text: str) -> list[dict[str, int]]:
    """Sentence spans by punctuation, as the spaCy stage would give them for these simple texts."""
    import re

    return [
        {"start": m.start(), "end": m.end()}
        for m in re.finditer(r"[^.!?\n]+[.!?]*[\"”]?", text)
        if m.group().strip()
    ]


def article(text: str, aid: str = "a1", source: str = "Outlet A", **kw: Any) -> Article:
    a = Article(id=aid, text=text, source=source, language="en", **kw)
    a.annotations["sentences"] = sentences_of(text)
    return a


def person(a: Article, name: str) -> dict[str, Any]:
    start = a.text.index(name)
    return {"start": start, "end": start + len(name), "text": name, "label": "PERSON"}


def terms(a: Article) -> dict[str, tuple[str, str | None, str]]:
    loaded, _ = find_terms(a)
    return {t["term"]: (t["voice"], t["speaker"], t["category"]) for t in loaded}


# -- the lexicon --------------------------------------------------------------------------------


def test_lexicon_terms_match_inflections_gaps_and_hyphens() -> None:
    _, slam = compile_term("slam")
    assert slam.search("The minister slammed the union")
    assert not slam.search("a slamdunk")
    _, gap = compile_term("hold* ... hostage")
    assert (
        gap.search("anyone who holds the nation's economy hostage").group()
        == "holds the nation's economy hostage"
    )
    _, exact = compile_term("=lied")
    assert exact.search("they lied") and not exact.search("they lie")
    _, hyphen = compile_term("heavy-handed")
    assert hyphen.search("a heavy handed raid") and hyphen.search("a heavy-handed raid")


def test_longest_match_wins_and_neutral_words_are_not_loaded() -> None:
    lexicon = Lexicon(
        parse_lexicon(["thug\tpejorative", "thugs in uniform\tpejorative", "police\tneutral\tthe police"])
    )
    found = lexicon.find("We were met by thugs in uniform, not police.")
    assert [(e.term, e.loaded) for _, _, e in found] == [("thugs in uniform", True), ("police", False)]


def test_a_bad_lexicon_line_names_its_line() -> None:
    with pytest.raises(ParallaxError, match=r"mine\.tsv, line 2"):
        parse_lexicon(["regime\tpejorative", "junta\tvery-bad"], "mine.tsv")


def test_user_lexicon_extends_the_bundled_one(tmp_path: Path) -> None:
    from parallax.annotate.framing import load_lexicon

    extra = tmp_path / "extra.tsv"
    extra.write_text("# mine\nsnowflake\tpejorative\n", "utf-8")
    lexicon = load_lexicon(str(extra))
    assert [e.term for _, _, e in lexicon.find("the snowflakes and the regime")] == ["snowflake", "regime"]
    with pytest.raises(ParallaxError, match="does not exist"):
        load_lexicon(str(tmp_path / "missing.tsv"))


# -- voice ------------------------------------------------------------------------------------


def test_loaded_word_inside_an_officials_quote_is_the_officials_framing() -> None:
    a = article(
        'The regime sent riot police to the port. "These union bosses are saboteurs," said Teodor Vass, the interior minister.'
    )
    a.annotations["mentions"] = [person(a, "Teodor Vass")]
    found = terms(a)
    assert found["regime"] == ("own", None, "pejorative")
    assert found["union bosses"][:2] == ("quoted", "Teodor Vass")
    assert found["saboteurs"][:2] == ("quoted", "Teodor Vass")


def test_pronoun_speaker_and_continued_quote_keep_the_named_speaker() -> None:
    a = article(
        "Mira Holt led the march on Friday.\n"
        "\u201cThey are thugs,\u201d she said. \u201cThe crackdown will fail.\u201d"
    )
    a.annotations["mentions"] = [person(a, "Mira Holt")]
    found = terms(a)
    assert found["thugs"][:2] == ("quoted", "Mira Holt")
    assert found["crackdown"][:2] == ("quoted", "Mira Holt")


def test_scare_quotes_are_the_outlets_own_distancing() -> None:
    a = article(
        'The government\'s "modernisation" plan cuts jobs. Its so-called "reforms" were drafted in secret.'
    )
    found = terms(a)
    assert found['"modernisation"'] == ("own", None, "scare-quote")
    assert found['so-called "reforms"'] == ("own", None, "scare-quote")


def test_a_short_quote_with_a_speaker_is_a_partial_quote_not_a_scare_quote() -> None:
    a = article('Interior Minister Dana Kell described the strike as "economic sabotage" on Monday.')
    a.annotations["mentions"] = [person(a, "Dana Kell")]
    found = terms(a)
    assert found["sabotage"][:2] == ("quoted", "Dana Kell")
    assert not any(cat == "scare-quote" for _, _, cat in found.values())


def test_reported_speech_with_a_named_speaker_is_quoted_but_unnamed_critics_are_not() -> None:
    a = article(
        "Mayor Ilse Brand said that the rioters had been paid. Critics say that the regime is nervous."
    )
    a.annotations["mentions"] = [person(a, "Ilse Brand")]
    found = terms(a)
    assert found["rioters"][:2] == ("quoted", "Ilse Brand")
    assert found["regime"][:2] == ("own", None)


def test_the_quotes_layer_decides_the_speaker_when_present() -> None:
    a = article('"The junta must go," a voice shouted from the crowd near Oren Falk.')
    start = a.text.index("The junta")
    a.annotations["quotes"] = [
        {
            "start": start,
            "end": start + 17,
            "text": "The junta must go",
            "kind": "direct",
            "speaker": "Lena Moor",
        }
    ]
    assert terms(a)["junta"][:2] == ("quoted", "Lena Moor")


def test_what_someone_knows_or_believes_stays_in_the_outlets_voice() -> None:
    """A thought verb reports content but no words: "owners have long known that the extremists ..."
    is the outlet's wording; what someone said stays theirs."""
    text = "Vera Quist has long known that the extremists wanted the port. Ivo Lund said that the thugs left."
    a = article(text)
    a.annotations["mentions"] = [person(a, "Vera Quist"), person(a, "Ivo Lund")]
    known, said = text.index("the extremists"), text.index("the thugs")
    a.annotations["quotes"] = [
        {
            "start": known,
            "end": text.index(" port") + 5,
            "kind": "indirect",
            "speaker": "Vera Quist",
            "said": False,
        },
        {"start": said, "end": len(text) - 1, "kind": "indirect", "speaker": "Ivo Lund", "said": True},
    ]
    found = terms(a)
    assert found["extremists"][:2] == ("own", None)
    assert found["thugs"][:2] == ("quoted", "Ivo Lund")


def test_stage_fills_both_layers_with_exact_offsets() -> None:
    a = article("Police arrested the strike leader. Activists called it an abduction.")
    LoadedTermsStage()([a])
    for layer in ("loaded_terms", "referent_terms"):
        for t in a.annotations[layer]:
            assert a.text[t["start"] : t["end"]] == t["term"]
    assert {t["entry"] for t in a.annotations["referent_terms"]} >= {"police", "arrest", "abduction"}
    assert {t["term"] for t in a.annotations["loaded_terms"]} == {"abduction"}


# -- the story section --------------------------------------------------------------------------


def framed(
    tmp_path: Path, outlets_json: dict[str, Any] | None = None, entities: list[dict[str, Any]] | None = None
) -> tuple[Story, dict[str, str]]:
    """Three outlets and a syndicated copy, annotated and framed; with the article texts by id."""
    folder = tmp_path / "inputs"
    folder.mkdir()
    if outlets_json is not None:
        (folder / "outlets.json").write_text(json.dumps(outlets_json), "utf-8")
    texts = {
        ("w1", "Wire"): "Police arrested union leader Ana Rusk on Tuesday. The court freed her on Thursday.",
        (
            "s1",
            "State News",
        ): "Police detained the agitator Ana Rusk on Tuesday after a violent mob blocked the port.",
        (
            "o1",
            "Opposition Daily",
        ): "The regime's thugs seized Ana Rusk on Tuesday. The kidnapping was brutal. "
        '"The regime fears us," said Piet Lorn.',
        (
            "c1",
            "Copy Post",
        ): "Police arrested union leader Ana Rusk on Tuesday. The court freed her on Thursday.",
    }
    articles = []
    for (aid, source), text in texts.items():
        a = article(text, aid, source, path=str(folder / f"{aid}.txt"))
        a.annotations["mentions"] = [person(a, "Ana Rusk")] + (
            [person(a, "Piet Lorn")] if "Piet" in text else []
        )
        articles.append(a)
    articles[-1].duplicate_of = "w1"
    LoadedTermsStage()(articles)
    story = Story(
        id="s", article_ids=[a.id for a in articles], sources=["Opposition Daily", "State News", "Wire"]
    )
    story.entities = entities or []
    story.claims = [
        {
            "id": "c1",
            "sources": ["Wire", "State News", "Opposition Daily"],
            "article_ids": ["w1", "s1", "o1"],
        },
        {"id": "c2", "sources": ["Wire"], "article_ids": ["w1"]},
        {"id": "c3", "sources": ["Wire", "State News"], "article_ids": ["w1", "s1"]},
    ]
    FramingStage()(story, articles)
    return story, {a.id: a.text for a in articles}


def framed_story(tmp_path: Path, outlets_json: dict[str, Any] | None = None) -> Story:
    return framed(tmp_path, outlets_json)[0]


def check_evidence(items: list[dict[str, Any]], texts: dict[str, str]) -> None:
    for ev in items:
        assert ev["text"] == texts[ev["article_id"]][ev["start"] : ev["end"]] and ev["text"]


def test_framing_profiles_per_outlet_exclude_copies_and_separate_voices(tmp_path: Path) -> None:
    story, texts = framed(tmp_path)
    framing = story.framing
    assert set(framing["outlets"]) == {"Wire", "State News", "Opposition Daily"}  # the copy is not a source
    assert framing["articles"]["c1"]["duplicate_of"] == "w1"
    opposition = framing["outlets"]["Opposition Daily"]
    assert "regime" in opposition["own_terms"] and "regime" in opposition["quoted_terms"]
    assert opposition["loaded_rate_own"] > framing["outlets"]["Wire"]["loaded_rate_own"] == 0
    assert 0 < opposition["quoted_share"] < 1
    assert framing["outlets"]["Wire"]["quoted_share"] is None  # no terms: unknown, not zero
    assert framing["terms"] and all(t["evidence"] for t in framing["terms"])
    check_evidence([ev for t in framing["terms"] for ev in t["evidence"]], texts)
    check_evidence([ev for c in framing["contrasts"] for ev in c["evidence"]], texts)
    tone_evidence = [
        ev for o in framing["outlets"].values() for t in o["tone"].values() for ev in t["evidence"]
    ]
    check_evidence(tone_evidence, texts)


def test_contrasts_show_each_outlets_words_for_the_same_act(tmp_path: Path) -> None:
    story = framed_story(tmp_path)
    custody = next(c for c in story.framing["contrasts"] if c["referent"] == "taking someone into custody")
    assert custody["choices"]["Wire"] == ["arrest"]
    assert custody["choices"]["State News"] == ["detain"]
    assert set(custody["choices"]["Opposition Daily"]) == {
        "seize",
        "kidnap",
    }  # lexicon entries, not inflections
    assert custody["loaded"]["Wire"] == [] and custody["evidence"]


def test_coverage_lists_what_each_outlet_carries_omits_or_alone_reports(tmp_path: Path) -> None:
    coverage_table = framed_story(tmp_path).framing["coverage"]
    assert coverage_table["claim_ids"] == ["c1", "c2", "c3"]
    assert coverage_table["outlets"]["Wire"] == {"covers": ["c1", "c2", "c3"], "omits": [], "alone": ["c2"]}
    assert coverage_table["outlets"]["Opposition Daily"] == {"covers": ["c1"], "omits": ["c3"], "alone": []}
    empty = coverage(Story(id="x", article_ids=[]), ["A", "B"])
    assert empty == {
        "claim_ids": [],
        "outlets": {
            "A": {"covers": [], "omits": [], "alone": []},
            "B": {"covers": [], "omits": [], "alone": []},
        },
    }


def test_tone_is_measured_on_own_voice_sentences_naming_the_entity(tmp_path: Path) -> None:
    story = framed_story(tmp_path)
    outlets = story.framing["outlets"]
    entity = next(e for e in story.framing["entities"] if e["name"] == "Ana Rusk")
    opposition, wire = (
        outlets["Opposition Daily"]["tone"][entity["id"]],
        outlets["Wire"]["tone"][entity["id"]],
    )
    assert opposition["own_voice_only"] and opposition["evidence"]
    assert all("Ana Rusk" in ev["text"] for ev in opposition["evidence"])
    assert wire["score"] == 0.0  # plain report


def test_outlet_metadata_comes_only_from_the_users_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(OUTLETS_ENV, raising=False)
    story = framed_story(tmp_path, {"State News": {"country": "Nordia", "state_affiliated": True}})
    assert story.framing["outlets"]["State News"]["metadata"] == {
        "country": "Nordia",
        "state_affiliated": True,
    }
    assert story.framing["outlets"]["Wire"]["metadata"] == {}


def test_outlets_file_env_wins_and_names_match_loosely(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chosen = tmp_path / "mine.json"
    chosen.write_text(json.dumps({"The Velmar Courier": {"leaning": "my label"}}), "utf-8")
    monkeypatch.setenv(OUTLETS_ENV, str(chosen))
    assert find_outlets_file([Article(id="a", text="x", path=str(tmp_path / "x.txt"))]) == chosen
    assert metadata_for("Velmar Courier", load_outlets(chosen)) == {"leaning": "my label"}
    monkeypatch.setenv(OUTLETS_ENV, str(tmp_path / "nope.json"))
    with pytest.raises(ParallaxError, match="does not exist"):
        find_outlets_file([])
    broken = tmp_path / "broken.json"
    broken.write_text("[1, 2]", "utf-8")
    with pytest.raises(ParallaxError, match="outlet metadata must be"):
        load_outlets(broken)


# -- scoring ------------------------------------------------------------------------------------


def test_scoring_counts_overlaps_voices_and_speakers() -> None:
    text = "The masked thugs hurled stones, said Gen. Ivo Tam, calling it a riot."
    gold = [
        {"term": "masked thugs", "category": "pejorative", "voice": "own", "speaker": None},
        {"term": "hurled", "category": "charged-verb", "voice": "own", "speaker": None},
    ]
    predicted = [
        {"start": 11, "end": 16, "category": "pejorative", "voice": "own", "speaker": None},  # "thugs"
        {"start": 17, "end": 23, "category": "charged-verb", "voice": "quoted", "speaker": "Tam"},  # "hurled"
        {
            "start": 66,
            "end": 70,
            "category": "pejorative",
            "voice": "own",
            "speaker": None,
        },  # "riot": not gold
    ]
    tally = Tally()
    tally.add(text, predicted, gold)
    figures = tally.figures("t")
    assert figures["t_precision"] == round(2 / 3, 4) and figures["t_recall"] == 1.0
    assert figures["t_voice_accuracy"] == 0.5
    assert same_speaker("Lazic", "Teodor Lazić") and not same_speaker("the minister", "Teodor Lazić")


# -- real text, with the models -------------------------------------------------------------------


@pytest.mark.models
def test_seed_articles_own_and_quoted_kidnapping(seeds_dir: Path) -> None:
    from parallax.pipeline import default_article_stages, run_article_stages

    path = sorted(seeds_dir.glob("*.txt"))[0]
    a = Article(id="seed", text=path.read_text("utf-8"), language="en")
    run_article_stages(
        [s for s in default_article_stages() if s.name in ("spacy", "quotes", "loaded_terms")], [a]
    )
    kidnapping = [t for t in a.annotations["loaded_terms"] if t["term"].lower() == "kidnapping"]
    assert {t["voice"] for t in kidnapping} == {"own", "quoted"}
    quoted = next(t for t in kidnapping if t["voice"] == "quoted")
    assert quoted["speaker"] and "Zaj" in quoted["speaker"]


@pytest.mark.models
def test_sample_report_framing_separates_outlet_voice_from_quotes(analyzed_sample: Any) -> None:
    result, _ = analyzed_sample
    report = result.report
    texts = {a["id"]: None for a in report["articles"]}
    strike = next(s for s in report["stories"] if "Open Estravia" in s["framing"].get("outlets", {}))
    outlets = strike["framing"]["outlets"]
    assert "regime" in outlets["Open Estravia"]["own_terms"]
    assert "regime" not in outlets["Continental Press Agency"]["own_terms"]  # a protester's word, quoted
    assert "regime" in outlets["Continental Press Agency"]["quoted_terms"]
    assert (
        outlets["Estravia Today"]["metadata"]["state_affiliated"] is True
    )  # from corpus/sample/outlets.json
    assert (
        outlets["Open Estravia"]["loaded_rate_own"] > outlets["Continental Press Agency"]["loaded_rate_own"]
    )
    for term in strike["framing"]["terms"]:
        assert term["evidence"] and term["article_id"] in texts
        assert term["evidence"][0]["start"] <= term["start"] < term["end"] <= term["evidence"][0]["end"]
    assert any(c["referent"] == "taking someone into custody" for c in strike["framing"]["contrasts"])
    assert set(strike["framing"]["coverage"]["outlets"]) == set(outlets)


def test_cli_refuses_a_missing_outlets_file_before_ingesting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from parallax.cli import EXIT_ERROR, main

    monkeypatch.delenv(OUTLETS_ENV, raising=False)
    db = tmp_path / "news.db"
    code = main(
        [
            "ingest",
            "--db",
            str(db),
            "--no-analyze",
            "-q",
            "--outlets",
            str(tmp_path / "no.json"),
            str(tmp_path),
        ]
    )
    assert code == EXIT_ERROR
    assert "outlet metadata file" in capsys.readouterr().err
    assert not db.exists()


def test_a_repeated_loaded_word_counts_at_every_occurrence() -> None:
    text = "The regime lied. The regime lied again."
    gold = [{"term": "regime", "category": "pejorative", "voice": "own", "speaker": None}]
    predicted = [
        {"start": 4, "end": 10, "category": "pejorative", "voice": "own", "speaker": None},
        {"start": 21, "end": 27, "category": "pejorative", "voice": "own", "speaker": None},
    ]
    tally = Tally()
    tally.add(text, predicted, gold)
    assert tally.figures("t")["t_precision"] == 1.0 and tally.figures("t")["t_recall"] == 1.0


def test_quoted_terms_name_the_canonical_speaker_when_an_entity_matches(tmp_path: Path) -> None:
    lorn = {
        "id": "e2",
        "name": "Pieter Lorn",
        "type": "PERSON",
        "aliases": ["Piet Lorn"],
        "count": 1,
        "evidence": [],
    }
    story, _ = framed(tmp_path, entities=[lorn])
    quoted = [t for t in story.framing["terms"] if t["voice"] == "quoted"]
    assert quoted and all(t["speaker"] == "Pieter Lorn" and t["speaker_id"] == "e2" for t in quoted)
    assert all(t["speaker_as_written"] == "Piet Lorn" for t in quoted)


def test_british_single_quotes_are_quotations_but_apostrophes_are_not() -> None:
    a = article(
        "Ministers’ so-called ‘reforms’ were, in Ada Lenk’s words, ‘a crackdown on the poor’, she said."
    )
    a.annotations["mentions"] = [person(a, "Ada Lenk")]
    found = terms(a)
    assert found["so-called ‘reforms’"] == ("own", None, "scare-quote")
    assert found["crackdown"][0] == "quoted"


def test_terms_found_with_another_lexicon_are_refreshed_when_framing(tmp_path: Path) -> None:
    a = article("The regime sent its goons.", "x1", "Outlet A", path=str(tmp_path / "x1.txt"))
    LoadedTermsStage(lexicon=Lexicon(parse_lexicon(["snowflake\tpejorative"]), "an-older-lexicon"))([a])
    assert a.annotations["loaded_terms"] == [] and a.annotations["loaded_terms_lexicon"] == "an-older-lexicon"
    story = Story(id="s", article_ids=["x1"], sources=["Outlet A"])
    FramingStage()(story, [a])
    assert story.framing["outlets"]["Outlet A"]["own_terms"] == ["goons", "regime"]


def test_articles_in_a_language_without_lexicon_words_get_no_terms() -> None:
    lexicon = Lexicon(parse_lexicon(["brutal\tintensifier", "brutal\tintensifier\t\tes"]))
    assert [e.language for _, _, e in lexicon.find("una represión brutal", "es")] == ["es"]
    assert lexicon.find("une répression brutale et brutal", "fr") == []
    assert len(lexicon.find("a brutal raid", None)) == 1  # unknown language: English


def test_an_article_without_a_known_outlet_is_profiled_not_dropped(tmp_path: Path) -> None:
    a = article("The junta's thugs stormed the square.", "u1", source="", path=str(tmp_path / "u1.txt"))
    a.source = None
    LoadedTermsStage()([a])
    story = Story(id="s", article_ids=["u1"])
    FramingStage()(story, [a])
    assert story.framing["outlets"] == {} and story.framing["unattributed"] == ["u1"]
    assert story.framing["articles"]["u1"]["own_terms"] == ["junta", "stormed", "thugs"]
    assert {t["article_id"] for t in story.framing["terms"]} == {"u1"}


def test_an_article_of_quotes_on_one_line_gets_every_quotation() -> None:
    """Each quote once blanked every quotation and scanned every span and mention again: 15 s here."""

    from parallax.annotate.framing import voice_spans

    text = "Officials said the regime “will fall soon.” The minister said: “We stay.” ‘Not ’s ’s " * 1500
    article = Article(id="a", text=text, language="en")
    spans = voice_spans(article)
    assert [text[q.start : q.end] for q in spans[:2]] == ["will fall soon.", "We stay."]
    assert len(spans) == 3000


def test_loaded_terms_of_a_long_article_are_each_voiced() -> None:
    """Each term (and each scare quote) once asked every quotation whether it held it: 11 s here."""

    text = (
        "The regime said “the terrorists left.” Thugs stormed the so-called “parliament” on Monday. " * 3000
    )
    article = Article(id="a", text=text, language="en")
    loaded, _ = find_terms(article)
    first = [(t["term"], t["voice"]) for t in loaded if t["start"] < 90]
    assert first == [
        ("regime", "own"),
        ("terrorists", "quoted"),
        ("Thugs", "own"),
        ("stormed", "own"),
        ("so-called “parliament”", "own"),
    ]
    assert len(loaded) == 5 * 3000


# -- word-level signals from general sentiment lexicons (need the spaCy parse) ------------------------


def parsed(text: str, aid: str = "p1") -> Article:
    """An article as the pipeline hands it to the loaded-terms stage: with its spaCy parse."""
    from parallax.models import spacy_pipeline

    a = Article(id=aid, text=text, source="Outlet A", language="en")
    a.doc = spacy_pipeline()(text)
    a.annotations["sentences"] = [{"start": s.start_char, "end": s.end_char} for s in a.doc.sents]
    a.annotations["mentions"] = [
        {"start": e.start_char, "end": e.end_char, "text": e.text, "label": e.label_} for e in a.doc.ents
    ]
    return a


def signalled(a: Article, signal: str = "sentiment") -> dict[str, tuple[str, str]]:
    loaded, _ = find_terms(a)
    return {t["word"]: (t["voice"], t["category"]) for t in loaded if t["signal"] == signal}


def test_negative_adjectives_and_adverbs_from_the_sentiment_lexicons_are_loaded() -> None:
    a = parsed("The council unveiled a grotesque plan, and the mayor shamefully ignored the residents.")
    assert signalled(a) == {"grotesque": ("own", "pejorative"), "shamefully": ("own", "pejorative")}
    loaded, _ = find_terms(a)
    grotesque = next(t for t in loaded if t["word"] == "grotesque")
    assert grotesque["entry"] == "grotesque" and a.text[grotesque["start"] : grotesque["end"]] == "grotesque"


def test_a_judgement_inside_a_quotation_is_the_speakers() -> None:
    a = parsed("“This is a disgusting plan,” said Mara Holt, the union's leader.")
    assert signalled(a) == {"disgusting": ("quoted", "pejorative")}
    loaded, _ = find_terms(a)
    assert loaded[0]["speaker"] == "Mara Holt"


def test_events_and_facts_are_not_loaded_for_their_polarity_alone() -> None:
    """'killed', 'attack', 'dead', 'injured' are strongly negative in VADER; as nouns, verbs and
    reported states they name what happened, which is reporting, not framing."""
    toll = parsed(
        "Five people were killed in the attack on the market and two are dead; eleven were injured."
    )
    assert signalled(toll) == {}
    assert "killed" not in terms(toll)  # the lexicon lists it as the neutral word for killing
    sport = parsed("The striker led the attack and scored twice in the second half.")
    assert signalled(sport) == {}
    plain = parsed("She became a victim of the scheme. The real problem is the budget.")
    assert signalled(plain) == {} and signalled(plain, "epithet") == {}


def test_positive_or_mild_modifiers_and_names_are_not_flagged() -> None:
    a = parsed("The new bridge is a wonderful and useful addition. Fans of Bad Bunny queued all night.")
    assert signalled(a) == {}


def test_negative_nouns_said_of_people_are_epithets_but_not_plain_roles() -> None:
    a = parsed("Senator Mark Dunn is an idiot, said nobody. They called the treasurer a fraud.")
    assert signalled(a, "epithet") == {"idiot": ("own", "pejorative"), "fraud": ("own", "pejorative")}
    role = parsed("He is a suspect in the case, and she is a prisoner of the regime.")
    assert signalled(role, "epithet") == {}
    thing = parsed("The whole scheme is a fraud.")  # said of a thing, not of people
    assert signalled(thing, "epithet") == {}


def test_the_lexicon_wins_over_a_signal_on_the_same_word() -> None:
    a = parsed("The shameful vote passed.")
    loaded, _ = find_terms(a)
    assert [(t["word"], t["signal"]) for t in loaded] == [("shameful", "lexicon")]


def test_without_a_parse_only_the_lexicon_speaks_and_a_refresh_parses() -> None:
    text = "The grotesque regime stalled."
    plain = article(text)
    assert terms(plain) == {"regime": ("own", None, "pejorative")}
    plain.annotations["loaded_terms_lexicon"] = "stale"
    from parallax.annotate.framing import refresh_terms

    refresh_terms(plain)
    assert [t["word"] for t in plain.annotations["loaded_terms"]] == ["grotesque", "regime"]
    assert plain.doc is None  # the parse made for the refresh is not kept


def test_a_loaded_word_is_reported_with_the_phrase_it_stands_in() -> None:
    """The parse widens a loaded noun to its modifiers, a prefix to its compound and a word to the
    degree adverb before it; an adjective stays without its noun. The voice stays the word's."""
    a = parsed(
        "The council backed a disastrous plan. Police arrested two right-wing thugs. "
        "The mayor was so corrupt. Critics mocked the anti-science crowd."
    )
    loaded, _ = find_terms(a)
    phrases = {t["word"]: t["term"] for t in loaded}
    assert phrases["disastrous"] == "disastrous"
    assert phrases["thugs"] == "right-wing thugs"
    assert phrases["corrupt"] == "so corrupt"
    assert phrases["anti"] == "anti-science"
    for t in loaded:
        assert a.text[t["start"] : t["end"]] == t["term"] and t["word"] in t["term"]
    ranges = sorted((t["start"], t["end"]) for t in loaded)
    assert all(e <= s for (_, e), (s, _) in itertools.pairwise(ranges))  # phrases never overlap


def test_adverbs_made_from_judging_adjectives_and_coordinated_adjectives_are_loaded() -> None:
    from parallax.annotate.framing import adverb_bases

    assert "hypocritical" in adverb_bases("hypocritically") and "shoddy" in adverb_bases("shoddily")
    assert adverb_bases("only") == [] and adverb_bases("fly") == []
    a = parsed("The minister hypocritically praised the cuts. They built a grotesque and despotic regime.")
    contrast = parsed("The cuts were grotesque but necessary.")
    assert signalled(contrast, "coordinated") == {}  # a contrast, not a shared judgement
    words = signalled(a) | signalled(a, "coordinated")
    assert words["hypocritically"] == ("own", "pejorative")
    assert signalled(a, "coordinated") == {"despotic": ("own", "pejorative")}  # beside "grotesque"
    plain = parsed("The town built a tall and narrow tower quickly.")
    assert signalled(plain) == {} and signalled(plain, "coordinated") == {}


def test_a_phrase_never_reaches_across_a_quotation_mark() -> None:
    a = parsed("Police arrested the radical “patriot” thugs.")
    loaded, _ = find_terms(a)
    thugs = next(t for t in loaded if t["word"] == "thugs")
    assert thugs["term"] == "thugs" and thugs["voice"] == "own"


def test_verbs_of_saying_that_judge_the_speaker_are_loaded_in_the_outlets_voice() -> None:
    a = parsed("The mayor bragged about the budget and claimed credit for the new park. She said it opened.")
    words = {t["word"]: (t["voice"], t["category"]) for t in find_terms(a)[0]}
    assert words == {"bragged": ("own", "charged-verb"), "claimed": ("own", "charged-verb")}
    noun = parsed("The insurer rejected the claim, and the boast on the poster was removed.")
    assert signalled(noun, "saying") == {}  # a claim, a boast: the statement, not a judgement of it


def test_outlet_profiles_count_loaded_words_not_phrases() -> None:
    from parallax.compare.framing import _ArticleView, _profile, _term_items

    a = parsed("The gang of right-wing thugs left. Later the masked thugs came back.")
    a.annotations["loaded_terms"], a.annotations["referent_terms"] = find_terms(a)
    view = _ArticleView(a)
    items = _term_items(view, {}, {})
    assert sorted(t["term"] for t in items if t["word"] == "thugs") == ["masked thugs", "right-wing thugs"]
    assert "thugs" in _profile([view], items)["own_terms"]
    assert not any(" " in w for w in _profile([view], items)["own_terms"])


# -- quotation marks over lines and a curly mark closing a quotation ----------------------------------


def test_a_curly_opening_mark_may_close_a_quotation() -> None:
    a = article("“It's a disgraceful decision,“ said Ode Varn. The disgraceful vote passed.")
    a.annotations["mentions"] = [person(a, "Ode Varn")]
    loaded, _ = find_terms(a)
    assert [(t["term"], t["voice"]) for t in loaded] == [("disgraceful", "quoted"), ("disgraceful", "own")]


def test_a_quotation_runs_over_lines_when_a_later_line_closes_it() -> None:
    """Text kept one sentence per line: a quotation opened on one line closes on a later one."""
    text = (
        "The union leader was blunt.\n"
        "“We will not bow.\n"
        "This regime is finished,” Ada Lenk said.\n"
        "The regime fell."
    )
    a = article(text)
    a.annotations["mentions"] = [person(a, "Ada Lenk")]
    loaded, _ = find_terms(a)
    assert [(t["term"], t["voice"], t["speaker"]) for t in loaded] == [
        ("regime", "quoted", "Ada Lenk"),
        ("regime", "own", None),
    ]
    straight = article('He wrote: "We stay.\nThe regime falls" and left.\nThe regime fell.')
    assert [t["voice"] for t in find_terms(straight)[0]] == ["quoted", "own"]


def test_a_quotation_reopened_on_the_next_paragraph_closes_at_its_own() -> None:
    """The convention for a quotation over paragraphs: each opens again; the first closes at its end."""
    from parallax.annotate.framing import quotation_spans

    text = "“We stay here\n“and the regime goes,” she said.\nThe regime fell."
    spans = quotation_spans(text)
    assert [text[q.start : q.end] for q in spans] == ["We stay here", "and the regime goes,"]


def test_afinn_and_empath_find_loaded_words_the_other_lexicons_lack() -> None:
    """AFINN-165 rates "tyrannical" and "toxic" (VADER and textblob lack them); Empath lists "lunacy"
    and "petulant" under rage and exasperation. Plain feelings and states stay unmarked."""
    a = parsed(
        "The senator pushed a tyrannical rule through. Critics called the toxic bill a petulant idea. "
        "The whole plan was sheer lunacy."
    )
    words = signalled(a) | signalled(a, "emotion")
    assert words["tyrannical"] == ("own", "pejorative") and words["toxic"] == ("own", "pejorative")
    assert signalled(a, "emotion") == {"petulant": ("own", "pejorative"), "lunacy": ("own", "pejorative")}
    plain = parsed(
        "Workers returned without fear of reprisals. To their surprise, the union filed a complaint. "
        "Two officers were seriously injured."
    )
    assert signalled(plain) == {} and signalled(plain, "emotion") == {}


def test_a_stance_compound_against_something_bad_is_not_loaded() -> None:
    """ "anti-racism protesters" name a movement: neither "anti" nor "racism" is the writer's judgement;
    "anti-science" (against something that is not bad) keeps its prefix as the loaded word."""
    from parallax.annotate.framing import hostile_emotion

    assert hostile_emotion("lunacy", "lunacy") and not hostile_emotion("fear", "fear")
    assert not hostile_emotion("racism", "racism")  # an -ism names a belief or a problem, not a feeling
    stance = parsed("Anti-racism protesters marched through the city on Saturday.")
    loaded, _ = find_terms(stance)
    assert [t["term"] for t in loaded] == []
    label = parsed("The board backed an anti-science campaign.")
    loaded, _ = find_terms(label)
    assert [(t["word"], t["term"]) for t in loaded] == [("anti", "anti-science")]


def test_an_adjective_joins_a_noun_the_lexicons_also_rate_negative() -> None:
    """ "a disgraceful failure": one loaded phrase (VADER rates "failure" negative too); "a disgraceful
    dog" stays the adjective alone."""
    a = parsed("The council made a disgraceful failure of the budget. A disgraceful dog bit the postman.")
    loaded, _ = find_terms(a)
    assert [t["term"] for t in loaded if t["word"] == "disgraceful"] == ["disgraceful failure", "disgraceful"]


def test_nouns_coordinated_with_a_pejorative_noun_share_its_judgement() -> None:
    """ "thugs and scoundrels": coordination lines the nouns up in one role, so the one no lexicon
    knows is loaded too; never a name or a plain role beside it, nor a conjunct of a plain noun."""
    a = parsed(
        "The column called the rebels thugs and scoundrels. Its propaganda and falsehoods filled the pages."
    )
    assert signalled(a, "coordinated") == {
        "scoundrels": ("own", "pejorative"),
        "falsehoods": ("own", "pejorative"),
    }
    for text in (
        "The mayor hired thugs and victims.",  # a plain role
        "The mayor hired thugs and Greenpeace to guard the square.",  # a name
        "The town hired builders and plumbers to fix the square.",  # nothing loaded to share
    ):
        assert signalled(parsed(text), "coordinated") == {}, text


def test_an_empath_word_a_sentiment_lexicon_rates_not_negative_is_no_hostile_feeling() -> None:
    """Empath lists "evident" under disgust and "joke" under ridicule; VADER, AFINN or textblob rate
    them and find nothing negative, so they are no hostile feeling. "lunacy", which no sentiment
    lexicon rates, still is."""
    from parallax.annotate.framing import hostile_emotion, rated_not_negative

    assert rated_not_negative("evident", "evident") and rated_not_negative("joke", "joke")
    assert not hostile_emotion("evident", "evident") and not hostile_emotion("joke", "joke")
    assert not rated_not_negative("lunacy", "lunacy") and hostile_emotion("lunacy", "lunacy")
    assert not rated_not_negative("disgraceful", "disgraceful")  # rated, and negative
    a = parsed("The mistake was evident to everyone, and the plan was a joke.")
    assert signalled(a, "emotion") == {}


# -- weak signal: uncommon words, kept only beside other loaded language ------------------------------


def test_an_uncommon_adjective_counts_only_beside_other_own_voice_loaded_language() -> None:
    """ "clownish" is in no sentiment lexicon and in neither list of common English words: beside
    "shameful" in the outlet's own sentence it is loaded (signal and category "unusual"); alone in
    a plain sentence, or in a quotation, it is not."""
    a = parsed("The senator's clownish antics were shameful, and his aides stayed silent.")
    assert signalled(a, "unusual") == {"clownish": ("own", "unusual")}
    alone = parsed("Her clownish costume won first prize at the county fair.")
    assert signalled(alone, "unusual") == {}
    quoted = parsed("“His clownish aides praised the shameful plan,” said Mara Holt.")
    assert signalled(quoted, "unusual") == {}
    assert signalled(quoted, "lexicon") == {"shameful": ("quoted", "pejorative")}


def test_hedges_support_no_uncommon_word_and_a_verb_needs_two_loaded_words() -> None:
    hedged = parsed("Reportedly, the clownish mayor allegedly left early.")
    assert signalled(hedged, "unusual") == {}
    one = parsed("The shameful council kept blathering about the budget.")
    assert signalled(one, "unusual") == {}
    two = parsed("The shameful council kept blathering about the grotesque budget.")
    assert signalled(two, "unusual") == {"blathering": ("own", "unusual")}


def test_news_words_and_a_common_word_with_a_plain_prefix_are_common() -> None:
    from parallax.annotate.framing import common_words, is_common

    common = common_words()
    assert "nationwide" in common  # Brill's lexicon, from news text
    for word in ("rebranded", "unvetted", "uncheerful"):  # re + branded, un + vetted, un + cheerful
        assert word not in common and is_common(word, word, common), word
    assert not is_common("clownish", "clownish", common)
    assert not is_common("unclownish", "unclownish", common)  # the rest is no common word either
