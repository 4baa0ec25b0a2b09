"""Quotes and their speakers: quote marks by rule, speakers from the parse of real sentences."""

from __future__ import annotations

import pytest

from parallax.annotate.quotes import QuoteStage, find_quote_spans, quote_kind
from parallax.model import Article, Story


def spans(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_quote_spans(text)]


def test_straight_curly_and_guillemet_quotes_are_found_without_their_marks() -> None:
    text = 'He said "we stay," then “we fight.” Ella dijo «no vamos a volver».'
    assert spans(text) == ["we stay", "we fight.", "no vamos a volver"]


def test_a_quote_spanning_two_sentences_is_one_quote() -> None:
    text = "“They took him. They will not take the port,” said Mirko Dal."
    assert spans(text) == ["They took him. They will not take the port"]


def test_a_straight_mark_closed_by_a_curly_one_is_one_quote() -> None:
    text = '"Never underestimate him. He is hard to predict,” Reid said. “One of a kind.”'
    assert spans(text) == ["Never underestimate him. He is hard to predict", "One of a kind."]


def test_unclosed_marks_and_inch_marks_open_nothing() -> None:
    assert spans('A 5"6 pipe burst.\nShe said "we') == []


def test_a_paragraph_of_unclosed_marks_gives_only_the_closed_quote() -> None:

    text = "“word " * 50_000 + "«fine»"
    assert spans(text) == ["fine"]


def test_partial_quotes_are_words_quoted_inside_the_writers_sentence() -> None:
    text = 'Lazic called the strike "economic sabotage" and left. "We will not bow," Dal said. Sabo: "Never."'
    kinds = [quote_kind(text, s) for s in find_quote_spans(text)]
    assert kinds == ["partial", "direct", "direct"]


@pytest.fixture(scope="module")
def parse():
    from parallax.annotate.nlp import parse as parse_text

    def run(text: str) -> list[dict]:
        article = Article(id="a1", text=text)
        article.doc = parse_text(text)
        QuoteStage()([article])
        quotes = article.annotations["quotes"]
        for q in quotes:
            assert text[q["start"] : q["end"]] == q["text"]
            if q["speaker"] is not None:
                assert text[q["speaker_start"] : q["speaker_end"]] == q["speaker"]
        return quotes

    return run


def only(quotes: list[dict], kind: str | None = None) -> dict:
    chosen = [q for q in quotes if kind is None or q["kind"] == kind]
    assert len(chosen) == 1, quotes
    return chosen[0]


@pytest.mark.models
def test_speaker_after_the_quote(parse) -> None:
    q = only(parse('"I walked in as a union man and I walk out as one," Breznik told supporters.'))
    assert (q["speaker"], q["cue"], q["kind"]) == ("Breznik", "told", "direct")


@pytest.mark.models
def test_pronoun_speaker_is_the_last_person_named_as_a_subject(parse) -> None:
    text = (
        "Nadia Korvin travelled to Velmar on Wednesday and met families at Pier Nine.\n"
        "“These families have done nothing wrong,” she said. “The port will stay shut.”"
    )
    quotes = parse(text)
    assert [q["speaker"] for q in quotes] == ["Nadia Korvin", "Nadia Korvin"]
    assert text[quotes[0]["ref_start"] : quotes[0]["ref_end"]] == "she"


@pytest.mark.models
def test_role_speaker_is_the_person_with_that_role(parse) -> None:
    text = (
        "Interior Minister Teodor Lazic defended the arrest on Wednesday. "
        '"No one in this country is above the law," the minister told reporters.'
    )
    q = only(parse(text), "direct")
    assert q["speaker"] == "Teodor Lazic"
    assert text[q["ref_start"] : q["ref_end"]] == "the minister"


@pytest.mark.models
def test_partial_quote_and_reported_speech(parse) -> None:
    text = (
        'Teodor Lazic has described the strike as "economic sabotage". '
        "Oskar Venn said his client would plead not guilty."
    )
    quotes = parse(text)
    partial = only(quotes, "partial")
    assert (partial["text"], partial["speaker"]) == ("economic sabotage", "Teodor Lazic")
    # what Lazic said it of is the writer's words around the quote: the reported content keeps them
    reported = [(q["text"], q["speaker"]) for q in quotes if q["kind"] == "indirect"]
    assert reported == [
        ('the strike as "economic sabotage"', "Teodor Lazic"),
        ("his client would plead not guilty", "Oskar Venn"),
    ]
    # content that is nothing but the quoted words adds nothing to the quote
    bare = parse('Teodor Lazic has denounced "economic sabotage by the harbour board".')
    assert [q["kind"] for q in bare] == ["partial"]
    # content with a few quoted words inside runs on through them
    inside = parse('Mirko Dal calls the new harbour "a mistake" because so few ships ever come to it.')
    assert any(
        q["text"].startswith('the new harbour "a mistake') and q["speaker"] == "Mirko Dal"
        for q in inside
        if q["kind"] == "indirect"
    )


@pytest.mark.models
def test_institutions_and_according_to(parse) -> None:
    text = (
        "Ostra Maritime Holdings runs the port. According to the company, 41 vessels were waiting at anchor. "
        "The Interior Ministry said 14 people were detained."
    )
    quotes = parse(text)
    assert {(q["speaker"], q["cue"]) for q in quotes} == {
        ("Ostra Maritime Holdings", "according to"),
        ("Interior Ministry", "said"),
    }


@pytest.mark.models
def test_colon_and_dash_introduced_quotes(parse) -> None:
    text = (
        'Sister Jelena Sabo spoke to the Bulletin after the march: "They want a martyr. They will get a movement."\n'
        "Asked about talks, deputy chair Goran Petek was blunt — “Not while our chairman sits in a cell.”"
    )
    # quotes only: the parse reads "talks, deputy chair Goran Petek" as what was asked about
    assert [q["speaker"] for q in parse(text) if q["kind"] != "indirect"] == ["Jelena Sabo", "Goran Petek"]


@pytest.mark.models
def test_an_unattributed_quote_stays_unknown(parse) -> None:
    text = "The crowd grew all night.\n“If they can take him, they can take any one of us.”\nPolice watched."
    q = only(parse(text))
    assert q["speaker"] is None and q["cue"] is None


@pytest.mark.models
def test_a_role_that_fits_someone_else_is_not_guessed(parse) -> None:
    text = (
        "President Vladimir Putin sent greetings. Mayor Ana Belić recalled the last visit and thanked the guests. "
        '"All of this is now maintained," said the president.'
    )
    assert only(parse(text), "direct")["speaker"] is None


@pytest.mark.models
def test_many_quotes_on_one_long_line_each_get_their_speaker() -> None:
    """Every quote once rescanned every sentence, entity and quote mark of the article: hours for 2 MB."""

    from parallax.models import spacy_pipeline

    text = 'Mirko Dal said: “We stay.” The minister told him «no» and "we fight" — “Never.” ' * 400
    article = Article(id="a1", text=text)
    article.doc = spacy_pipeline()(text)
    QuoteStage()([article])
    quotes = [q for q in article.annotations["quotes"] if q["kind"] != "indirect"]
    assert len(quotes) == 4 * 400
    assert all(text[q["start"] : q["end"]] == q["text"] for q in quotes)


@pytest.mark.models
def test_story_quotes_name_speakers_by_entity_id() -> None:
    from parallax.annotate.nlp import SpacyStage
    from parallax.compare.entities import EntityStage
    from parallax.compare.quotes import StoryQuoteStage

    a = Article(id="a1", source="Wire", text='"We will not bow," said Radomir Breznik, the union chairman.')
    b = Article(
        id="b1",
        source="Daily",
        text="Radomír Brezník said the strike would go on until the plan was withdrawn.",
    )
    SpacyStage()([a, b])
    QuoteStage()([a, b])
    story = Story(id="s1", article_ids=["a1", "b1"])
    EntityStage()(story, [a, b])
    StoryQuoteStage()(story, [a, b])
    ids = {q["speaker_id"] for q in story.quotes}
    assert len(story.quotes) == 2 and len(ids) == 1 and None not in ids
    breznik = next(e for e in story.entities if e["id"] in ids)
    assert {"Radomir Breznik", "Radomír Brezník"} <= set(breznik["aliases"])
    for q in story.quotes:
        assert q["speaker"] == breznik["name"]
        assert q["evidence"][0]["text"] == q["text"] and q["speaker_evidence"]


@pytest.mark.models
def test_every_seed_quote_points_back_into_its_article(analyzed_seeds) -> None:
    result, _ = analyzed_seeds
    articles = {a["id"] for a in result.report["articles"]}
    quotes = [q for s in result.report["stories"] for q in s["quotes"]]
    assert len(quotes) >= 10
    for q in quotes:
        assert q["article_id"] in articles and q["evidence"][0]["text"] == q["text"]
        assert q["kind"] in {"direct", "partial", "indirect"}
    speakers = {q["speaker"] for q in quotes if q["speaker_id"]}
    assert any("Canel" in s for s in speakers), speakers


