"""Review suggestions: :class:`ReviewSession`, the logic behind the review view.

The session walks through open suggestions (by code, perspective or document), shows the
segment with its neighbours, and records each decision in the store at once. Everything a
key does is a session method, so the logic is tested without a browser; the JupyterLab view
that binds the keys is :func:`evaltoolkit.coding.review_widget.review_view`. ``command``
keeps the typed commands (``a``, ``r``, ``n``, ``p``, ``+code_id``, ``m <text>``) for
scripts and the terminal.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from evaltoolkit.codebook import Codebook
from evaltoolkit.coding.review import (
    accept_suggestion,
    add_coding,
    human_decisions,
    open_suggestions,
    reject_suggestion,
    write_memo,
)
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
                 perspective: str | None = None, doc_id: str | None = None, context: int = 1,
                 queue: pd.DataFrame | None = None):
        """``queue``: the open suggestions in the order to review them (REVIEW_COLUMNS, plus any
        columns to show such as a code's estimated precision); default: :func:`open_suggestions`."""
        self.store, self.codebook, self.reviewer, self.context = store, codebook, reviewer, context
        if queue is None:
            queue = open_suggestions(store, code_id=code_id, perspective=perspective, doc_id=doc_id)
        self.queue = queue.reset_index(drop=True)
        self.position = 0
        self.decided: dict[int, str] = {}
        self.log: list[str] = []
        accepted = human_decisions(store.read("codings", where={"status": CODING_ACCEPTED}))
        self._usual_codes = tuple(accepted["code_id"].value_counts().index)

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

    def code_choices(self, limit: int = 9) -> tuple[str, ...]:
        """The codes the digit keys 1..``limit`` stand for on the current segment: the codes suggested
        for it (most confident first), then the project's most accepted codes, then the codebook's
        order; only codes that may be given to the segment's perspective, plus what was suggested."""
        item = self.current()
        if item is None:
            return ()
        row = item.suggestion
        perspective = None if pd.isna(row["perspective"]) else row["perspective"]
        suggested = (self.queue[self.queue["segment_id"] == row["segment_id"]]
                     .sort_values("confidence", ascending=False, kind="stable")["code_id"].tolist())
        assignable = [code.code_id for code in self.codebook.assignable() if code.applies_to(perspective)]
        allowed = set(assignable) | set(suggested)
        ordered = dict.fromkeys([*suggested, *self._usual_codes, *assignable])
        return tuple(code_id for code_id in ordered if code_id in allowed)[:limit]

    def choose(self, number: int) -> str:
        """Digit key ``number``: the segment on screen has code ``code_choices()[number - 1]``.

        Accepts that code's open suggestion on the segment (and moves on when it is the one on
        screen); a code nobody suggested is coded by hand (:func:`add_coding`)."""
        item = self.current()
        if item is None:
            return self._say("Nothing to review.")
        choices = self.code_choices()
        if not 1 <= number <= len(choices):
            return self._say(f"There is no code {number} here: choose 1-{len(choices)}.")
        code_id, segment_id = choices[number - 1], item.suggestion["segment_id"]
        if code_id == item.suggestion["code_id"]:
            return self.accept()
        same = self.queue.index[(self.queue["segment_id"] == segment_id) & (self.queue["code_id"] == code_id)]
        if len(same):
            row = self.queue.loc[same[0]]
            try:
                accept_suggestion(self.store, segment_id=segment_id, code_id=code_id, reviewer=self.reviewer,
                                  coder=row["coder"])
            except EvaltoolkitError as exc:
                return self._say(f"Error: {exc}")
            self.decided[int(same[0])] = CODING_ACCEPTED
            return self._say(f"{code_id} {CODING_ACCEPTED} for {segment_id}.")
        try:
            return self.add(code_id)
        except EvaltoolkitError as exc:
            return self._say(f"Error: {exc}")

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

