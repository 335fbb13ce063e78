"""Re-identification: the only way back from a placeholder to a person, and always audited."""
from __future__ import annotations

from dataclasses import dataclass

from evaltoolkit.errors import PrivacyError
from evaltoolkit.privacy.key import PseudonymKey


@dataclass(frozen=True)
class Reidentification:
    placeholder: str
    entity_type: str
    participant_id: str | None
    surfaces: tuple[str, ...]   # personal data: shown to the researcher, never logged
    may_be: tuple[str, ...] = ()   # a name several people carry: their placeholders
    opaque_id: str | None = None   # the participant's id in the project store

    def __str__(self) -> str:
        who = f"participant {self.participant_id}" if self.participant_id else f"a {self.entity_type} (not in the register)"
        if self.participant_id and self.opaque_id:
            who += f" ({self.opaque_id} in the project store)"
        if self.may_be:
            who = f"a name several people carry ({', '.join(self.may_be)})"
        return f"{self.placeholder} is {who}; written as: {'; '.join(self.surfaces)}"


def reidentify(key: PseudonymKey, placeholder: str, *, language: str) -> Reidentification:
    """Look ``placeholder`` (or a participant's opaque id of the project store) up in ``key``.
    The project layer records every call in the audit log (who asked for which placeholder,
    not the answer)."""
    register_id = key.register_id(placeholder)
    if register_id is not None:
        entity = key.participant_entity(register_id)
        return Reidentification(entity.placeholder(language) if entity else placeholder.strip(), "person",
                                register_id, tuple(entity.surfaces) if entity else (),
                                opaque_id=placeholder.strip())
    entity = key.by_placeholder(placeholder)
    if entity is None:
        raise PrivacyError(f"{placeholder!r} is not a placeholder or opaque participant id in the pseudonymisation "
                           "key. Write it as in the text, e.g. '[Sponsor 3]', or as in the project store.")
    opaque = key.opaque_id(entity.participant_id, create=False) if entity.participant_id else None
    return Reidentification(entity.placeholder(language), entity.entity_type, entity.participant_id,
                            tuple(entity.surfaces), tuple(e.placeholder(language) for e in key.sharers(entity)),
                            opaque_id=opaque)
