"""The corpus generator and the accuracy harness.

    from pipeline.corpus import generate
    reports = generate(100, seed=7)      # GeneratedReport: .text, .answer, .entities, .spec, .split

``pipeline.corpus.build`` writes them to a folder in every rendering (text, digital PDF, scans, DOCX,
legacy-encoded PDF) with one answer file per document; ``pipeline.corpus.evaluate`` scores the
pipeline against such a folder.
"""
from .generate import GeneratedReport, generate, generate_one, split_of

__all__ = ["GeneratedReport", "generate", "generate_one", "split_of"]
