"""The synthetic demo study: a generated, clearly invented evaluation of a community
sponsorship pilot, in the formats researchers receive (transcripts, Qualtrics exports,
meeting notes), with gold codings and planted personal data for testing every stage.

``generate_study(out_dir, scale=1, seed=2024)`` writes it; ``python -m evaltoolkit.demo OUT_DIR``
does the same from the command line.
"""
from evaltoolkit.demo.study import GeneratedStudy, generate_study

__all__ = ["GeneratedStudy", "generate_study"]
