"""The review view for JupyterLab: one suggestion at a time, the segment in context, decided
with the keyboard.

>>> session = ReviewSession(store, codebook, reviewer="anna")
>>> review_view(session)          # the last line of a notebook cell shows it

Click the view, then: ``a`` accept, ``r`` reject, ``n`` or right arrow next, ``p`` or left
arrow previous, ``1``-``9`` give the segment the numbered code, ``m`` write a memo on the
segment (Ctrl+Enter saves it, Esc goes back to the keys). Every key is a
:class:`~evaltoolkit.coding.widget.ReviewSession` method, so each decision is written to the
store at once by :mod:`evaltoolkit.coding.review` (with the reviewer's name, the time and an
audit line). The view is an anywidget: its JavaScript only catches keys and shows the HTML
rendered here, and it keeps its keys from JupyterLab, whose command-mode shortcuts (``a``
inserts a cell, ``1`` makes a heading) would otherwise act on the notebook.

The view shows pseudonymised segment text; like every output, it is not committed.
"""
from __future__ import annotations

import html

import anywidget
import pandas as pd
import traitlets

from evaltoolkit.coding.widget import ReviewSession

# key (KeyboardEvent.key) -> command; digits 1-9 are "choose:N"
KEYS = {"a": "accept", "r": "reject", "n": "next", "ArrowRight": "next", "p": "previous", "ArrowLeft": "previous",
        "m": "memo"}
KEY_HELP = ("a accept · r reject · n/→ next · p/← previous · 1-9 give the numbered code · "
            "m memo (Ctrl+Enter saves, Esc back)")
# per-code reliability a suggester may add to the suggestions table (estimated precision, recall, ...)
RELIABILITY_WORDS = ("precision", "recall", "reliability", "kappa")

_ESM = """
function render({ model, el }) {
  const view = document.createElement("div");
  view.className = "etk-review";
  view.tabIndex = 0;
  view.setAttribute("role", "application");
  view.setAttribute("aria-label", model.get("help"));
  const item = document.createElement("div");
  item.className = "etk-item";
  const memo = document.createElement("textarea");
  memo.className = "etk-memo";
  memo.rows = 2;
  memo.placeholder = "Memo on this segment (m). Ctrl+Enter saves it, Esc goes back to the keys.";
  const status = document.createElement("div");
  status.className = "etk-status";
  status.setAttribute("aria-live", "polite");
  const help = document.createElement("div");
  help.className = "etk-help";
  help.textContent = model.get("help");
  view.append(item, memo, status, help);
  el.append(view);

  const show = () => {
    item.innerHTML = model.get("html");
    status.textContent = model.get("status");
  };
  model.on("change:html", show);
  model.on("change:status", show);
  show();

  view.addEventListener("keydown", (event) => {
    const modified = event.ctrlKey || event.metaKey || event.altKey;
    // JupyterLab listens on the document: keep our keys from its notebook shortcuts
    if (!modified || event.target === memo) event.stopPropagation();
    if (event.target === memo) {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        model.send({ command: "memo", text: memo.value });
        memo.value = "";
        view.focus();
      } else if (event.key === "Escape") {
        event.preventDefault();
        view.focus();
      }
      return;
    }
    if (modified) return;
    let command = model.get("key_commands")[event.key];
    if (!command && /^[1-9]$/.test(event.key)) command = "choose:" + event.key;
    if (!command) return;
    event.preventDefault();
    if (command === "memo") memo.focus();
    else model.send({ command });
  });
  view.addEventListener("click", (event) => {
    if (event.target !== memo) view.focus();
  });
}
export default { render };
"""

_CSS = """
.etk-review { border: 1px solid var(--jp-border-color1, #ccc); padding: 8px; outline: none; }
.etk-review:focus-within { border-color: var(--jp-brand-color1, #1976d2); box-shadow: 0 0 0 1px var(--jp-brand-color1, #1976d2); }
.etk-context { color: var(--jp-ui-font-color2, #777); white-space: pre-wrap; }
.etk-segment { white-space: pre-wrap; padding-left: 6px; margin: 4px 0; }
.etk-choices { columns: 3; margin: 4px 0; padding-left: 0; list-style: none; }
.etk-choices .etk-suggested { font-weight: bold; }
.etk-choices .etk-current { text-decoration: underline; }
.etk-memo { width: 100%; box-sizing: border-box; margin-top: 6px; }
.etk-status { min-height: 1.2em; margin-top: 4px; }
.etk-help { color: var(--jp-ui-font-color2, #777); font-size: smaller; }
kbd.etk-key { border: 1px solid #aaa; border-radius: 3px; padding: 0 3px; font-size: smaller; }
"""


