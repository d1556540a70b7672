"""Chinese names in Cyrillic: the Palladius system, with the established exceptions.

(Not `palladius.py`: a module named like the function it holds would be shadowed by that
function in `glossary.chinese`, and `import glossary.chinese.palladius` would give the function.)

>>> palladius("上海合作组织", person=False)
'Шанхай Хэцзо Цзучжи'
"""

from __future__ import annotations

from glossary.chinese.pinyin import _capitalise, _is_chinese_name, _join_spaced, _name_words, _parts
from glossary.chinese.syllables import palladius_syllable

__all__ = ["PALLADIUS_EXCEPTIONS", "palladius", "palladius_word"]


# Established Russian names that do not follow the system (historical or non-Mandarin origin).
# Guangzhou is Гуанчжоу in modern Russian usage (mid.ru, TASS); "Кантон" is historical only.
PALLADIUS_EXCEPTIONS: dict[str, str] = {
    "北京": "Пекин",
    "南京": "Нанкин",
    "哈尔滨": "Харбин",
    "香港": "Гонконг",
    "澳门": "Аомынь",
    "西藏": "Тибет",
    "拉萨": "Лхаса",
    "乌鲁木齐": "Урумчи",
    "喀什": "Кашгар",
    "呼和浩特": "Хух-Хото",
    "长江": "Янцзы",
}

_RUSSIAN_VOWELS = frozenset("аеёиоуыэюя")



def palladius(text: str, *, person: bool = False) -> str:
    """Russian (Palladius) transcription of a Chinese name.

    Words as in pinyin_forms, each capitalised; inside a word the syllables are joined and a
    syllable ending in -н (pinyin -ng) takes ъ before a vowel (Чанъань, Пэнъю; but Яньань).
    Established exceptions (PALLADIUS_EXCEPTIONS: Пекин, Гонконг ...) replace whole words.
    `person`: surname, a space, the given name as one word. Digits, Latin and punctuation are
    kept. Not meant for non-Chinese names (黎良明 is Vietnamese, 纳扎尔巴耶夫 Kazakh): those
    have established Russian spellings of their own.

    >>> palladius("习近平", person=True), palladius("上海"), palladius("西安"), palladius("北京")
    ('Си Цзиньпин', 'Шанхай', 'Сиань', 'Пекин')
    """
    name = text.strip()
    if name in PALLADIUS_EXCEPTIONS:
        return PALLADIUS_EXCEPTIONS[name]
    if person and _is_chinese_name(name):
        family, given = _name_words(name)
        return f"{palladius_word(family.plain)} {palladius_word(given.plain)}"
    items = [
        (kind, PALLADIUS_EXCEPTIONS.get(chunk) or palladius_word(forms.plain) if forms else chunk)
        for kind, chunk, forms in _parts(text, whole_runs=person)
    ]
    return _join_spaced(items)


def palladius_word(plain_syllables: list[str] | tuple[str, ...]) -> str:
    """One word in Palladius from its toneless pinyin syllables, capitalised.

    >>> palladius_word(["a", "la", "shan", "kou"])
    'Алашанькоу'
    """
    word = ""
    for syllable in plain_syllables:
        try:
            cyrillic = palladius_syllable(syllable)
        except ValueError:
            cyrillic = syllable  # an interjection (m, ng) or a character pypinyin does not know
        if word.endswith("н") and cyrillic[:1] in _RUSSIAN_VOWELS:
            word += "ъ"  # Чанъань: -ng before a vowel, unlike Яньань (-n)
        word += cyrillic
    return _capitalise(word)