@pytest.mark.models
def test_a_role_nobody_holds_is_looked_up_without_walking_back_over_everyone() -> None:
    """ "the engineer said" with no engineer named once walked back over every person: quadratic."""

    from parallax.annotate.quotes import extract_quotes
    from parallax.models import spacy_pipeline

    text = "John Smith arrived. “We stay,” the engineer said. Minister Ana Lind left. " * 1000
    doc = spacy_pipeline()(text)
    quotes = extract_quotes(text, doc)
    assert {q["speaker"] for q in quotes if q["kind"] == "direct"} == {"the engineer"}


@pytest.mark.models
def test_a_person_mention_that_is_only_a_possessive_does_not_break_role_lookup() -> None:
    """spaCy can tag a stray "’s" as a PERSON; trimmed of its possessive, nothing of the name is left."""
    from spacy.tokens import Span

    from parallax.annotate.quotes import Ranges, _SpeakerFinder
    from parallax.models import spacy_pipeline

    text = "Minister John Smith spoke. ’s met him."
    doc = spacy_pipeline()(text)
    stray = next(t.i for t in doc if t.text == "’s")
    doc.ents = [e for e in doc.ents if not e.start <= stray < e.end] + [Span(doc, stray, stray + 1, "PERSON")]
    finder = _SpeakerFinder(text, doc, Ranges([]))
    assert finder._role_holder("minister", len(text)) == (9, 19)  # "Minister John Smith"


@pytest.mark.models
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # the small model tags "answers" a noun and the name its compound: the surface pattern reads it
        ("“We will not sign this deal, not this year,” Varga answers.", "Varga"),
        # an apposition between the name and the verb
        ("“The harbour is safe,” Oskar Lind, head of the port authority, tells reporters.", "Oskar Lind"),
        # an attribution line after the quote, as fact-checks print them
        (
            'Fact check.  "Wages doubled under my plan."  - Tomas Reyna.  The claim is outdated.',
            "Tomas Reyna",
        ),
        # conjoined verbs share the subject of the first, whatever that verb is
        (
            "Marta Veld joined Ivo Brann on stage and joked, “We should have stayed home,” to applause.",
            "Marta Veld",
        ),
        # a reporting verb the lexicon now knows
        ('"The vote was rushed through," opined Ilse Marten.', "Ilse Marten"),
    ],
)
def test_speakers_in_the_ways_news_attributes_quotes(parse, text: str, speaker: str) -> None:
    assert only(parse(text), "direct")["speaker"] == speaker


def test_typewriter_double_apostrophes_are_quote_marks() -> None:
    text = "''We stay,'' he said. Rock 'n' roll is not a quote, nor is the '90s."
    assert spans(text) == ["We stay"]


@pytest.mark.models
@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        # a partial quote after a non-speech cue: the cue's subject speaks
        (
            "Halvard Nyquist labelled the raids as “unprovoked aggression” on Tuesday.",
            "Halvard Nyquist",
            "labelled",
        ),
        ("Marta Veld described the talks as “of great significance.”", "Marta Veld", "described"),
        # a speech noun: its possessor speaks
        (
            "The visit follows Ilse Marten's warnings that the coalition “is ready to fall” this spring.",
            "Ilse Marten",
            "warnings",
        ),
        # a colon after the main verb: its subject, not the subject of the clause before it
        (
            "When Petr Olsen suggested a delay, Anna Brekke fired back: “We will not wait another year.”",
            "Anna Brekke",
            ":",
        ),
        # a participle hung on the verb shares its subject
        ("Tomas Reyna took the stage, telling the crowd, “We are not done yet.”", "Tomas Reyna", "telling"),
    ],
)
def test_speakers_of_quotes_after_other_cues(parse, text: str, speaker: str, cue: str) -> None:
    q = next(q for q in parse(text) if q["kind"] != "indirect")
    assert (q["speaker"], q["cue"]) == (speaker, cue)


@pytest.mark.models
def test_any_verb_right_after_a_quote_that_ends_on_a_comma_attributes_it(parse) -> None:
    text = "“We will not wait,” Anna Brekke said.\n\n“Nobody asked us, nobody told us,” Brekke continued."
    assert [q["speaker"] for q in parse(text)] == ["Anna Brekke", "Brekke"]


@pytest.mark.models
def test_an_unnamed_speaker_stays_unknown_with_the_words_that_describe_them(parse) -> None:
    text = "“It will be close in the north,” said a senior campaign adviser."
    q = only(parse(text), "direct")
    assert q["speaker"] is None and text[q["ref_start"] : q["ref_end"]] == "a senior campaign adviser"


@pytest.mark.models
def test_said_the_role_inversion_resolves_to_the_one_holder(parse) -> None:
    text = (
        "President Aurel Danek opened the summit in Velmar.\n"
        "“The ferries still run, though it costs us more each month,” said the president when asked about the talks."
    )
    assert only(parse(text), "direct")["speaker"] == "Aurel Danek"


@pytest.mark.models
@pytest.mark.parametrize(
    "text",
    [
        # two men named as subjects: "he" could be either
        "Peter Marrow and John Hale met in Oslo on Monday.\n“We agreed on nothing,” he said.",
        "Peter Marrow said John Hale had left early.\n“It was a mistake,” he said.",
    ],
)
def test_a_pronoun_with_two_candidates_stays_unknown(parse, text: str) -> None:
    assert only(parse(text), "direct")["speaker"] is None


@pytest.mark.models
def test_reported_speech_on_either_side_of_the_cue_and_after_report_verbs(parse) -> None:
    text = (
        "The railway line to Velmar will close in May, officials said.\n"
        "Karin Holt believes the new tax will pass before the summer.\n"
        "Polls show that Ivo Brann leads the race in the capital."
    )
    found = {(q["text"], q["speaker"]) for q in parse(text) if q["kind"] == "indirect"}
    assert found == {
        ("The railway line to Velmar will close in May", "officials"),
        ("the new tax will pass before the summer", "Karin Holt"),
        ("Ivo Brann leads the race in the capital", "Polls"),
    }


@pytest.mark.models
def test_a_story_speaker_is_not_a_longer_mention_that_swallowed_the_name() -> None:
    from parallax.compare.quotes import _mention_fits

    # "Palace of the Revolution by Díaz-Canel" (0-38) covers the speaker "Díaz-Canel" (28-38)
    assert not _mention_fits([(0, 38)], 28, 38)
    assert _mention_fits([(28, 38)], 28, 38) and _mention_fits([(22, 38)], 28, 38)


@pytest.mark.models
def test_a_pronoun_agrees_with_the_pronoun_the_article_used_for_each_name(parse) -> None:
    text = (
        "Jonas Velde was taken to the detention centre on Monday. He has not been charged.\n"
        "Jonas Velde remains in custody, his wife, Anna Brekke, told reporters on Thursday.\n"
        "“They let me see him for ten minutes,” she said."
    )
    assert only(parse(text), "direct")["speaker"] == "Anna Brekke"
    # without anything that tells who "she" is, the same two subjects leave it unknown
    unknown = text.replace(" He has not been charged.", "")
    assert only(parse(unknown), "direct")["speaker"] is None


def _person(eid: str, name: str, *roles: str, status: str = "current") -> dict:
    return {"id": eid, "name": name, "type": "PERSON", "aliases": [name], "roles": [
        {"role": r, "status": status} for r in roles], "evidence": []}  # fmt: skip


def _story_speaker(entities: list[dict], text: str, speaker_words: str, named: bool = True) -> tuple:
    """The story speaker of one quote whose article speaker is `speaker_words` (a role phrase)."""
    from parallax.compare.quotes import story_quotes

    at = text.index(speaker_words)
    span = {"ref_start": at, "ref_end": at + len(speaker_words)}
    who = {"speaker": speaker_words, "speaker_start": at, "speaker_end": at + len(speaker_words)}
    quote = {"text": "great significance", "kind": "partial", "cue": "described", "start": 1, "end": 19}
    article = Article(id="a1", text=text)
    article.annotations["quotes"] = [quote | span | (who if named else {"speaker": None})]
    (q,) = story_quotes(Story(id="s1", article_ids=["a1"], entities=entities), [article])
    return q["speaker_id"], q["speaker"]


CUBA_TEXT = '"great significance" was how the Cuban leader described it. Russia\'s interior minister agreed.'


def test_a_role_phrase_resolves_to_the_one_story_entity_holding_that_role() -> None:
    entities = [
        _person("e1", "Miguel Díaz-Canel", "current president"),
        _person("e2", "Vladimir Putin", "Russian president"),
        _person("e3", "Nicolás Maduro", "Venezuelan President"),
        _person("e4", "Raúl Castro", "former president", status="former"),
        _person("e5", "Vladimir Kolokoltsev", "Minister of the Interior of Russia"),
        _person("e6", "Kamala Ortiz", "Vice President of Cuba"),
    ]
    # "leader" covers a president; Putin and Maduro are another country's, Castro a former one
    assert _story_speaker(entities, CUBA_TEXT, "the Cuban leader") == ("e1", "Miguel Díaz-Canel")
    assert _story_speaker(entities, CUBA_TEXT, "Russia's interior minister") == ("e5", "Vladimir Kolokoltsev")
    # left open by the article (only the words kept): the story stage resolves the words alone
    assert _story_speaker(entities, CUBA_TEXT, "the Cuban leader", named=False)[0] == "e1"
    # nobody holds it now: the one former holder
    engineer = [
        _person("e7", "Arkady Venko", "former chief engineer of the Waterworks Board", status="former")
    ]
    assert _story_speaker(engineer, '"great significance", said the engineer.', "the engineer")[0] == "e7"


