"""Bilingual material: importing a TMX or a Chinese document with its translation as aligned
sentence pairs, listing and showing it, and reading it for the suggesters (`BitextMaterial`).

Everything that can refuse the input (size, encoding, hostile XML, language) is checked before
the first write, and the caller commits: a refused import leaves nothing behind. The same
bytes imported again change nothing (a bitext keeps the SHA-256 of what it was made from).

A parallel import also imports each of its two texts the way `glossary import` does
(services.extraction.import_text): the Chinese document's candidates go to the review queue,
the known terms of both are found; the bitext links the two documents.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, select, tuple_
from sqlalchemy.orm import Session

from glossary import chinese
from glossary.bitext import tmx
from glossary.bitext.align import align
from glossary.chinese.script import fold_script
from glossary.formats import FormatError
from glossary.messages import message
from glossary.models import BITEXT_LANGS, Bitext, BitextPair, Document, Job
from glossary.services import documents, extraction, jobs
from glossary.services.concepts import NotFound
from glossary.services.exchange.importing import MAX_IMPORT_BYTES
from glossary.services.term_knowledge import knowledge as term_knowledge
from glossary.suggest import AlignedPair
from glossary.suggest.knowledge import Knowledge

__all__ = ["BitextError", "BitextMaterial", "already_imported", "check_parallel", "check_tmx",
           "delete_bitext", "get_bitext", "import_parallel", "import_tmx", "list_bitexts",
           "parallel_sha"]

#: The largest TMX read: a translation memory is a termbase-sized exchange file.
MAX_TMX_BYTES = MAX_IMPORT_BYTES
#: Pairs are written this many rows at a time.
PAIR_BATCH = 5000
#: The most pairs a page of a bitext shows.
MAX_PAGE = 200

Progress = Callable[..., None]


class BitextError(ValueError):
    """The material cannot be imported; the message (a glossary.messages.Message) says why,
    for the user. Nothing was written."""


def _quiet(_fraction: float, _message: Any = None) -> None:
    return None


# ---- TMX ------------------------------------------------------------------------------------

def check_tmx(data: bytes, name: str) -> tmx.Memory:
    """The usable units of a TMX upload.

    :raises BitextError: too large, not XML, hostile, not a TMX, or no zh + ru/en unit.
    """
    if len(data) > MAX_TMX_BYTES:
        raise BitextError(message("%(name)s is over the limit of %(limit)d bytes",
                                  name=name, limit=MAX_TMX_BYTES))
    try:
        return tmx.read(data)
    except FormatError as exc:
        raise BitextError(message("%(name)s: %(reason)s", name=name, reason=str(exc))) from None


def import_tmx(session: Session, data: bytes, *, name: str, title: str | None = None,
               origin: str | None = None, progress: Progress | None = None) -> dict[str, Any]:
    """Store the zh–ru and zh–en pairs of a TMX. The caller commits.

    :return: {"bitext": key, "imported": bool (False: these bytes were imported before, and
        "bitext" names that one), "pairs": n, "langs": [...], "skipped": units left out}
    :raises BitextError: as `check_tmx`; nothing is written.
    """
    report = progress or _quiet
    sha = hashlib.sha256(data).hexdigest()
    before = already_imported(session, sha)
    if before is not None:
        return _not_again(before)
    report(0.1, message("reading the translation memory"))
    memory = check_tmx(data, name)
    report(0.5, message("storing the sentence pairs"))
    bitext = _new_bitext(session, sha, kind="tmx", title=title or _title(name),
                         origin=origin or name, langs=memory.langs, meta=memory.meta)
    count = _store_pairs(session, bitext.id, (
        (unit.position, lang, unit.zh, target)
        for unit in memory.units for lang, target in sorted(unit.targets.items())))
    return {"bitext": bitext.key, "imported": True, "pairs": count, "langs": memory.langs,
            "skipped": memory.meta["skipped"]}


# ---- a document and its translation ---------------------------------------------------------

def parallel_sha(zh_raw: bytes, target_raw: bytes) -> str:
    """The identity of a pair of texts: the same two files (in this order) are one bitext."""
    pair = hashlib.sha256(zh_raw).hexdigest() + hashlib.sha256(target_raw).hexdigest()
    return hashlib.sha256(pair.encode("ascii")).hexdigest()


@dataclass(frozen=True)
class _Texts:
    zh: str
    target: str
    lang: str


def check_parallel(zh_raw: bytes, target_raw: bytes, *, zh_name: str, target_name: str,
                   lang: str | None = None) -> _Texts:
    """Both texts decoded (the rules and limits of documents, glossary.textio), the first
    Chinese, the second Russian or English (`lang`, when given, must be what it is).

    :raises BitextError: too large, binary, empty, or in the wrong language.
    """
    try:
        zh_text = extraction.check_upload(zh_raw, zh_name)
        target_text = extraction.check_upload(target_raw, target_name)
        zh_lang = extraction.text_language(zh_text[:extraction.UPLOAD_SAMPLE], zh_name)
        found = extraction.text_language(target_text[:extraction.UPLOAD_SAMPLE], target_name)
    except extraction.ExtractionError as exc:
        raise BitextError(exc.args[0]) from None
    if zh_lang != "zh":
        raise BitextError(message("%(name)s is not Chinese; give the Chinese text first and "
                                  "its translation second", name=zh_name))
    if found not in BITEXT_LANGS:
        raise BitextError(message("%(name)s is Chinese too; the translation must be Russian "
                                  "or English", name=target_name))
    if lang is not None and lang != found:
        raise BitextError(message("%(name)s is in %(found)s, not %(lang)s", name=target_name,
                                  found=found, lang=lang))
    return _Texts(zh_text, target_text, found)


def import_parallel(session: Session, zh_raw: bytes, target_raw: bytes, *, zh_name: str,
                    target_name: str, title: str | None = None, lang: str | None = None,
                    knowledge: Knowledge | None = None,
                    progress: Progress | None = None) -> dict[str, Any]:
    """Store a Chinese text and its Russian or English translation: both as documents (as
    `glossary import` does: the Chinese one's candidates are queued for review), and their
    sentences aligned into pairs. The caller commits.

    :return: {"bitext", "imported", "pairs", "langs", "zh_document", "target_document",
        "candidates" (new ones queued from the Chinese), "known" (known terms in it)}
    :raises BitextError: as `check_parallel`; nothing is written.
    """
    report = progress or _quiet
    sha = parallel_sha(zh_raw, target_raw)
    before = already_imported(session, sha)
    if before is not None:
        return _not_again(before)
    texts = check_parallel(zh_raw, target_raw, zh_name=zh_name, target_name=target_name,
                           lang=lang)
    title = title or _title(zh_name)
    # The slow parts (alignment, then the extraction inside import_text) come before the
    # first write, and so do the progress reports: on SQLite a report made after a write
    # would wait for this transaction's own lock.
    report(0.05, message("aligning the sentences"))
    zh_text = chinese.normalise_long(texts.zh).text  # the text the document will store
    zh_sentences = [zh_text[a:b] for a, b in chinese.sentences(zh_text)]
    target_sentences = [texts.target[a:b] for a, b in documents.word_sentences(texts.target)]
    beads = align(zh_sentences, target_sentences, lang=texts.lang,
                  knowledge=knowledge if knowledge is not None else term_knowledge(session))
    try:
        zh_result = extraction.import_text(
            session, zh_raw, texts.zh, name=zh_name, title=title, origin=zh_name,
            progress=lambda f, m=None: report(0.2 + 0.75 * f, m))
        target_result = extraction.import_text(
            session, target_raw, texts.target, name=target_name,
            title=f"{title} ({texts.lang})", origin=target_name)
    except extraction.ExtractionError as exc:
        raise BitextError(exc.args[0]) from None
    zh_doc = _document(session, zh_result["document"])
    target_doc = _document(session, target_result["document"])
    meta = {"sentences": {"zh": len(zh_sentences), texts.lang: len(target_sentences)},
            "beads": len(beads), "aligner": align.__module__}
    bitext = _new_bitext(session, sha, kind="parallel", title=title,
                         origin=f"{zh_name} + {target_name}", langs=[texts.lang], meta=meta,
                         zh_document_id=zh_doc.id, target_document_id=target_doc.id)
    count = _store_pairs(session, bitext.id, (
        (position, texts.lang, "".join(zh_sentences[i] for i in zh_side),
         " ".join(target_sentences[j] for j in target_side))
        for position, (zh_side, target_side) in enumerate(beads) if zh_side and target_side))
    bitext.meta = {**meta, "pairs": count}
    return {"bitext": bitext.key, "imported": True, "pairs": count, "langs": [texts.lang],
            "zh_document": zh_doc.key, "target_document": target_doc.key,
            "candidates": zh_result["candidates"], "known": zh_result["known"]}


def _document(session: Session, key: str | None) -> Document:
    found = session.scalar(select(Document).where(Document.key == key)) if key else None
    if found is None:  # imported and deleted by someone else meanwhile
        raise BitextError(message("the document was changed by another import meanwhile; "
                                  "try again"))
    return found


# ---- storing --------------------------------------------------------------------------------

def already_imported(session: Session, sha: str) -> str | None:
    """The key of the bitext made from the input with this SHA-256, if any."""
    return session.scalar(select(Bitext.key).where(Bitext.sha256 == sha))


def _not_again(key: str) -> dict[str, Any]:
    return {"bitext": key, "imported": False, "pairs": 0}


def _new_bitext(session: Session, sha: str, **fields: Any) -> Bitext:
    title = str(fields.pop("title"))[:500]
    bitext = Bitext(key=f"{documents.slug(title, 'bitext')}-{sha[:8]}", title=title,
                    sha256=sha, **fields)
    session.add(bitext)
    session.flush()
    return bitext


def _store_pairs(session: Session, bitext_id: int,
                 pairs: Iterator[tuple[int, str, str, str]]) -> int:
    """Insert (position, lang, zh, target) rows in batches; the Chinese normalised as a
    document's text is, and folded to simplified when it is not already."""
    def rows() -> Iterator[dict[str, Any]]:
        for position, lang, zh, target in pairs:
            text = chinese.normalise(zh).text
            folded = fold_script(text)
            yield {"bitext_id": bitext_id, "position": position, "lang": lang, "zh": text,
                   "zh_folded": folded if folded != text else None, "target": target}

    return documents.insert_in_batches(session, BitextPair, rows(), PAIR_BATCH)


def _title(name: str) -> str:
    path = Path(name)
    return path.name.split(".")[0] or path.name


# ---- reading --------------------------------------------------------------------------------

def _counts(session: Session, ids: Sequence[int] | None = None) -> dict[int, dict[str, int]]:
    query = select(BitextPair.bitext_id, BitextPair.lang, func.count()).group_by(
        BitextPair.bitext_id, BitextPair.lang)
    if ids is not None:
        query = query.where(BitextPair.bitext_id.in_(ids))
    counts: dict[int, dict[str, int]] = {}
    for bitext_id, lang, n in session.execute(query):
        counts.setdefault(bitext_id, {})[lang] = n
    return counts


def _summary(session: Session, bitext: Bitext, counts: dict[str, int]) -> dict[str, Any]:
    def key_of(document_id: int | None) -> str | None:
        return None if document_id is None else session.scalar(
            select(Document.key).where(Document.id == document_id))

    return {"id": bitext.key, "title": bitext.title, "kind": bitext.kind,
            "origin": bitext.origin, "langs": list(bitext.langs or []),
            "counts": {lang: counts.get(lang, 0) for lang in bitext.langs or []},
            "zh_document": key_of(bitext.zh_document_id),
            "target_document": key_of(bitext.target_document_id),
            "created": bitext.created_at.isoformat(timespec="seconds") + "Z"}


def list_bitexts(session: Session) -> list[dict[str, Any]]:
    """Every bitext, in import order, with its pair counts per language."""
    counts = _counts(session)
    return [_summary(session, b, counts.get(b.id, {}))
            for b in session.scalars(select(Bitext).order_by(Bitext.id))]


def get_bitext(session: Session, key: str, *, lang: str | None = None,
               after: tuple[int, str] | None = None, limit: int = 50) -> dict[str, Any]:
    """A bitext and one page of its pairs, in order (by position, then language): those
    after `after` (the "next" of the page before), in `lang` when given.

    :raises NotFound: no bitext has this key.
    """
    bitext = session.scalar(select(Bitext).where(Bitext.key == key))
    if bitext is None:
        raise NotFound(f"no bilingual material with id {key!r}")
    query = select(BitextPair).where(BitextPair.bitext_id == bitext.id)
    if lang is not None:
        query = query.where(BitextPair.lang == lang)
    if after is not None:
        query = query.where(tuple_(BitextPair.position, BitextPair.lang) > tuple_(*after))
    limit = max(1, min(limit, MAX_PAGE))
    rows = list(session.scalars(query.order_by(BitextPair.position, BitextPair.lang)
                                .limit(limit + 1)))
    page = rows[:limit]
    data = _summary(session, bitext, _counts(session, [bitext.id]).get(bitext.id, {}))
    data["meta"] = bitext.meta or {}
    data["pairs"] = [{"position": p.position, "lang": p.lang, "zh": p.zh,
                           "target": p.target} for p in page]
    data["next"] = [page[-1].position, page[-1].lang] if len(rows) > limit else None
    return data


def delete_bitext(session: Session, key: str) -> None:
    """Remove a bitext and its pairs (its documents stay: they are documents of their own).

    :raises NotFound: no bitext has this key.
    """
    bitext_id = session.scalar(select(Bitext.id).where(Bitext.key == key))
    if bitext_id is None:
        raise NotFound(f"no bilingual material with id {key!r}")
    session.execute(delete(BitextPair).where(BitextPair.bitext_id == bitext_id))
    session.execute(delete(Bitext).where(Bitext.id == bitext_id))


# ---- for the suggesters ---------------------------------------------------------------------

def like_pattern(text: str) -> str:
    """A LIKE pattern (escape character \\) that matches any string containing `text`.

    >>> like_pattern("50%_a\\\\b")
    '%50\\\\%\\\\_a\\\\\\\\b%'
    """
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class BitextMaterial:
    """The imported bilingual material, read from the database (the `Material` of
    glossary.suggest). Terms are compared in simplified script."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def _select(self, lang: str):  # the columns an AlignedPair is made of
        return (select(BitextPair.zh, BitextPair.target, BitextPair.lang, Bitext.key,
                       BitextPair.position)
                .join(Bitext, Bitext.id == BitextPair.bitext_id)
                .where(BitextPair.lang == lang))

    @staticmethod
    def _searched():
        return func.coalesce(BitextPair.zh_folded, BitextPair.zh)

    def pairs_with(self, term: str, lang: str, limit: int = 200) -> Sequence[AlignedPair]:
        """Pairs in `lang` whose Chinese contains `term` (in either script), in import
        order."""
        folded = fold_script(term)
        if not folded:
            return []
        rows = self.session.execute(
            self._select(lang).where(self._searched().like(like_pattern(folded), escape="\\"))
            .order_by(BitextPair.id).limit(limit))
        # SQLite's LIKE ignores the case of ASCII letters: the check here is exact.
        return [AlignedPair(zh, target, lang_, key, position)
                for zh, target, lang_, key, position in rows
                if folded in fold_script(zh)]

    def pairs_without(self, term: str, lang: str, limit: int = 200) -> Sequence[AlignedPair]:
        """About `limit` pairs in `lang` whose Chinese does not contain `term`, spread evenly
        over all the material (every n-th pair), the same ones each time."""
        folded = fold_script(term)
        total = self.session.scalar(select(func.count()).select_from(BitextPair)
                                    .where(BitextPair.lang == lang)) or 0
        step = max(1, total // max(limit, 1))
        query = self._select(lang)
        if step > 1:
            query = query.where(BitextPair.id % step == 0)
        if folded:
            query = query.where(~self._searched().like(like_pattern(folded), escape="\\"))
        rows = self.session.execute(query.order_by(BitextPair.id).limit(limit))
        return [AlignedPair(zh, target, lang_, key, position)
                for zh, target, lang_, key, position in rows]


# ---- jobs -----------------------------------------------------------------------------------

@jobs.kind("import-tmx")
def import_tmx_job(session: Session, job: Job, progress: Progress) -> dict[str, Any]:
    """The job queued by a TMX upload (web or API)."""
    name = job.params.get("name") or "upload.tmx"
    result = import_tmx(session, job.payload or b"", name=name,
                        title=job.params.get("title"), progress=progress)
    result["message"] = _done(result)
    return result


@jobs.kind("import-parallel")
def import_parallel_job(session: Session, job: Job, progress: Progress) -> dict[str, Any]:
    """The job queued by the upload of a Chinese text and its translation: the payload is
    the two files one after the other, `zh_size` bytes of Chinese first."""
    payload = job.payload or b""
    size = int(job.params.get("zh_size") or 0)
    result = import_parallel(session, payload[:size], payload[size:],
                             zh_name=job.params.get("zh_name") or "zh.txt",
                             target_name=job.params.get("target_name") or "target.txt",
                             title=job.params.get("title"), lang=job.params.get("lang"),
                             progress=progress)
    result["message"] = _done(result)
    return result


def _done(result: dict[str, Any]) -> str:
    if not result["imported"]:
        return message("This material was imported before; nothing changed.")
    return message("Bilingual material imported: %(pairs)d sentence pairs.",
                   pairs=result["pairs"])
