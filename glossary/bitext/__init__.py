"""Bilingual material a translator imports: a TMX from a CAT tool, or a Chinese document with
its Russian or English translation, cut into aligned sentence pairs.

- ``tmx``: the TMX 1.4 reader (hostile and malformed files refused, naming the line);
- ``align``: the sentence aligner, ``align(zh, target, lang=..., knowledge=...) -> beads``;
- ``anchors``: what ties a sentence to its translation (known terms, numbers), shared by the
  aligner and the ``aligned`` suggester.

The service that stores the pairs and reads them back for the suggesters is
``glossary.services.bitexts``. Nothing here touches Flask or the database.
"""