def test_a_role_two_story_entities_could_hold_stays_unknown() -> None:
    entities = [
        _person("e1", "Miguel Díaz-Canel", "current president"),
        _person("e2", "Vladimir Putin", "President"),
    ]
    assert _story_speaker(entities, CUBA_TEXT, "the Cuban leader") == (None, "the Cuban leader")
    text = '"great significance", said the president.'
    assert _story_speaker(entities, text, "the president", named=False) == (None, None)


def test_a_role_whose_only_holder_is_of_another_country_stays_unknown() -> None:
    entities = [
        _person("e2", "Vladimir Putin", "Russian president"),
        _person("e5", "Vladimir Kolokoltsev", "Russian Foreign Minister"),
    ]
    assert _story_speaker(entities, CUBA_TEXT, "the Cuban leader")[0] is None
    # the phrase's own words must be in the role: a foreign minister is not the interior minister
    assert _story_speaker(entities, CUBA_TEXT, "Russia's interior minister")[0] is None
    # a vice president is not "the president"
    vice = [_person("e6", "Kamala Ortiz", "Vice President")]
    assert _story_speaker(vice, '"great significance", said the president.', "the president")[0] is None


def test_nationality_words_name_their_country() -> None:
    from parallax.compare.roles import place_of, places_in

    assert [place_of(w) for w in ("Cuban", "Russia's", "Chinese", "Iranian", "German", "U.S.")] == [
        "cuba", "russia", "china", "iran", "germany", "united states"]  # fmt: skip
    assert place_of("interior") is None and place_of("Kremlin") is None
    assert places_in("Minister of the Interior of Russia") == {"russia"}
    assert places_in("President of the United States") == {"united states"}
    assert places_in("current president") == set()


def _indirect(quotes: list[dict]) -> set[tuple[str, str | None, bool]]:
    return {(q["text"], q["speaker"], q["said"]) for q in quotes if q["kind"] == "indirect"}


@pytest.mark.models
def test_thought_and_stance_are_reported_content_that_nobody_said(parse) -> None:
    found = _indirect(
        parse(
            "Karin Holt opposes the new harbour tax.\n"
            "Ivo Brann hopes to win the vote in the capital.\n"
            "The mayor, Lena Ostrova, worries about the cost of the bridge.\n"
            "Most residents are proud of the old market hall."
        )
    )
    assert ("the new harbour tax", "Karin Holt", False) in found
    assert ("to win the vote in the capital", "Ivo Brann", False) in found
    assert ("the cost of the bridge", "Lena Ostrova", False) in found
    assert any(text == "the old market hall" and not said for text, _, said in found)
    # a thing holds no view: "the bill supports ..." reports nobody's stance
    assert _indirect(parse("The new bill supports the harbour workers.")) == set()


@pytest.mark.models
def test_attributions_beyond_a_speech_verb_and_its_clause(parse) -> None:
    found = _indirect(
        parse(
            "Turnout fell by a third in the northern districts, according to the electoral commission.\n"
            "Karin Holt called the plan a disaster.\n"
            "Voters in Velmar, who said they wanted a new bridge, turned out early.\n"
            "Ivo Brann's claim that the port would close was denied on Monday.\n"
            "The plan was endorsed by Karin Holt."
        )
    )
    texts = {text: (speaker, said) for text, speaker, said in found}
    assert texts["Turnout fell by a third in the northern districts"][1] is True
    assert texts["the plan a disaster"] == ("Karin Holt", True)
    assert texts["they wanted a new bridge"][1] is True
    assert texts["the port would close"] == ("Ivo Brann", True)
    assert texts["The plan"] == ("Karin Holt", False)


@pytest.mark.models
def test_an_asker_the_text_leaves_unnamed_stays_unknown(parse) -> None:
    found = _indirect(parse("Asked whether the port would close, Karin Holt said the decision was not hers."))
    assert ("whether the port would close", None, True) in found
    assert ("the decision was not hers", "Karin Holt", True) in found


@pytest.mark.models
def test_a_line_led_by_a_name_and_a_colon_is_that_speakers_words(parse) -> None:
    text = (
        "HOLT: We will not close the harbour while I am mayor.\n"
        "Update: the vote was moved to Friday afternoon.\n"
        "“The bridge will open in May,” Brann said.\n"
        "“Nobody asked the fishermen what they wanted.”\n\n-Lena Ostrova, Velmar."
    )
    quotes = parse(text)
    by_text = {q["text"]: q for q in quotes}
    line = by_text["We will not close the harbour while I am mayor."]
    assert line["speaker"] == "HOLT" and line["said"] is True
    assert not any(q["text"].startswith("the vote was moved") for q in quotes)  # "Update" names nobody
    assert by_text["Nobody asked the fishermen what they wanted."]["speaker"] == "Lena Ostrova"


@pytest.mark.models
def test_a_quote_led_by_its_speakers_verb_and_a_comma(parse) -> None:
    q = only(
        parse("Karin Holt continued, “The harbour is the heart of this town and it stays open.”"), "direct"
    )
    assert q["speaker"] == "Karin Holt"


def test_a_lemma_the_tagger_got_wrong_is_read_off_the_word() -> None:
    from types import SimpleNamespace

    from parallax.annotate.quotes import _lemma_in

    def word(text: str, lemma: str) -> SimpleNamespace:
        return SimpleNamespace(lemma_=lemma, lower_=text.lower())

    known = {"hope", "want", "oppose"}
    assert _lemma_in(word("hoping", "hop"), known) == "hope"
    assert _lemma_in(word("hoped", "hop"), known) == "hope"
    assert _lemma_in(word("wants", "wants"), known) == "want"
    assert _lemma_in(word("hopping", "hop"), known) is None
    assert _lemma_in(word("opposed", "oppose"), known) == "oppose"


@pytest.mark.models
def test_a_quote_never_hangs_on_a_verb_across_a_paragraph_break(parse) -> None:
    text = (
        'Last summer Mirko Dal called the harbour board a "cartel" and a "disgrace."\n\n'
        '"What they do is dangerous. They are closing the port without asking anyone," Ana Sabo says.'
    )
    q = next(q for q in parse(text) if q["kind"] == "direct")
    assert q["speaker"] == "Ana Sabo"


@pytest.mark.models
def test_a_long_name_between_the_quote_and_its_verb_and_an_office_named_by_its_owner(parse) -> None:
    long_name = parse(
        'He said so. "Nobody invited us to the harbour today" the Velmar Post\'s senior editor Ana Sabo responded.'
    )
    assert only(long_name, "direct")["speaker"] == "Ana Sabo"
    office = only(
        parse("“The minister never saw the contract,” Karin Holt’s office said in a statement."), "direct"
    )
    assert office["speaker"] == "Karin Holt’s office"


@pytest.mark.models
def test_names_before_a_colon_an_owner_named_organisation_and_an_apposition_speak(parse) -> None:
    colon = parse(
        "Harbour polls were early - Mark Jensen: “One lesson was simple: keep on asking the voters.”"
    )
    assert only(colon, "direct")["speaker"] == "Mark Jensen"
    campaign = parse(
        "“The money paid for the new harbour offices,” the Holt campaign explained in its release."
    )
    assert only(campaign, "direct")["speaker"] == "the Holt campaign"
    apposition = parse(
        '"Will the mayor finally close the port? If not he should resign!" '
        "the opposition leader, Ivo Brann, tweeted Sunday after the vote."
    )
    assert only(apposition, "direct")["speaker"] == "Ivo Brann"


@pytest.mark.models
def test_a_subject_that_names_no_one_speaks_nothing_but_its_owner_may() -> None:
    from parallax.annotate.quotes import extract_quotes
    from parallax.models import spacy_pipeline

    text = (
        "The talks focus on port security, officials said. "
        "Both meetings reflect “the weight Velmar gives the port,” the paper wrote. "
        "Mayor Ida Varga's statements suggest that the strike could end soon. "
        "Prosecutors said the dockers would be charged."
    )
    quotes = extract_quotes(text, spacy_pipeline()(text))
    speakers = {q["speaker"] for q in quotes}
    assert not speakers & {"The talks", "Both meetings", "meetings", "talks"}
    assert any(q["speaker"] == "Ida Varga" and "strike could end" in q["text"] for q in quotes)
    assert any(q["speaker"] == "Prosecutors" and "charged" in q["text"] for q in quotes), (
        "a group still speaks"
    )


def test_mixed_straight_and_curly_marks_close_where_the_attribution_starts() -> None:
    # a curly mark closed by a straight one that a speech verb follows, then the reverse
    text = '“We stay," said Mayor Ida Varga. "We fight.”\n"We are tired,” Olsen said. "We are not done"'
    assert spans(text) == ["We stay", "We fight.", "We are tired", "We are not done"]


