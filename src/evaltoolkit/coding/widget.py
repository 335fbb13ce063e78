"""Review suggestions in Jupyter: :class:`ReviewSession` (the logic) and :func:`review_view` (ipywidgets).

The session walks through open suggestions (by code, perspective or document), shows the
segment with its neighbours, and records each decision in the store at once. Everything a
button does is a session method, so the logic is tested without a browser; the widget is
keyboard-friendly through a command box: ``a`` accept, ``r`` reject, ``n``/``p`` next or
previous, ``+code_id`` add a code, ``m <text>`` memo on the segment, then Enter.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from evaltoolkit.codebook import Codebook
from evaltoolkit.coding.review import accept_suggestion, add_coding, open_suggestions, reject_suggestion, write_memo
from evaltoolkit.errors import EvaltoolkitError
from evaltoolkit.store import Store
from evaltoolkit.store.values import CODING_ACCEPTED, CODING_REJECTED, MEMO_ON_SEGMENT

HELP = "a = accept, r = reject, n/p = next/previous, +code_id = add a code, m text = memo; Enter to run."


@dataclass(frozen=True)
class ReviewItem:
    """One suggestion on screen: the suggestion row and the segment in context."""

    suggestion: pd.Series
    before: str
    after: str
    position: int
    total: int


class ReviewSession:
    """A reviewer's walk through open suggestions; decisions go to the store immediately."""

    def __init__(self, store: Store, codebook: Codebook, *, reviewer: str, code_id: str | None = None,
                 perspective: str | None = None, doc_id: str | None = None, context: int = 1):
        self.store, self.codebook, self.reviewer, self.context = store, codebook, reviewer, context
        self.queue = open_suggestions(store, code_id=code_id, perspective=perspective, doc_id=doc_id)
        self.position = 0
        self.decided: dict[int, str] = {}
        self.log: list[str] = []

    @property
    def done(self) -> bool:
        return len(self.decided) == len(self.queue)

    def current(self) -> ReviewItem | None:
        if self.queue.empty:
            return None
        row = self.queue.iloc[self.position]
        before, after = self._neighbours(row["doc_id"], row["segment_id"])
        return ReviewItem(row, before, after, self.position + 1, len(self.queue))

    def _neighbours(self, doc_id: str, segment_id: str) -> tuple[str, str]:
        segments = self.store.read("segments", where={"doc_id": doc_id}).sort_values("n")
        ids = segments["segment_id"].tolist()
        i = ids.index(segment_id)
        texts = segments["text"].tolist()
        return ("\n".join(texts[max(0, i - self.context):i]), "\n".join(texts[i + 1:i + 1 + self.context]))

    def accept(self) -> str:
        return self._decide(CODING_ACCEPTED, accept_suggestion)

    def reject(self) -> str:
        return self._decide(CODING_REJECTED, reject_suggestion)

    def _decide(self, outcome: str, decide) -> str:
        item = self.current()
        if item is None:
            return self._say("Nothing to review.")
        row = item.suggestion
        decide(self.store, segment_id=row["segment_id"], code_id=row["code_id"], reviewer=self.reviewer,
               coder=row["coder"])
        self.decided[self.position] = outcome
        message = self._say(f"{row['code_id']} {outcome} for {row['segment_id']}.")
        self.next()
        return message

    def add(self, code_id: str) -> str:
        item = self.current()
        if item is None:
            return self._say("Nothing to review.")
        add_coding(self.store, segment_id=item.suggestion["segment_id"], code_id=code_id, reviewer=self.reviewer,
                   codebook=self.codebook)
        return self._say(f"{code_id} added to {item.suggestion['segment_id']}.")

    def memo(self, text: str) -> str:
        item = self.current()
        if item is None:
            return self._say("Nothing to review.")
        memo_id = write_memo(self.store, target_type=MEMO_ON_SEGMENT, target_id=item.suggestion["segment_id"],
                             author=self.reviewer, text=text)
        return self._say(f"Memo {memo_id} saved on {item.suggestion['segment_id']}.")

    def next(self) -> None:
        """Move to the next undecided suggestion (wrapping round), if any."""
        for step in range(1, len(self.queue) + 1):
            candidate = (self.position + step) % len(self.queue)
            if candidate not in self.decided:
                self.position = candidate
                return

    def previous(self) -> None:
        if len(self.queue):
            self.position = (self.position - 1) % len(self.queue)

    def command(self, text: str) -> str:
        """Run one keyboard command (see HELP); errors a user can fix come back as messages."""
        text = text.strip()
        try:
            if text in ("a", "accept"):
                return self.accept()
            if text in ("r", "reject"):
                return self.reject()
            if text in ("n", "next", ""):
                self.next()
                return ""
            if text in ("p", "previous"):
                self.previous()
                return ""
            if text.startswith("+"):
                return self.add(text[1:].strip())
            if text.startswith("m "):
                return self.memo(text[2:])
        except EvaltoolkitError as exc:
            return self._say(f"Error: {exc}")
        return self._say(f"Unknown command {text!r}. {HELP}")

    def _say(self, message: str) -> str:
        self.log.append(message)
        return message


def review_view(session: ReviewSession):
    """An ipywidgets view of ``session``: segment in context, buttons and a command box."""
    import html

    import ipywidgets as widgets

    segment, status, box = widgets.HTML(), widgets.HTML(), widgets.Text(placeholder=HELP, continuous_update=False)

    def render(message: str = "") -> None:
        item = session.current()
        if item is None:
            segment.value, status.value = "<i>No open suggestions.</i>", html.escape(message)
            return
        s = item.suggestion
        code = session.codebook.code(s["code_id"]) if s["code_id"] in session.codebook else None
        segment.value = (
            f"<b>{item.position}/{item.total}</b> {html.escape(s['segment_id'])} ({html.escape(str(s['perspective']))})"
            f"<div style='color:#888'>{html.escape(item.before)}</div>"
            f"<div style='border-left:4px solid {code.color if code and code.color else '#999'};padding-left:6px'>"
            f"{html.escape(str(s['text']))}</div><div style='color:#888'>{html.escape(item.after)}</div>"
            f"<p><b>{html.escape(s['code_id'])}</b> {html.escape(code.label_nl if code else '')} - "
            f"confidence {s['confidence']:.2f} - {html.escape(str(s['coder']))}<br>"
            f"<small>{html.escape(str(s['evidence']))}</small></p>")
        status.value = html.escape(message)

    def run(text: str) -> None:
        box.value = ""
        render(session.command(text))

    box.observe(lambda change: run(change["new"]) if change["new"] else None, names="value")
    buttons = []
    for label, command in (("Accept (a)", "a"), ("Reject (r)", "r"), ("Previous (p)", "p"), ("Next (n)", "n")):
        button = widgets.Button(description=label)
        button.on_click(lambda _, c=command: run(c))
        buttons.append(button)
    render()
    return widgets.VBox([segment, widgets.HBox(buttons), box, status])
