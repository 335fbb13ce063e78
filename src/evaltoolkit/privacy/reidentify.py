"""Re-identification: the only way back from a placeholder to a person, and always audited."""
from __future__ import annotations

from dataclasses import dataclass

from evaltoolkit.config import ProjectConfig
from evaltoolkit.errors import PrivacyError
from evaltoolkit.privacy.key import load_key
from evaltoolkit.store import open_project_store


@dataclass(frozen=True)
class Reidentification:
    placeholder: str
    entity_type: str
    participant_id: str | None
    surfaces: tuple[str, ...]   # personal data: shown to the researcher, never logged

    def __str__(self) -> str:
        who = f"participant {self.participant_id}" if self.participant_id else f"a {self.entity_type} (not in the register)"
        return f"{self.placeholder} is {who}; written as: {'; '.join(self.surfaces)}"


def reidentify(config: ProjectConfig, placeholder: str, *, passphrase: str, actor: str) -> Reidentification:
    """Look ``placeholder`` up in the key; the audit log records who asked for which
    placeholder (not the answer)."""
    key = load_key(config.paths.key, passphrase=passphrase)
    entity = key.by_placeholder(placeholder)
    store = open_project_store(config.paths.store_url)
    store.audit(actor=actor, action="reidentify", entity_type="placeholder", entity_id=placeholder.strip(),
                details={"found": entity is not None})
    if entity is None:
        raise PrivacyError(f"{placeholder!r} is not a placeholder in the key {config.paths.key}. "
                           "Write it as in the text, e.g. '[Sponsor 3]'.")
    return Reidentification(entity.placeholder(config.privacy.placeholder_language), entity.entity_type,
                            entity.participant_id, tuple(entity.surfaces))