@pytest.mark.models
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # signatures after a horizontal bar, with a no-break space, each on its own line
        (
            "“The vote was taken from us.” ― Ilse Marten\n“We march again in May.” ―\u00a0Petr Olsen\n",
            "Ilse Marten",
        ),
        # a surname alone on the next line, when the article names that person
        (
            "Anna Varga spoke twice in the debate.\n\n"
            '"I voted against the port deal before anyone else did."\n\n- Varga.\n\nThat is only partly true.',
            "Varga",
        ),
        # a person named after the mark, then an aside in commas (with quoted words), then the verb
        (
            "“We have had better weeks than this one,” harbour delegate Olav Brekke, wearing a union cap"
            " and “Port First” pins, said quietly as the hall emptied.",
            "Olav Brekke",
        ),
        # after a question mark, a name and its verb attribute the question
        ("“Is that how the port is run now?” Ivo Brann asked.", "Ivo Brann"),
    ],
)
def test_signatures_asides_and_inverted_attributions(parse, text: str, speaker: str) -> None:
    assert next(q for q in parse(text) if q["kind"] == "direct")["speaker"] == speaker


@pytest.mark.models
def test_the_attribution_right_after_the_mark_outranks_another_speech_verb(parse) -> None:
    text = (
        '"Those were not my words. Not once," Varga said, after the host, Petr Olsen, said '
        "she had called the port a ruin."
    )
    assert only(parse(text), "direct")["speaker"] == "Varga"


@pytest.mark.models
def test_a_bare_quote_paragraph_goes_on_with_the_speaker_named_just_before(parse) -> None:
    text = (
        "“We will not wait for the ministry,” said Anna Brekke, who chairs the dockers' union.\n\n"
        "“Nobody asked us. Nobody told us. We read about it in the paper.”"
    )
    assert [q["speaker"] for q in parse(text) if q["kind"] == "direct"] == ["Anna Brekke", "Anna Brekke"]


@pytest.mark.models
@pytest.mark.parametrize(
    "text",
    [
        # the paragraph before ends on a quote, not on its speaker: the bare one may be a slogan
        "“They came at night,” she said. “They took the boats.”\n\n“If they take the boats, they take us all.”\n\n"
        "The words were painted on every quay by Friday.",
        # a question: the next voice may answer it
        "“Will the port reopen this year?” asked Petr Olsen.\n\n“Not while the strike lasts.”",
    ],
)
def test_a_bare_quote_paragraph_is_not_given_a_speaker_it_may_not_have(parse, text: str) -> None:
    assert [q for q in parse(text) if q["kind"] == "direct"][-1]["speaker"] is None


@pytest.mark.models
def test_a_name_spoken_about_before_the_colon_is_not_the_speaker(parse) -> None:
    text = (
        "Marta Veld remembered the night of the vote.\n\nShe added about Ivo Brann: “He was sorry for him.”"
    )
    assert only(parse(text), "direct")["speaker"] != "Ivo Brann"


@pytest.mark.models
def test_described_speakers_keep_their_words(parse) -> None:
    # a role the article never gave anyone: the words are kept for the story stage
    text = (
        "“Nobody else gets asked about their boats this often,” the Republican presidential candidate said."
    )
    q = only(parse(text), "direct")
    assert text[q["ref_start"] : q["ref_end"]].endswith("Republican presidential candidate")
    # an unnamed speaker with whom they speak for
    text = "“The text of the law says nothing of the kind,” said a spokeswoman for the harbour board."
    q = only(parse(text), "direct")
    assert (
        q["speaker"] is None and text[q["ref_start"] : q["ref_end"]] == "a spokeswoman for the harbour board"
    )


@pytest.mark.models
def test_reported_speech_an_organisation_gives_and_a_clause_joined_after_it(parse) -> None:
    text = (
        "The harbour board published its figures on Monday. It said it had doubled the teams that check cargo. "
        "The fire chief said it was too early to tell, and there was no evidence yet of sabotage."
    )
    reported = [q for q in parse(text) if q["kind"] == "indirect"]
    assert any(q["text"].startswith("it had doubled the teams") and q["speaker"] is None for q in reported)
    assert any(
        "too early to tell" in q["text"] and "no evidence yet of sabotage" in q["text"] for q in reported
    )


@pytest.mark.models
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a title's stop and a bracketed affiliation between the mark and the verb end no sentence
        (
            "“He said that ‘we know the difference between a port and a car park,’” Rep. Ida Varga (D-Wash.) said.",
            "Ida Varga",
        ),
        # "as X put it": the clause says whose words are quoted
        (
            "His record has not kept him from being seen, as the Harbour Gazette put it in a long report, “the "
            "owners' friend.”",
            "Harbour Gazette",
        ),
    ],
)
def test_a_titled_speaker_after_the_mark_and_as_one_puts_it(parse, text: str, speaker: str) -> None:
    assert next(q for q in parse(text) if q["kind"] != "indirect")["speaker"] == speaker


@pytest.mark.models
@pytest.mark.parametrize(
    ("text", "not_speaker"),
    [
        # the one asked is not the one who asks
        (
            "In an interview published on Wednesday, Ida Varga was asked, “Where is the worst port you have seen?”",
            "Ida Varga",
        ),
        # a speech verb in an earlier clause of the sentence is not the quote's cue
        (
            "After the former governor Olav Brekke criticized the union during a debate, Marta shot back, "
            "“I could have stayed home, but I chose to fight.”",
            "Olav Brekke",
        ),
        # a clause about the attribution does not give it its subject
        (
            "“Sharp question, a really sharp question from you,” Varga, the favourite in the port ward after "
            "winning the primary, said when Petr Olsen asked her a question.",
            "Petr Olsen",
        ),
        # a name right after the mark is another voice, not a continuation of the first
        ("“We will look at many people,” Anna Brekke said. “Ivo Lund?” Petr repeated.", "Anna Brekke"),
    ],
)
def test_a_person_spoken_to_or_of_is_not_the_speaker(parse, text: str, not_speaker: str) -> None:
    assert [q for q in parse(text) if q["kind"] == "direct"][-1]["speaker"] != not_speaker


@pytest.mark.models
def test_a_speech_verb_joined_to_the_reported_clause_is_the_speakers(parse) -> None:
    text = (
        "Speaking to supporters at the party office, Ida Varga, 70, said the count was not finished yet but "
        "added, “I think you all know the result.”"
    )
    assert only(parse(text), "direct")["speaker"] == "Ida Varga"


@pytest.mark.models
def test_an_unnamed_commenter_is_kept_as_described(parse) -> None:
    text = "One more reader said, “She has made her view of the harbour plain.”"
    q = only(parse(text), "direct")
    assert q["speaker"] is None and text[q["ref_start"] : q["ref_end"]] == "One more reader"


def test_said_the_president_is_the_president_the_article_named_just_before() -> None:
    from parallax.compare.quotes import story_quotes

    text = (
        "President Ilse Marrow hosted President Oren Vale in March.\n"
        "Later, Vale flew home.\n"
        "Marrow thanked the delegation.\n"
        '"We will go on," said the president.'
    )

    def person(eid: str, name: str, *at: int) -> dict:
        spans = [{"article_id": "a1", "start": s, "end": s + len(name.split()[-1])} for s in at]
        return _person(eid, name, "President") | {"evidence": spans}

    def speaker(entities: list[dict], body: str) -> str | None:
        article = Article(id="a1", text=body)
        at = body.index("the president")
        q0 = body.index("We will")
        article.annotations["quotes"] = [
            {"text": "We will go on,", "kind": "direct", "cue": "said", "start": q0, "end": q0 + 14,
             "speaker": None, "ref_start": at, "ref_end": at + len("the president")}
        ]  # fmt: skip
        (q,) = story_quotes(Story(id="s1", article_ids=["a1"], entities=entities), [article])
        return q["speaker_id"]

    marrow_at = [text.index("Marrow"), text.index("Marrow thanked")]
    vale_at = [text.index("Vale"), text.index("Vale flew")]
    entities = [person("e1", "Ilse Marrow", *marrow_at), person("e2", "Oren Vale", *vale_at)]
    # two presidents in the story; the article named Marrow last, and Vale only a paragraph before that
    assert speaker(entities, text) == "e1"
    # both named in the paragraph just before the quote: unknown, never guessed
    both = text.replace("Marrow thanked the delegation.", "Marrow and Vale thanked the delegation.")
    entities_both = [
        person("e1", "Ilse Marrow", both.index("Marrow"), both.index("Marrow and")),
        person("e2", "Oren Vale", both.index("Vale"), both.index("Vale thanked")),
    ]
    assert speaker(entities_both, both) is None


@pytest.mark.models
def test_reported_content_the_parse_splits_or_hangs_elsewhere(parse) -> None:
    def reported(text: str) -> list[tuple[str, str | None]]:
        return [(q["text"], q["speaker"]) for q in parse(text) if q["kind"] == "indirect"]

    # one clause the parse split into two complements of "said" is one content
    split = reported(
        "The governor said they are fine with however the vote plays out but want to end the fight."
    )
    assert any("fine with however the vote plays out" in t for t, _ in split)
    # "As X noted, ..." reports the clause it qualifies; "as X spoke" only says when
    assert reported(
        "As the Velmar Herald noted, Brandt raised more than $1 million from the shipping industry."
    ) == [("Brandt raised more than $1 million from the shipping industry", "Velmar Herald")]
    assert reported("As the senator spoke, protesters gathered outside the hall.") == []
    # a condition before a stance verb is not what is sought
    assert reported("If Kerr wins the vote, Dallow is seeking to stop the bleeding.") == [
        ("to stop the bleeding", "Dallow")
    ]


