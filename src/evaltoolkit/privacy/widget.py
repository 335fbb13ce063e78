"""A Jupyter view of the review queue (ipywidgets): one item at a time with its context,
buttons to accept or reject it, a field to add a missed span, and Save.

>>> view = review_widget(load_review_queue(project), decided_by="anna",
...                      on_save=lambda d: record_decisions(project.raw_store, d, decided_by="anna"))
>>> view.widget   # display it in a notebook cell

The decisions live in :attr:`ReviewWidget.decisions` until Save; the view shows raw text,
so use it only in a notebook that is not committed with outputs.
"""
from __future__ import annotations

import html
from collections.abc import Callable

import ipywidgets as widgets
import pandas as pd

from evaltoolkit.privacy.detections import ENTITY_TYPES
from evaltoolkit.store.values import DECISION_ACCEPT, DECISION_ADD, DECISION_REJECT, REVIEW_OPEN

_COLUMNS = ["item_id", "surface", "entity_type", "decision", "doc_id"]


class ReviewWidget:
    """State and callbacks of the review view; ``widget`` is what a notebook displays."""

    def __init__(self, queue: pd.DataFrame, *, decided_by: str,
                 on_save: Callable[[pd.DataFrame], object] | None = None):
        self.queue = queue.reset_index(drop=True)
        self.decided_by = decided_by
        self.on_save = on_save
        self.position = 0
        self._decisions: dict[str, dict] = {}
        types = list(ENTITY_TYPES)
        self.context = widgets.HTML()
        self.status = widgets.Label()
        self.type_choice = widgets.Dropdown(options=types, description="Type")
        self.accept_button = widgets.Button(description="Accept", button_style="success")
        self.reject_button = widgets.Button(description="Reject (not personal)", button_style="warning")
        self.previous_button = widgets.Button(description="Previous")
        self.next_button = widgets.Button(description="Next")
        self.add_text = widgets.Text(description="Missed", placeholder="text to replace everywhere")
        self.add_type = widgets.Dropdown(options=types, description="Type")
        self.add_button = widgets.Button(description="Add span")
        self.save_button = widgets.Button(description="Save decisions", button_style="primary")
        self.accept_button.on_click(lambda _: self.accept())
        self.reject_button.on_click(lambda _: self.reject())
        self.previous_button.on_click(lambda _: self.move(-1))
        self.next_button.on_click(lambda _: self.move(1))
        self.add_button.on_click(lambda _: self.add(self.add_text.value, self.add_type.value))
        self.save_button.on_click(lambda _: self.save())
        self.widget = widgets.VBox([
            self.context, self.type_choice,
            widgets.HBox([self.previous_button, self.accept_button, self.reject_button, self.next_button]),
            widgets.HBox([self.add_text, self.add_type, self.add_button]),
            widgets.HBox([self.save_button, self.status]),
        ])
        self._show()

    # ---------------------------------------------------------------- callbacks
    def accept(self) -> None:
        self._decide(DECISION_ACCEPT, self.type_choice.value)

    def reject(self) -> None:
        self._decide(DECISION_REJECT, None)

    def add(self, surface: str, entity_type: str) -> None:
        surface = surface.strip()
        if not surface:
            self.status.value = "Type the missed text first."
            return
        self._decisions[f"add:{surface.lower()}"] = {"item_id": None, "surface": surface,
                                                     "entity_type": entity_type, "decision": DECISION_ADD, "doc_id": None}
        self.add_text.value = ""
        self.status.value = f"{len(self._decisions)} decisions not saved yet."

    def move(self, step: int) -> None:
        if len(self.queue):
            self.position = (self.position + step) % len(self.queue)
        self._show()

    def save(self) -> pd.DataFrame:
        decisions = self.decisions
        if self.on_save is not None and len(decisions):
            self.on_save(decisions)
        self.status.value = f"Saved {len(decisions)} decisions."
        self._decisions.clear()
        return decisions

    @property
    def decisions(self) -> pd.DataFrame:
        return pd.DataFrame(list(self._decisions.values()), columns=_COLUMNS)

    # ---------------------------------------------------------------- display
    def _decide(self, decision: str, entity_type: str | None) -> None:
        if not len(self.queue):
            return
        item = self.queue.iloc[self.position]
        self._decisions[item["item_id"]] = {"item_id": item["item_id"], "surface": item["surface"],
                                            "entity_type": entity_type, "decision": decision,
                                            "doc_id": item["doc_id"]}
        self.move(1)

    def _show(self) -> None:
        if not len(self.queue):
            self.context.value = "<p>The review queue is empty.</p>"
            return
        item = self.queue.iloc[self.position]
        context, surface = str(item["context"] or ""), str(item["surface"])
        at = context.find(surface)
        marked = (html.escape(context[:at]) + f"<mark><b>{html.escape(surface)}</b></mark>"
                  + html.escape(context[at + len(surface):])) if at >= 0 else html.escape(context)
        decided = self._decisions.get(item["item_id"], {}).get("decision", REVIEW_OPEN)
        self.context.value = (
            f"<p>Item {self.position + 1} of {len(self.queue)} &middot; {html.escape(str(item['entity_type']))} "
            f"&middot; confidence {float(item['confidence']):.2f} &middot; {html.escape(str(item['reason']))} "
            f"&middot; {int(item['occurrences'])}x &middot; {html.escape(str(item['doc_id']))} &middot; {decided}</p>"
            f"<p style='font-family:monospace'>{marked}</p>")
        if item["entity_type"] in ENTITY_TYPES:
            self.type_choice.value = item["entity_type"]


def review_widget(queue: pd.DataFrame, *, decided_by: str,
                  on_save: Callable[[pd.DataFrame], object] | None = None) -> ReviewWidget:
    """The review view for ``queue`` (from :func:`load_review_queue`)."""
    return ReviewWidget(queue, decided_by=decided_by, on_save=on_save)
