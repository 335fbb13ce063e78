"""How do perspectives differ? Code matrices, round comparison, co-occurrence,
convergence between perspectives and exemplar quotes, all with disclosure control."""
from evaltoolkit.analysis.convergence import FLAGS, convergence, convergence_from_rows
from evaltoolkit.analysis.matrices import co_occurrence, code_matrix, compare_rounds, count_codes, suppress
from evaltoolkit.analysis.quotes import (
    attribution,
    attribution_options,
    quotes_from_rows,
    select_quotes,
    shorten,
    trim_filler,
)
from evaltoolkit.analysis.units import (
    NON_PARTICIPANT_ROLES,
    analysable_segments,
    coded_units,
    site_attributes_of,
)

__all__ = [
    "FLAGS",
    "NON_PARTICIPANT_ROLES",
    "analysable_segments",
    "attribution",
    "co_occurrence",
    "code_matrix",
    "coded_units",
    "compare_rounds",
    "convergence",
    "convergence_from_rows",
    "count_codes",
    "attribution_options",
    "quotes_from_rows",
    "select_quotes",
    "shorten",
    "trim_filler",
    "site_attributes_of",
    "suppress",
]