@pytest.mark.models
def test_quoted_words_in_the_object_of_any_verb_are_the_subjects_words(parse) -> None:
    quotes = parse('Marlow defended his comments as "sarcastic" on Friday.')
    assert [(q["text"], q["speaker"]) for q in quotes if q["kind"] == "indirect"] == [
        ('his comments as "sarcastic"', "Marlow")
    ]
    # a thing cannot use words: "the bill" names no speaker
    assert not [q for q in parse('The bill bans "assault weapons" in the state.') if q["kind"] == "indirect"]


@pytest.mark.models
def test_claims_whose_holder_the_text_does_not_name_stay_unknown(parse) -> None:
    # the one who faces charges does not make them: reported content, speaker unknown
    charged = only(
        parse("For years, the host has faced charges that he spread false medical advice on his show.")
    )
    assert (charged["text"], charged["speaker"], charged["ref_start"]) == (
        "he spread false medical advice on his show",
        None,
        None,
    )
    voiced = only(parse("Senator Cruz expressed skepticism that the deal would hold."))
    assert voiced["speaker"] == "Cruz" and "the deal would hold" in voiced["text"]
    # a document shows a finding; a person the parse hangs the participle on does not speak
    shown = parse("Reporters found handwritten ledgers showing he was paid $12 million by the party.")
    assert ("he was paid $12 million by the party", "handwritten ledgers") in [
        (q["text"], q["speaker"]) for q in shown
    ]
    assert parse("The senator emailed supporters saying the struggle would go on.") == []


@pytest.mark.models
def test_speaker_named_in_a_clause_or_sentence_before_the_quote(parse) -> None:
    put = only(parse('As Dana Millet puts it, "The harbour board is unmoved, and the dockers are tired."'))
    assert put["speaker"] == "Dana Millet"
    agreed = parse('Professor Dianne Brystal agreed. "The board has only weeks left to act."')
    assert only(agreed, "direct")["speaker"] == "Dianne Brystal"
    # a sentence that says something of its own introduces nobody's words
    assert only(parse('Marta Kell disagreed with him. "That is wrong."'))["speaker"] is None
    # "the Kell supporter" names nobody: the words are kept, the speaker stays unknown
    text = "The Kell supporter retorted: “Voters who stay home will regret it by spring.”"
    retort = only(parse(text))
    assert retort["speaker"] is None and text[retort["ref_start"] : retort["ref_end"]] == "The Kell supporter"


@pytest.mark.models
def test_how_things_seem_is_content_nobody_named_holds(parse) -> None:
    quotes = parse(
        "Weaver did not seem particularly impressed with the comments, telling reporters he would wait."
    )
    seems = next(q for q in quotes if q["cue"] == "seem")
    assert (seems["text"], seems["speaker"], seems["said"]) == (
        "Weaver did not seem particularly impressed with the comments",
        None,
        False,
    )
    assert only(parse("It seems that the port will close."))["text"] == "the port will close"
    # where someone appears is no content; nor is an opening participle's
    assert parse("The senator appeared on Fox News on Sunday.") == []
    assert parse("Appearing calm, Kasich took the stage.") == []


@pytest.mark.models
def test_according_to_set_off_inside_a_clause_qualifies_all_of_it(parse) -> None:
    text = (
        "The largest ten ports moved 40 percent of all cargo, according to the Velmar Harbour Office, "
        "and the largest fifty moved 83 percent."
    )
    q = only(parse(text))
    assert q["text"].startswith("The largest ten ports moved") and q["text"].endswith("moved 83 percent")
    assert q["speaker"] == "Velmar Harbour Office"


@pytest.mark.models
def test_a_participle_after_a_reported_clause_goes_on_with_the_reporter(parse) -> None:
    text = "Dana Byrne also wrote the pilots expected rough seas, saying, “We had seen worse winters.”"
    assert only(parse(text), "direct")["speaker"] == "Dana Byrne"


@pytest.mark.models
def test_an_unnamed_speaker_after_the_quote_is_kept_as_words(parse) -> None:
    text = "“Who pays for the new pier?” asked the boy, who wore a green scarf, as the hall fell quiet."
    q = only(parse(text), "direct")
    assert q["speaker"] is None and text[q["ref_start"] : q["ref_end"]] == "the boy"


@pytest.mark.models
def test_pieces_of_the_content_the_parse_hangs_on_said_stay_in_it(parse) -> None:
    text = (
        "Port engineers said funds are urgently needed to dredge the channel, repair the quay and train "
        "more pilots."
    )
    q = only(parse(text))
    assert (
        q["text"] == "funds are urgently needed to dredge the channel, repair the quay and train more pilots"
    )
    text = "Ms. Toretti and other donors said their networks, almost all men until a few years ago, were now mostly women."
    q = only(parse(text))
    assert q["text"].startswith("their networks") and q["text"].endswith("were now mostly women")


@pytest.mark.models
@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        # an inversion with a verb that is speech only beside a quote
        (
            "“That was the best night of my life!” grinned Ida Varga, a nurse from the port ward.",
            "Ida Varga",
            "grinned",
        ),
        (
            "“A lot of people told us to stop,” remembered Peter Lindqvist, the firm's former treasurer.",
            "Peter Lindqvist",
            "remembered",
        ),
        # a question the parser does not hang on the verb after it, and a name the recogniser misses
        (
            "“Is that really all you have?” Berg went on, as if the minister had not spoken.",
            "Berg",
            "went",
        ),
        # no modal comes before a past tense: "Will" is a name here
        (
            "“The harbour will close in May, and the ferries with it,” Will wrote in his column on Sunday.",
            "Will",
            "wrote",
        ),
        # the same when the tagger reads "wrote" as a participle after "Will"
        (
            "“This might, and should, hasten the end of the campaigns of Ida Varga and Petr Olsen,” Will wrote.",
            "Will",
            "wrote",
        ),
    ],
)
def test_a_person_and_any_verb_right_after_an_open_quote_attribute_it(
    parse, text: str, speaker: str, cue: str
) -> None:
    q = only(parse(text), "direct")
    assert (q["speaker"], q["cue"]) == (speaker, cue)


@pytest.mark.models
@pytest.mark.parametrize(
    "text",
    [
        # the name only owns the subject: the supporters cheered, not Kowalski
        "“Lock her up!” cheered Kowalski's supporters outside the hall.",
        # a quoted sentence closed by a full stop: what follows is a sentence of its own
        "“It is over.” Kowalski left the room without another word.",
    ],
)
def test_a_verb_after_a_quote_gives_no_speaker_it_does_not_have(parse, text: str) -> None:
    assert only(parse(text), "direct")["speaker"] is None


@pytest.mark.models
def test_a_paragraph_opening_on_a_verb_then_a_name_and_a_colon_is_that_persons_words(parse) -> None:
    text = (
        "Varga told the paper the port would stay open. “The ferries, especially the night ones, are very "
        "busy in summer.”\n\nContinued Varga: “So we will not close it, whatever the ministry says.”"
    )
    q = parse(text)[-1]
    assert (q["kind"], q["speaker"], q["cue"]) == ("direct", "Varga", "Continued")


@pytest.mark.models
def test_a_surname_the_tagger_reads_as_a_common_noun_still_speaks_at_a_sentence_start(parse) -> None:
    # "Trump" opens its sentence after the closing mark and is tagged as the common noun, but the
    # article has already named Mayor Ida Trump
    text = (
        'Mayor Ida Trump spoke to the council on Monday.\n\n"Do you expect me to step aside?" Trump asked '
        "the councillors at a briefing late last month."
    )
    assert (only(parse(text), "direct")["speaker"], only(parse(text), "direct")["cue"]) == ("Trump", "asked")


def ref(text: str, q: dict) -> str | None:
    return None if q["ref_start"] is None else text[q["ref_start"] : q["ref_end"]]


