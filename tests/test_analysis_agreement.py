"""What search finds as a term, annotate marks in a text (issue 17).

Both read words through glossary.analysis: a term written in another case form, number or
spelling is the same term to both. For every run of words of each sentence (from a content
word to a content word), whatever concept search finds for the run as a whole term (its exact
or lemma key, or an abbreviation as written) must be marked on that run by annotate; and the
sentences' named terms (Russian case forms, British and American spellings, plurals) must be
among those runs, so the check cannot pass by finding nothing.
"""

from __future__ import annotations

import pytest

from glossary import db
from glossary.analysis import words
from glossary.search.keys import MAX_QUERY_WORDS, STOPWORDS
from glossary.services.annotate import annotate
from tests.searching import DATA, finder, loaded_app

#: (language, sentence, {the words of the sentence naming a term: its concept})
SENTENCES = [
    ("en", "We adopted the Program for the SCO Member States Cooperation in Tourism.",
     {"Program for the SCO Member States Cooperation in Tourism":
      "sco-tourism-cooperation-programme"}),
    ("en", "The Shanghai Cooperation Organization and its member states condemned the three "
           "evil forces.",
     {"Shanghai Cooperation Organization": "sco", "member states": "member-state",
      "three evil forces": "three-evil-forces"}),
    ("en", "At the Meeting of Defense Ministers of the SCO Member States the Regional "
           "Anti-Terrorist Structures reported on the Shanghai Convention on Combating "
           "Terrorism, Separatism and Extremism.",
     {"Meeting of Defense Ministers of the SCO Member States": "defence-ministers-meeting",
      "Regional Anti-Terrorist Structures": "rats",
      "Shanghai Convention on Combating Terrorism, Separatism and Extremism":
      "shanghai-convention"}),
    ("en", "The summit met in the Republic of Kazakhstan; RATS reported on tourism.",
     {"Republic of Kazakhstan": "kazakhstan", "RATS": "rats", "tourism": "tourism"}),
    ("ru", "Стороны одобрили Программу по развитию сотрудничества государств-членов ШОС в "
           "сфере туризма.",
     {"Программу по развитию сотрудничества государств-членов ШОС в сфере туризма":
      "sco-tourism-cooperation-programme"}),
    ("ru", "Участники Совещания министров обороны государств – членов ШОС обсудили "
           "противодействие трём силам зла.",
     {"Совещания министров обороны государств – членов ШОС": "defence-ministers-meeting",
      "трём силам зла": "three-evil-forces"}),
    ("ru", "Государства – члены Шанхайской организации сотрудничества подтвердили верность "
           "Шанхайской конвенции о борьбе с терроризмом, сепаратизмом и экстремизмом.",
     {"Шанхайской организации сотрудничества": "sco",
      "Шанхайской конвенции о борьбе с терроризмом, сепаратизмом и экстремизмом":
      "shanghai-convention"}),
    ("ru", "Саммит прошёл в Казахстане; доклад РАТС одобрили в Республике Казахстан, "
           "а Региональной антитеррористической структурой руководит совет.",
     {"Казахстане": "kazakhstan", "РАТС": "rats", "Республике Казахстан": "kazakhstan",
      "Региональной антитеррористической структурой": "rats"}),
    # Snowball stems Астана "аста" but Астане, Астану "астан", and охрана "охра" but охраны,
    # охране "охран": a stem is no key for every form of a word; the lemma is.
    ("ru", "На саммите ШОС в Астане обсуждали охрану окружающей среды; делегации прибыли в "
           "Астану заранее.",
     {"саммите ШОС в Астане": "astana-summit-2017",
      "охрану окружающей среды": "environmental-protection", "Астану": "astana"}),
    ("ru", "Министры одобрили Концепцию сотрудничества в области охраны окружающей среды "
           "государств-членов ШОС и поручили охране окружающей среды больше внимания.",
     {"Концепцию сотрудничества в области охраны окружающей среды государств-членов ШОС":
      "sco-environmental-protection-concept",
      "охране окружающей среды": "environmental-protection"}),
    ("en", "The Concept of Cooperation of the Shanghai Cooperation Organization Member States "
           "in Environmental Protection was adopted after the SCO Astana summit.",
     {"Concept of Cooperation of the Shanghai Cooperation Organization Member States in "
      "Environmental Protection": "sco-environmental-protection-concept",
      "SCO Astana summit": "astana-summit-2017"}),
]
#: The steps and fields of a hit on the run as a whole term (not a prefix, a part, a typo).
WHOLE_TERM = {("exact", "exact"), ("exact", "stem"), ("abbreviation", "abbreviation"),
              ("abbreviation", "stem")}
LONGEST_RUN = MAX_QUERY_WORDS


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    return loaded_app(tmp_path_factory.mktemp("agreement"), DATA / "agreement")


def runs(sentence: str) -> list[str]:
    """Every run of words of the sentence, as written, from a content word to a content word."""
    found = words(sentence)
    out = []
    for i, first in enumerate(found):
        for last in found[i:i + LONGEST_RUN]:
            if first.text not in STOPWORDS and last.text not in STOPWORDS:
                out.append(sentence[first.start:last.end])
    return out


def found_as_terms(app, lang: str, sentence: str) -> set[tuple[str, str]]:
    """(run, concept) for every run that search finds as a whole term of `lang`."""
    find = finder(app)
    pairs = set()
    for run in runs(sentence):
        for hit in find(run, lang=lang, limit=50)["hits"]:
            matched = hit["matched"]
            if (matched["step"], matched["field"]) in WHOLE_TERM:
                pairs.add((run, hit["concept"]["id"]))
    return pairs


@pytest.mark.parametrize("lang, sentence, named", SENTENCES,
                         ids=[f"{lang}-{i}" for i, (lang, _, _) in enumerate(SENTENCES)])
def test_annotate_marks_what_search_finds_as_a_term(app, lang, sentence, named):
    searched = found_as_terms(app, lang, sentence)
    assert set(named.items()) <= searched  # the premise: search does find the named terms
    with app.app_context():
        session = db.session()
        missed = [(run, concept) for run, concept in sorted(searched)
                  if (run, concept) not in _marks(annotate(session, run, lang=lang))]
        in_sentence = _marks(annotate(session, sentence, lang=lang))
    assert missed == []
    assert set(named.items()) <= in_sentence


def _marks(result) -> set[tuple[str, str]]:
    return {(m["text"], m["concept"]) for m in result["marks"]}
