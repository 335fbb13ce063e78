"""What do the codes mean? The codebook: codes, their hierarchy, valence, versions and lineage."""
from evaltoolkit.codebook.lineage import lineage_map, map_to_current
from evaltoolkit.codebook.loading import (
    build_codebook,
    codebook_from_dict,
    dump_codebook,
    load_codebook,
    read_codebook,
    save_codebook,
)
from evaltoolkit.codebook.model import (
    DIMENSIONS,
    LINEAGE_KINDS,
    STATUSES,
    MEANINGS,
    POLARITIES,
    Code,
    Codebook,
    Lineage,
    codebook_to_dict,
)
from evaltoolkit.codebook.versions import (
    CodebookDiff,
    diff_codebooks,
    list_codebook_versions,
    load_codebook_version,
    previous_codebook_version,
    save_codebook_version,
)

__all__ = [
    "DIMENSIONS",
    "LINEAGE_KINDS",
    "STATUSES",
    "MEANINGS",
    "POLARITIES",
    "Code",
    "Codebook",
    "CodebookDiff",
    "Lineage",
    "build_codebook",
    "codebook_from_dict",
    "codebook_to_dict",
    "diff_codebooks",
    "dump_codebook",
    "lineage_map",
    "list_codebook_versions",
    "load_codebook",
    "load_codebook_version",
    "map_to_current",
    "previous_codebook_version",
    "read_codebook",
    "save_codebook",
    "save_codebook_version",
]