@pytest.mark.models
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # the tagger reads "Trump" after the closing mark as a verb; the article names Mayor Jon Trump
        (
            'Mayor Jon Trump spoke first.\n\n"Ivo wants to sound tough on the budget," Trump shot back.',
            "Trump",
        ),
        # the name hung on the verb as its modifier ("Conway" compound of "notes")
        (
            'Helen Conway defended him.\n\n"Read the letter he sent after the flood," Conway notes.',
            "Conway",
        ),
        # nested closing marks before the outer one: the quoted sentence is still left open
        (
            "“She told us, ‘Keep the old boats, but let’s build two new ones,’” Varga continued.",
            "Varga",
        ),
        # a no-break space between the name and its verb is no word of its own
        (
            "Anton Todd asked the mayor about the letter. “Did you know who wrote it?” Todd\xa0asked the mayor.",
            "Todd",
        ),
        # a name glued to the closing mark, which the tokenizer joins to the last quoted word
        (
            "Ida Kovac spoke on Monday. “I think it is odd to see him lean on so many old grudges,”"
            "Kovac said.",
            "Kovac",
        ),
        # a name of several words after a quote closed by "!"
        (
            "“The proud state of Velmora casts all of its votes for the next governor!” US Senator Jens "
            "Sorensen said as he opened the count.",
            "Jens Sorensen",
        ),
        # a digest's signature: a spaced dash, a name, the colon
        (
            "Forecasts missed the turn - Ida Varga: “The main lesson of the night was an old one.”",
            "Ida Varga",
        ),
        (
            "Turnout figures are hard to trust - Pew Research: “Every sample holds more keen voters "
            "than it ought to.”",
            "Pew Research",
        ),
        # a speech noun taken by a voicing verb before the comma that opens the quote
        (
            "Right after the flood, Ida Varga issued a statement, “Last night, our river broke its banks. "
            "Our thoughts are with every family it hit.”",
            "Ida Varga",
        ),
    ],
)
def test_speakers_the_parse_garbles_or_the_marks_hide(parse, text: str, speaker: str) -> None:
    assert only(parse(text), "direct")["speaker"] == speaker


@pytest.mark.models
def test_a_verb_with_an_object_of_its_own_after_an_ended_quote_signs_nothing(parse) -> None:
    text = "“Open every gate!” Farmers remember that speech as the start of the free market."
    assert only(parse(text), "direct")["speaker"] is None


@pytest.mark.models
def test_a_question_the_speaker_says_goes_on_in_the_next_quoted_paragraph(parse) -> None:
    said = parse(
        "Senator Ida Murphy spoke at the church.\n\n“There's a pattern in all those delays, right?” said "
        "Murphy, who drives the route daily.\n\n“Honestly, those breakdowns are no accident.”"
    )
    asked = parse(
        "Senator Ida Murphy spoke at the church.\n\n“Is there a pattern in all those delays?” asked "
        "Murphy.\n\n“Those breakdowns are no accident.”"
    )
    assert [q["speaker"] for q in said if q["kind"] == "direct"] == ["Murphy", "Murphy"]
    assert [q["speaker"] for q in asked if q["kind"] == "direct"] == [
        "Murphy",
        None,
    ]  # the answer may be another's


@pytest.mark.models
def test_the_rest_of_a_sentence_an_attribution_interrupts_is_the_same_speakers(parse) -> None:
    quotes = parse('"The danger," said Ivo Lindqvist, a planner at the port, "is that the ferries stop."')
    assert [(q["kind"], q["speaker"]) for q in quotes] == [
        ("direct", "Ivo Lindqvist"),
        ("partial", "Ivo Lindqvist"),
    ]


@pytest.mark.models
@pytest.mark.parametrize(
    ("text", "described"),
    [
        (
            "“We have a lot left to fix,” said a longtime adviser to both Varkas, who, like several others, "
            "asked not to be named.",
            "a longtime adviser to both Varkas",
        ),
        ("“The slump is real,” said a person close to the Varkas.", "a person close to the Varkas"),
        (
            '"After the bridge closed, we saw how few came," said one owner of a bakery that faces the pier.',
            "one owner of a bakery",
        ),
        (
            "“The seat is hers to keep for now,” added another New Hampshire Democrat.",
            "another New Hampshire Democrat",
        ),
        (
            'Although no deal is near, a ministry aide who asked not to be named said Wednesday, "Of course '
            'the two teams are talking."',
            "a ministry aide",
        ),
    ],
)
def test_an_unnamed_speaker_keeps_the_words_that_describe_them(parse, text: str, described: str) -> None:
    q = only(parse(text), "direct")
    assert (q["speaker"], ref(text, q)) == (None, described)


@pytest.mark.models
def test_another_voice_introduced_between_two_quotes_is_not_the_first_one_going_on(parse) -> None:
    text = (
        "“There are more names on the ballot here,” added another Ohio Republican. Yet another said, "
        "“Brann is in a four-way fight for second place.”"
    )
    first, second = [q for q in parse(text) if q["kind"] == "direct"]
    assert ref(text, first) == "another Ohio Republican"
    assert ref(text, second) != "another Ohio Republican"


@pytest.mark.models
def test_a_participle_deeper_in_a_reported_clause_goes_on_with_the_reporter(parse) -> None:
    # "saying" hangs on "choose", inside what the strategist said: Varga is spoken of, not speaking
    text = (
        "Even a senior party strategist said Varga will have to decide which camp she backs, saying, “Sooner or "
        "later, she is going to have to tell voters where she stands.”"
    )
    q = only(parse(text), "direct")
    assert (q["speaker"], ref(text, q)) == (None, "Even a senior party strategist")


@pytest.mark.models
def test_a_sentence_after_a_closed_quote_whose_subject_is_a_missed_name_is_no_other_voice(parse) -> None:
    # "Bills" (a capitalised plural the tagger reads as a name) opens a sentence of the writer's own
    text = (
        '"These children grow up in local families," said Sen. Ida Varga (D-Minn.), who sponsored the act. '
        '"This steady threat to the only home they know is unfair." Two bills on it reached the Senate floor in March.'
    )
    assert [q["speaker"] for q in parse(text) if q["kind"] == "direct"] == ["Ida Varga", "Ida Varga"]


@pytest.mark.models
def test_reported_content_stays_in_the_paragraph_of_its_cue() -> None:
    from parallax.annotate.quotes import _cut_at_paragraph
    from parallax.models import spacy_pipeline

    doc = spacy_pipeline()("Karin Holt said the port would stay open\n\nThe ferries left at noon")
    said = next(t for t in doc if t.text == "said")
    after = [t for t in doc if t.i > said.i]
    assert " ".join(t.text for t in _cut_at_paragraph(after, said)) == "the port would stay open"
    before = [t for t in doc if t.i < said.i]
    assert _cut_at_paragraph(before, said) == before  # one paragraph: nothing to cut


@pytest.mark.models
@pytest.mark.parametrize(
    ("text", "content", "speaker", "said"),
    [
        # seeing or viewing something as something: a view the viewers hold
        (
            "Many voters in Velmar see Ivo Brann as the stronger candidate.",
            "Ivo Brann as the stronger candidate",
            "Many voters",
            False,
        ),
        # pointing to something: what a speaker cites
        (
            "Karin Holt pointed to the falling cost of the bridge.",
            "the falling cost of the bridge",
            "Karin Holt",
            True,
        ),
        # an active participle on a noun for people: what they hold
        ("The hall was full of voters supporting Ivo Brann.", "Ivo Brann", "voters", False),
    ],
)
def test_views_pointers_and_participles_report_content(
    parse, text: str, content: str, speaker: str, said: bool
) -> None:
    assert (content, speaker, said) in _indirect(parse(text))


@pytest.mark.models
def test_a_relative_clause_cue_reports_the_noun_it_hangs_on(parse) -> None:
    found = _indirect(parse("Karin Holt gave the speech in the plain style she prefers."))
    assert any(text == "the plain style she prefers" and not said for text, _, said in found)


@pytest.mark.models
@pytest.mark.parametrize(
    "text",
    [
        "The bridge is widely considered one of the oldest in the region.",
        "Karin Holt was declared the winner in Velmar.",
    ],
)
def test_a_passive_cue_with_nobody_named_reports_its_whole_clause_unattributed(parse, text: str) -> None:
    # the subject is what is said of, not the one who says it
    assert _indirect(parse(text)) == {(text.rstrip("."), None, False)}


@pytest.mark.models
def test_a_headline_led_by_a_name_the_article_gives_or_by_a_poll_is_reported_content(parse) -> None:
    found = _indirect(
        parse(
            "Brann: The port will stay open all winter.\n"
            "Poll: Holt leads in the northern districts.\n"
            "Ivo Brann spoke to reporters in Velmar on Monday."
        )
    )
    assert ("The port will stay open all winter.", "Brann", True) in found
    assert ("Holt leads in the northern districts.", "Poll", True) in found
    # a line led by a word the article names nobody by is no attribution
    assert not _indirect(parse("Update: The ferries to the islands will run twice a day."))


@pytest.mark.models
@pytest.mark.parametrize(
    "text",
    [
        # inverted: the words after "said" name the speaker, they are not what was said
        '"The port is safe," said Ivo Brann, a harbour pilot who heads the union.',
        # set off by a comma after the cue, "as ..." says when it was said
        '"The port is safe," Karin Holt said, as the ferries left the harbour.',
    ],
)
def test_the_speaker_or_the_time_after_a_cue_is_no_reported_content(parse, text: str) -> None:
    assert _indirect(parse(text)) == set()


@pytest.mark.models
def test_a_clause_marked_as_hearsay_is_reported_content_of_nobody_named(parse) -> None:
    found = _indirect(parse("The ferry company has reportedly hired divers to search the harbour."))
    assert ("The ferry company has reportedly hired divers to search the harbour", None, True) in found
    # the writer's own inference is no report
    assert not _indirect(parse("The ferry company has apparently hired divers to search the harbour."))