class ReviewWidget(anywidget.AnyWidget):
    """The keyboard review view of a :class:`ReviewSession` (what ``review_view`` returns).

    ``press(command)`` does what a key does; the browser sends the same commands."""

    _esm = _ESM
    _css = _CSS
    html = traitlets.Unicode("").tag(sync=True)
    status = traitlets.Unicode("").tag(sync=True)
    key_commands = traitlets.Dict().tag(sync=True)
    help = traitlets.Unicode(KEY_HELP).tag(sync=True)

    def __init__(self, session: ReviewSession, *, language: str | None = None, **kwargs):
        super().__init__(key_commands=dict(KEYS), **kwargs)
        self.session = session
        self.language = language or session.codebook.language
        self.on_msg(self._on_message)
        self.html = item_html(session, language=self.language)

    def press(self, command: str, text: str | None = None) -> str:
        """Run one key's command (``accept``, ``reject``, ``next``, ``previous``, ``choose:N``,
        ``memo`` with its text); the view shows the next item and the message returned."""
        session = self.session
        if command == "accept":
            message = session.accept()
        elif command == "reject":
            message = session.reject()
        elif command == "next":
            session.next()
            message = ""
        elif command == "previous":
            session.previous()
            message = ""
        elif command.startswith("choose:") and command[len("choose:"):].isdigit():
            message = session.choose(int(command[len("choose:"):]))
        elif command == "memo":
            message = session.memo(text) if text and text.strip() else "A memo needs text."
        else:
            message = f"Unknown key command {command!r}. Keys: {KEY_HELP}."
        self.html = item_html(session, language=self.language)
        self.status = message
        return message

    def _on_message(self, _widget, content: dict, _buffers) -> None:
        self.press(str(content.get("command", "")), content.get("text"))


def review_view(session: ReviewSession, *, language: str | None = None) -> ReviewWidget:
    """The JupyterLab review view of ``session`` (keys: see :data:`KEY_HELP`)."""
    return ReviewWidget(session, language=language)


def item_html(session: ReviewSession, *, language: str) -> str:
    """The suggestion on screen as HTML: position, the segment between its neighbours, the
    suggested code with its confidence (and reliability when the suggester gave one), and the
    numbered codes the digit keys give. All text is escaped."""
    item = session.current()
    if item is None:
        return "<p><i>No open suggestions.</i></p>"
    row, codebook = item.suggestion, session.codebook
    code = codebook.code(row["code_id"]) if row["code_id"] in codebook else None
    decided = session.decided.get(session.position)
    head = (f"<b>{item.position}/{item.total}</b> {_e(row['segment_id'])} · {_e(_text(row['perspective']))} · "
            f"{len(session.decided)} of {item.total} decided"
            + (f" · <b>{_e(decided)}</b>" if decided else "")
            + (" · <b>all decided</b>" if session.done else ""))
    color = code.color if code is not None and code.color else "#999"
    confidence = "" if pd.isna(row["confidence"]) else f" · confidence {float(row['confidence']):.2f}"
    evidence = _text(row.get("evidence"))
    return "".join([
        f"<div class='etk-head'>{head}</div>",
        f"<div class='etk-context'>{_e(item.before)}</div>",
        f"<div class='etk-segment' style='border-left:4px solid {_e(color)}'>{_e(_text(row['text']))}</div>",
        f"<div class='etk-context'>{_e(item.after)}</div>",
        f"<p class='etk-suggestion'>Suggested: <b>{_e(row['code_id'])}</b> {_e(code.label(language) if code else '')}"
        f"{confidence}{_reliability(row)} · {_e(_text(row['coder']))}"
        + (f"<br><small>{_e(evidence)}</small>" if evidence else "") + "</p>",
        _choices_html(session, language, segment_id=row["segment_id"], current=row["code_id"]),
    ])


def _choices_html(session: ReviewSession, language: str, *, segment_id: str, current: str) -> str:
    queue = session.queue
    suggested = set(queue.loc[queue["segment_id"] == segment_id, "code_id"])
    items = []
    for number, code_id in enumerate(session.code_choices(), start=1):
        label = session.codebook.code(code_id).label(language) if code_id in session.codebook else ""
        css = " ".join(name for name, on in (("etk-suggested", code_id in suggested), ("etk-current", code_id == current))
                       if on)
        items.append(f"<li class='{css}' data-code='{_e(code_id)}'><kbd class='etk-key'>{number}</kbd> "
                     f"{_e(code_id)} {_e(label)}</li>")
    return f"<ol class='etk-choices'>{''.join(items)}</ol>"


def _reliability(row: pd.Series) -> str:
    parts = [f"{name.replace('_', ' ')} {float(row[name]):.2f}" for name in row.index
             if any(word in name for word in RELIABILITY_WORDS) and _is_number(row[name])]
    flag = _text(row.get("flag"))  # e.g. "few decisions: check", from a reliability table
    return "".join(f" · {_e(part)}" for part in parts) + (f" · <b>{_e(flag)}</b>" if flag else "")


def _is_number(value) -> bool:
    try:
        return not pd.isna(value) and float(value) == float(value)
    except (TypeError, ValueError):
        return False


def _text(value) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def _e(value: str) -> str:
    return html.escape(value, quote=True)
