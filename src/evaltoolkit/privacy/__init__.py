"""Who is in it? Detection of personal data, pseudonymisation with an encrypted key,
review of uncertain detections, leak checks, withdrawal and disclosure control."""
from evaltoolkit.privacy.detections import ENTITY_TYPES, Detection
from evaltoolkit.privacy.detector import Detector
from evaltoolkit.privacy.disclosure import SuppressedTable, coarsen_categories, suppress_small_cells
from evaltoolkit.privacy.key import PseudonymKey, load_key, save_key
from evaltoolkit.privacy.leaks import LeakReport, LeakScanner, build_scanner, refuse_leaks, scan_texts
from evaltoolkit.privacy.pseudonymiser import Pseudonymiser
from evaltoolkit.privacy.reidentify import Reidentification, reidentify
from evaltoolkit.privacy.relatives import RelationVocabulary, load_relations
from evaltoolkit.privacy.review import ReviewImportReport, read_review_decisions, record_decisions
from evaltoolkit.privacy.scrub import ScrubReport, scrub_files
from evaltoolkit.privacy.widget import ReviewWidget, review_widget
from evaltoolkit.privacy.withdrawal import WithdrawalReport, withdraw_participant

__all__ = [
    "ENTITY_TYPES", "Detection", "Detector", "LeakReport", "PseudonymKey", "Pseudonymiser",
    "Reidentification", "RelationVocabulary", "ReviewWidget", "ScrubReport", "SuppressedTable", "WithdrawalReport", "coarsen_categories",
    "LeakScanner", "ReviewImportReport", "build_scanner", "load_key", "load_relations", "refuse_leaks", "scan_texts", "read_review_decisions", "record_decisions", "reidentify",
    "review_widget", "save_key", "scrub_files", "suppress_small_cells",
    "withdraw_participant",
]