def test_a_curly_mark_closed_by_a_straight_one_is_one_quote() -> None:
    text = '“The ferries will run all winter," Ivo Brann said. "We have the crews."'
    assert spans(text) == ["The ferries will run all winter", "We have the crews."]
    # straight marks that pair among themselves close nothing: the curly quote runs on
    assert spans('“He called the plan "a folly" and walked out of the hall.') == ["a folly"]
    assert spans('The mayor called the pilot a “loyal servant," and left.') == ["loyal servant"]


@pytest.mark.models
def test_a_document_speaks_for_the_owner_that_names_it(parse) -> None:
    report = parse('"Harbour traffic will fall by a third next year," the IMF report stated on Tuesday.')
    assert only(report, "direct")["speaker"] == "the IMF report"
    # a person's letter: the person's words
    letter = parse(
        "Ivo Brann wrote to the harbour board. Brann’s letter makes a simple case: "
        "“The port must stay open all winter.”"
    )
    assert only(letter, "direct")["speaker"] == "Brann"
    # an owner the text does not name: nobody
    assert (
        only(parse('"Harbour traffic will fall next year," his report stated.'), "direct")["speaker"] is None
    )


@pytest.mark.models
def test_a_curly_quote_closed_by_a_straight_mark_keeps_its_speaker(parse) -> None:
    quotes = parse('“The ferries will run all winter," Ivo Brann said. "We have the crews."')
    assert [(q["text"], q["speaker"]) for q in quotes if q["kind"] == "direct"] == [
        ("The ferries will run all winter", "Ivo Brann"),
        ("We have the crews.", "Ivo Brann"),
    ]


@pytest.mark.models
def test_the_person_shown_speaking_in_footage_speaks(parse) -> None:
    quote = only(parse("The ad uses footage of Maria Lopez asking, “Why am I not ahead?”"), "direct")
    assert (quote["speaker"], quote["cue"]) == ("Maria Lopez", "asking")
    # the one who airs it does not
    aired = only(parse("Maria Lopez aired footage of the harbour, saying, “The port is safe.”"), "direct")
    assert aired["speaker"] == "Maria Lopez"


@pytest.mark.models
def test_in_someones_words_names_the_speaker(parse) -> None:
    owned = parse(
        "The summit came to Velmar because, in Forbes’ words, “it is the most inventive city around.”"
    )
    assert only(owned, "partial")["speaker"] == "Forbes"
    unnamed = only(
        parse(
            "But Maria Lopez dislikes “noise,” in the words of one senior aide, "
            "and bristled when aides Ivo Brann and Karin Holt attacked her."
        ),
        "partial",
    )
    assert unnamed["speaker"] is None
    assert unnamed["text"] == "noise"
    # words that belong to nobody in particular leave the attribution to the sentence
    plain = parse("Maria Lopez spoke. She said it in a few words: “The port is safe.”")
    assert only(plain, "direct")["speaker"] == "Maria Lopez"


@pytest.mark.models
def test_a_party_word_with_a_determiner_describes_a_speaker_it_does_not_name(parse) -> None:
    text = '"We will not back down on this bill," added a second Ohio Republican.'
    quote = only(parse(text), "direct")
    assert quote["speaker"] is None
    assert text[quote["ref_start"] : quote["ref_end"]] == "a second Ohio Republican"
    # a name set off after the description is the speaker
    named = only(
        parse('"This is a waste of money," said another Senate Democrat, Sen. Mark Tully of Oregon.')
    )
    assert named["speaker"] == "Mark Tully"
    # a party word with no determiner before a name stays part of the name's title
    assert only(parse('Democrat Jo Kemp said "the vote is close."'))["speaker"] == "Jo Kemp"


@pytest.mark.models
def test_a_no_break_space_inside_a_name_keeps_the_name_whole(parse) -> None:
    text = "“Nobody in this town trusts the ferry timetable,” mused radio co-host Lukas\u00a0Ferrand. “Least of all the captains.”"
    # the speaker is the text as written (the fixture checks its offsets); name matching folds the space
    assert [q["speaker"] for q in parse(text)] == ["Lukas\u00a0Ferrand", "Lukas\u00a0Ferrand"]


@pytest.mark.models
def test_a_name_before_a_participle_like_verb_after_a_question_speaks(parse) -> None:
    quotes = parse(
        "Petra Voss runs the evening programme. “Is the bridge toll fixed?” Voss pressed. “Could it fall?”"
    )
    assert [q["speaker"] for q in quotes] == ["Voss", "Voss"]


@pytest.mark.models
def test_the_name_that_ends_a_long_title_after_an_inverted_verb_speaks(parse) -> None:
    text = (
        "“The budget office keeps moving the numbers,” said Harbour committee ranking Democrat "
        "Ottilie Varga (D-Vel.). “It is a shell game.”"
    )
    assert [q["speaker"] for q in parse(text)] == ["Ottilie Varga", "Ottilie Varga"]


@pytest.mark.models
def test_words_quoted_in_an_aside_after_the_name_do_not_end_the_speakers_turn(parse) -> None:
    text = (
        "“The bridge plan confuses me,” said retired pilot Mara Kell of Velmar, ahead of a “harbour night” "
        "dinner run by the mayor. “Nobody has explained the tolls.”"
    )
    quotes = parse(text)
    assert [(q["kind"], q["speaker"]) for q in quotes] == [
        ("direct", "Mara Kell"),
        ("partial", "Mara Kell"),
        ("direct", "Mara Kell"),
    ]
    # a sentence of someone else's between the two quotes still hands the next quote on
    other = parse(
        "“The bridge plan confuses me,” said Mara Kell. Ivo Brann called it “a farce.” “Nobody has explained the tolls.”"
    )
    assert [q["speaker"] for q in other] == ["Mara Kell", "Ivo Brann", "Ivo Brann"]


@pytest.mark.models
def test_words_quoted_as_a_persons_stance_are_that_persons(parse) -> None:
    quote = only(
        parse(
            "Mara Kell toured the coast on Monday. She talked up her “blue harbour pact,” vowing to return."
        ),
        "partial",
    )
    assert quote["speaker"] == "Mara Kell"
    # a stance reported in someone else's sentence is the reporter's wording
    reported = only(
        parse("Mara Kell spoke on Monday. She said Ivo Brann favors a “strongman approach.”"), "partial"
    )
    assert reported["speaker"] == "Mara Kell"
    # a finding quotes no one
    assert only(parse('A new poll supports "the harbour plan."'))["speaker"] is None


@pytest.mark.models
def test_an_unnamed_person_right_after_a_question_is_kept_as_a_description(parse) -> None:
    text = '"Is the tunnel finished yet?" a Velmar engineer at the site wondered. Kell has been named as a candidate.'
    quote = only(parse(text), "direct")
    assert quote["speaker"] is None
    assert text[quote["ref_start"] : quote["ref_end"]] == "a Velmar engineer at the site"


@pytest.mark.models
def test_an_apposition_whose_relative_clause_runs_up_to_the_verb_still_names_the_speaker(parse) -> None:
    text = "“Ferries must run at night,” Ivo Brann, the analyst who started ferrywatch.org posted on Friday."
    assert only(parse(text))["speaker"] == "Ivo Brann"


@pytest.mark.models
def test_a_name_that_only_modifies_a_noun_does_not_break_a_quotation_over_paragraphs(parse) -> None:
    text = (
        "Ana Lind spoke in Velmar.\n\n"
        '"The council keeps siding with the shipping firms on every vote" and against the Tom Brady '
        "ferry-safety act, Lind said.\n\n"
        '"It blocked new lifeboats. It blocked the night inspections."'
    )
    assert [q["speaker"] for q in parse(text) if q["kind"] == "direct"] == ["Lind", "Lind"]


@pytest.mark.models
def test_the_voice_that_opens_a_quote_says_it_not_the_name_after_it(parse) -> None:
    text = (
        "Ivo Brann addressed the dock workers. When a woman in the crowd shouted, “Close the port now,” "
        "Brann joked, “Patience, friend! We vote first!”"
    )
    shout, answer = [q for q in parse(text) if q["kind"] == "direct"]
    assert (shout["speaker"], text[shout["ref_start"] : shout["ref_end"]]) == (None, "a woman in the crowd")
    assert answer["speaker"] == "Brann"


@pytest.mark.models
def test_a_clause_inside_the_subject_does_not_open_the_quote(parse) -> None:
    text = 'Little that the governor promised "will calm the fishermen," the Velmar deputy Ana Lind said.'
    assert only(parse(text), "partial")["speaker"] == "Ana Lind"


@pytest.mark.models
def test_a_pronoun_goes_to_the_last_speaker_even_one_the_recogniser_missed(parse) -> None:
    text = (
        "Ferry pilot Ivo Brann wrote about the strike on Monday.\n\n"
        "When a caller asked who would win, D’Ambra replied, “I would bet on the union.”\n\n"
        "“Nobody likes to hear it,” he added."
    )
    bet, added = [q for q in parse(text) if q["kind"] == "direct"]
    assert bet["speaker"] == "D’Ambra"
    assert (added["speaker"], text[added["ref_start"] : added["ref_end"]]) == ("D’Ambra", "he")


