"""Bilingual material: TMX and parallel documents, aligned into sentence pairs."""
