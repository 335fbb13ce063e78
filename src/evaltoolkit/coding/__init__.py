"""Which segment has which code? Rule and learned suggestions, human review, agreement, memos, insights."""
from evaltoolkit.coding.agreement import (
    agreement,
    agreement_by_month,
    agreement_by_subgroup,
    agreement_table,
    cohen_kappa,
    human_agreement_summary,
    human_coders,
    krippendorff_alpha,
    sample_double_coding,
    segment_months,
)
from evaltoolkit.coding.embedding import SentenceEncoder, make_encoder
from evaltoolkit.coding.evaluation import cross_val_suggestions, cross_validate_suggester, score_suggestions
from evaltoolkit.coding.fewshot import ExampleSuggester, examples_from_codings, read_examples_csv
from evaltoolkit.coding.importing import import_codings, resolve_codings
from evaltoolkit.coding.insights import add_insight, import_insights, list_insights, update_insight
from evaltoolkit.coding.learned import Suggester
from evaltoolkit.coding.pipeline import segments_for_coding, suggest_csv, suggest_for_project
from evaltoolkit.coding.reliability import (
    code_reliability,
    examples_per_code,
    review_reliability,
    subgroup_errors,
    teaching_order,
    teaching_queue,
)
from evaltoolkit.coding.review import (
    accept_suggestion,
    add_coding,
    human_decisions,
    list_memos,
    open_suggestions,
    reject_suggestion,
    write_memo,
)
from evaltoolkit.coding.rules import RULES_VERSION, RuleSet, RuleWeights, apply_rules
from evaltoolkit.coding.spreadsheet import export_review, import_review
from evaltoolkit.coding.suggestions import auto_accept, make_suggestions, store_suggestions
from evaltoolkit.coding.review_widget import ReviewWidget, review_view
from evaltoolkit.coding.widget import ReviewSession

__all__ = [
    "ExampleSuggester",
    "RULES_VERSION",
    "ReviewSession",
    "ReviewWidget",
    "RuleSet",
    "RuleWeights",
    "SentenceEncoder",
    "Suggester",
    "accept_suggestion",
    "add_coding",
    "add_insight",
    "agreement",
    "agreement_by_month",
    "agreement_by_subgroup",
    "agreement_table",
    "apply_rules",
    "auto_accept",
    "code_reliability",
    "cohen_kappa",
    "cross_val_suggestions",
    "cross_validate_suggester",
    "examples_from_codings",
    "examples_per_code",
    "export_review",
    "human_agreement_summary",
    "human_coders",
    "human_decisions",
    "import_codings",
    "import_insights",
    "import_review",
    "krippendorff_alpha",
    "list_insights",
    "list_memos",
    "make_encoder",
    "make_suggestions",
    "open_suggestions",
    "read_examples_csv",
    "reject_suggestion",
    "resolve_codings",
    "review_reliability",
    "review_view",
    "sample_double_coding",
    "score_suggestions",
    "segment_months",
    "segments_for_coding",
    "store_suggestions",
    "subgroup_errors",
    "suggest_csv",
    "suggest_for_project",
    "teaching_order",
    "teaching_queue",
    "update_insight",
    "write_memo",
]