@pytest.mark.models
def test_a_family_named_in_the_plural_is_not_he(parse) -> None:
    text = (
        "Tom Obregon spoke to reporters on Friday. He said the Obregons had paid every harbour fee.\n\n"
        "The Obregons and their lawyers deny any debt. “We paid every bill,” he said."
    )
    assert only(parse(text), "direct")["speaker"] == "Tom Obregon"


@pytest.mark.models
@pytest.mark.parametrize("verb", ["muttered", "yelled", "whispered"])
def test_a_manner_of_speaking_verb_reports_what_was_said(parse, verb: str) -> None:
    text = f"Ana Lind met the dock workers. The union leader {verb} that the vote was rigged."
    said = only(parse(text), "indirect")
    assert said["text"] == "the vote was rigged"
    assert text[said["ref_start"] : said["ref_end"]] == "The union leader"


def _built_doc(tokens: list[tuple[str, bool, int, str, str, str, str]], ents: list[str]):
    """A Doc with the parse given by hand (word, space after, head, dep, pos, tag, lemma): a parse
    the small model makes on some real sentences, written down so the rule is tested on it."""
    from spacy.tokens import Doc

    from parallax.models import spacy_pipeline

    words, spaces, heads, deps, pos, tags, lemmas = (list(x) for x in zip(*tokens, strict=True))
    return Doc(
        spacy_pipeline().vocab,
        words=words,
        spaces=spaces,
        heads=heads,
        deps=deps,
        pos=pos,
        tags=tags,
        lemmas=lemmas,
        ents=ents,
    )


@pytest.mark.models
def test_a_paragraph_break_starts_a_sentence_and_a_wrapped_line_does_not() -> None:
    from parallax.annotate.paragraphs import mark_paragraph_breaks
    from parallax.models import spacy_pipeline

    nlp = spacy_pipeline()
    doc = mark_paragraph_breaks(
        nlp.make_doc("The vote was on Dec. 4.\n\nColumnist Ana Lind wrote.\nand more.")
    )
    starts = {t.text for t in doc if t.is_sent_start}
    assert "Columnist" in starts and "and" not in starts
    parsed = nlp(
        "The harbour board met on Dec. 4.\n\nColumnist Ana Lind, in a bid to stir the board, wrote, “No.”"
    )
    assert [s.text.strip() for s in parsed.sents][1].startswith("Columnist Ana Lind")


@pytest.mark.models
def test_a_closing_mark_glued_to_the_next_word_keeps_the_name_and_the_offsets(parse) -> None:
    from parallax.annotate.nlp import parse_text

    text = "“We are not going to sell the ferries to anyone, not now and not later,”Ivo Brann said after the vote."
    assert len(parse_text(text)) == len(text)
    assert only(parse(text), "direct")["speaker"] == "Ivo Brann"
    assert parse_text('He said "yes," and left; 5,"6 and “x”') == 'He said "yes," and left; 5,"6 and “x”'


@pytest.mark.models
def test_a_colon_that_ends_the_paragraph_before_the_quote_still_gives_its_speaker(parse) -> None:
    text = (
        "As Gazette reporter Marta Lindqvist reported after the ministry appeared to drop the case:\n\n"
        "“The ministry has done almost nothing with the files it seized during the raid.”"
    )
    assert only(parse(text), "direct")["speaker"] == "Marta Lindqvist"


@pytest.mark.models
def test_a_text_speaks_for_whoever_put_it_out(parse) -> None:
    text = "Senator Marta Lindqvist released a statement that said “the strike will go on until the wages are paid.”"
    assert only(parse(text), "partial")["speaker"] == "Marta Lindqvist"
    # a sign is put out by no one the sentence names
    assert only(parse("The crowd waved a sign that said “no more cuts.”"), "partial")["speaker"] is None


@pytest.mark.models
def test_the_speech_verb_nearest_the_mark_speaks_over_a_verb_that_names_no_one(parse) -> None:
    text = (
        "The ad concludes with footage of Ivo Brann saying at the rally on Sunday, “Nobody works harder than "
        "me,” as the crowd cheered."
    )
    assert only(parse(text), "direct")["speaker"] == "Ivo Brann"


@pytest.mark.models
def test_a_name_right_before_a_speech_verb_the_parse_left_without_subject() -> None:
    from parallax.annotate.quotes import extract_quotes

    # "a star likened to the badge, Speaker of the Assembly Rep. Ivo Brann (L) said “...”", as the parse
    # reads it: "said" hangs on "likened" and the name on a preposition
    doc = _built_doc(
        [
            ("They", True, 1, "nsubj", "PRON", "PRP", "they"),
            ("posted", True, 1, "ROOT", "VERB", "VBD", "post"),
            ("a", True, 3, "det", "DET", "DT", "a"),
            ("star", True, 1, "dobj", "NOUN", "NN", "star"),
            ("likened", True, 3, "acl", "VERB", "VBN", "liken"),
            ("to", True, 4, "prep", "ADP", "IN", "to"),
            ("the", True, 7, "det", "DET", "DT", "the"),
            ("badge", False, 5, "pobj", "NOUN", "NN", "badge"),
            (",", True, 7, "punct", "PUNCT", ",", ","),
            ("Speaker", True, 7, "appos", "PROPN", "NNP", "Speaker"),
            ("of", True, 9, "prep", "ADP", "IN", "of"),
            ("Rep.", True, 13, "compound", "PROPN", "NNP", "Rep."),
            ("Ivo", True, 13, "compound", "PROPN", "NNP", "Ivo"),
            ("Brann", True, 10, "pobj", "PROPN", "NNP", "Brann"),
            ("(", False, 13, "punct", "PUNCT", "-LRB-", "("),
            ("L", False, 13, "appos", "PROPN", "NNP", "L"),
            (")", True, 4, "punct", "PUNCT", "-RRB-", ")"),
            ("said", True, 4, "ccomp", "VERB", "VBD", "say"),
            ("“", False, 20, "punct", "PUNCT", "``", "“"),
            ("pictures", True, 20, "nsubj", "NOUN", "NNS", "picture"),
            ("hurt", False, 17, "ccomp", "VERB", "VBP", "hurt"),
            (".", False, 20, "punct", "PUNCT", ".", "."),
            ("”", False, 20, "punct", "PUNCT", "''", "”"),
        ],
        ["O"] * 12 + ["B-PERSON", "I-PERSON"] + ["O"] * 9,
    )
    (quote,) = [q for q in extract_quotes(doc.text, doc) if q["kind"] != "indirect"]
    assert (quote["speaker"], quote["cue"]) == ("Ivo Brann", "said")


@pytest.mark.models
def test_a_described_person_right_before_a_speech_verb_the_parse_left_without_subject() -> None:
    from parallax.annotate.quotes import extract_quotes

    # "... with the team, an official who spoke anonymously said Friday, “...”", as the parse reads it: the
    # official an apposition to "team", "said" with no subject
    doc = _built_doc(
        [
            ("Although", True, 2, "mark", "SCONJ", "IN", "although"),
            ("there", True, 2, "expl", "PRON", "EX", "there"),
            ("is", True, 14, "advcl", "VERB", "VBZ", "be"),
            ("no", True, 4, "det", "DET", "DT", "no"),
            ("overlap", True, 2, "attr", "NOUN", "NN", "overlap"),
            ("with", True, 4, "prep", "ADP", "IN", "with"),
            ("the", True, 7, "det", "DET", "DT", "the"),
            ("team", False, 5, "pobj", "NOUN", "NN", "team"),
            (",", True, 7, "punct", "PUNCT", ",", ","),
            ("an", True, 10, "det", "DET", "DT", "an"),
            ("official", True, 7, "appos", "NOUN", "NN", "official"),
            ("who", True, 12, "nsubj", "PRON", "WP", "who"),
            ("spoke", True, 10, "relcl", "VERB", "VBD", "speak"),
            ("anonymously", True, 12, "advmod", "ADV", "RB", "anonymously"),
            ("said", True, 14, "ROOT", "VERB", "VBD", "say"),
            ("Friday", False, 14, "npadvmod", "PROPN", "NNP", "Friday"),
            (",", True, 14, "punct", "PUNCT", ",", ","),
            ("“", False, 19, "punct", "PUNCT", "``", "“"),
            ("Nobody", True, 19, "nsubj", "PRON", "NN", "nobody"),
            ("knows", False, 14, "ccomp", "VERB", "VBZ", "know"),
            (".", False, 19, "punct", "PUNCT", ".", "."),
            ("”", False, 19, "punct", "PUNCT", "''", "”"),
        ],
        ["O"] * 15 + ["B-DATE"] + ["O"] * 6,
    )
    (quote,) = [q for q in extract_quotes(doc.text, doc) if q["kind"] != "indirect"]
    assert quote["speaker"] is None  # unnamed: described, never guessed
    assert doc.text[quote["ref_start"] : quote["ref_end"]] == "an official"


@pytest.mark.models
def test_a_pronoun_goes_to_a_known_surname_the_recogniser_missed_as_a_subject(parse) -> None:
    text = (
        "Judge Ana Mosk heard the case on Monday. Defence lawyer Tomas Coan argued that his client was joking.\n\n"
        "Mosk read the posts differently. “When he says he will fight, I do not take that as a joke,” he said."
    )
    assert only(parse(text), "direct")["speaker"] == "Mosk"
