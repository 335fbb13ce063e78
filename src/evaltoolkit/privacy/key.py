"""The pseudonymisation key: who is [Sponsor 3], and which surface forms map to which
placeholder. Encrypted at rest (Fernet, key derived from a passphrase with scrypt; the
salt is stored in the file), written atomically, never inside the pseudonymised data.

>>> key = PseudonymKey()
>>> entity = key.add_surface("Aleppo", "place", source="names")
>>> entity.placeholder("nl")
'[Plaats 1]'
"""
from __future__ import annotations

import base64
import copy
import json
import os
import secrets
import tempfile
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from evaltoolkit.errors import PrivacyError
from evaltoolkit.privacy.detections import entity_type as get_entity_type
from evaltoolkit.privacy.matching import SurfaceMatcher, lower_same_length

KEY_FORMAT = "evaltoolkit-pseudonym-key.v1"
#: version of the decrypted content: 2 added the opaque ids (a key without them is version 1
#: and loads with none; they are assigned on first use)
KEY_CONTENT_VERSION = 2
#: letters of opaque ids: consonants only, so a token is never a word, a number or a name
_TOKEN_LETTERS = "bcdfghjkmnpqrstvwxz"
_TOKEN_LENGTH = 10
_SCRYPT = {"n": 2**15, "r": 8, "p": 1}


@dataclass
class KeyEntity:
    """One person, place or identifier and every surface form that stands for it."""

    entity_id: str
    entity_type: str
    label_nl: str
    label_en: str
    number: int | None
    participant_id: str | None = None
    # register, detected, decision; relation (a relative: label "Broer van Hervestiger 1");
    # shared_surname / shared_name (a name several people carry: "Hervestiger 1 of ...")
    source: str = "detected"
    surfaces: list[str] = field(default_factory=list)

    def placeholder(self, language: str) -> str:
        label = self.label_en if language == "en" else self.label_nl
        return f"[{label}]" if self.number is None else f"[{label} {self.number}]"

    def pseudonym(self, language: str) -> str:
        """The placeholder without brackets, as stored in ``participants.pseudonym``."""
        return self.placeholder(language)[1:-1]


class PseudonymKey:
    """Entities with their placeholders and surface forms; numbering persists across runs."""

    def __init__(self) -> None:
        self.entities: dict[str, KeyEntity] = {}
        self.counters: dict[str, int] = {}
        self.cased: set[str] = set()     # lower-cased surfaces matched only when capitalised
        # people filed by how the text relates them ("anchor|relation|name", "either|surname|ids"):
        # found again in every document and month, also when their name is a participant's too
        self.related: dict[str, str] = {}
        # the analysis side's ids: register id (or family id) -> a random token, assigned once
        # and kept for good, so the project store never holds an id the register explains
        self.opaque_ids: dict[str, dict[str, str]] = {"participant": {}, "family": {}}
        self._by_surface: dict[str, str] = {}
        self._matcher: SurfaceMatcher | None = None

    def __len__(self) -> int:
        return len(self.entities)

    def copy(self) -> "PseudonymKey":
        return copy.deepcopy(self)

    # ----------------------------------------------------------------- lookups
    def entity_for_surface(self, surface: str) -> KeyEntity | None:
        entity_id = self._by_surface.get(normalised_surface(surface))
        return None if entity_id is None else self.entities[entity_id]

    def participant_entity(self, participant_id: str) -> KeyEntity | None:
        return next((e for e in self.entities.values() if e.participant_id == participant_id), None)

    def by_placeholder(self, placeholder: str) -> KeyEntity | None:
        wanted = placeholder.strip().strip("[]").casefold()
        return next((e for e in self.entities.values()
                     if wanted in (e.pseudonym("nl").casefold(), e.pseudonym("en").casefold())), None)

    def related_entity(self, index_key: str) -> KeyEntity | None:
        """The entity filed under ``index_key`` by :meth:`add_related`, if it is still there."""
        entity_id = self.related.get(index_key)
        return self.entities.get(entity_id) if entity_id is not None else None

    def sharers(self, entity: KeyEntity) -> list[KeyEntity]:
        """The people a shared name's entity may stand for (filed "shared<US>E00001,E00006")."""
        return [self.entities[i] for index, entity_id in self.related.items()
                if entity_id == entity.entity_id and index.startswith("shared\x1f")
                for i in index.split("\x1f")[-1].split(",") if i in self.entities]

    def surfaces(self) -> dict[str, str]:
        """Every lower-cased surface form -> entity id."""
        return dict(self._by_surface)

    def opaque_id(self, register_id: str, *, kind: str = "participant", create: bool = True) -> str | None:
        """The analysis side's id for ``register_id`` (a participant's, or with ``kind="family"`` a
        family's): a random token drawn the first time and kept in the key, so it is the same
        in every run and month and cannot be derived without the key. None when ``create`` is
        False and none was drawn yet."""
        tokens = self.opaque_ids.setdefault(kind, {})
        register_id = str(register_id)
        token = tokens.get(register_id)
        if token is None and create:
            taken = {t for ids in self.opaque_ids.values() for t in ids.values()}
            while token is None or token in taken:
                token = "p-" + "".join(secrets.choice(_TOKEN_LETTERS) for _ in range(_TOKEN_LENGTH))
            tokens[register_id] = token
        return token

    def register_id(self, token: str, *, kind: str = "participant") -> str | None:
        """The register id behind an opaque id (re-identification: the caller audits it)."""
        return next((rid for rid, t in self.opaque_ids.get(kind, {}).items() if t == str(token).strip()), None)

    # ----------------------------------------------------------------- changes
    def add_participant(self, participant_id: str, *, label_nl: str, label_en: str, numbered: bool = True,
                        surfaces: Iterable[str] = ()) -> KeyEntity:
        """The participant's entity (created with the next number of its label if new)."""
        entity = self.participant_entity(participant_id)
        if entity is None:
            entity = self._new_entity("person", label_nl, label_en, numbered=numbered,
                                      participant_id=participant_id, source="register", first_unnumbered=not numbered)
        for surface in surfaces:
            self.add_surface_to(entity, surface, cased=False, force=True)
        return entity

    def add_related(self, index_key: str, labels, *, counter: str) -> KeyEntity:
        """The person filed under ``index_key``; new if none, labelled ``labels(n)`` ->
        (label_nl, label_en, number or None), ``n`` counting the entities of ``counter``
        (the second brother of one participant is n = 2)."""
        entity = self.related_entity(index_key)
        if entity is None:
            count = self.counters.get(counter, 0) + 1
            self.counters[counter] = count
            label_nl, label_en, number = labels(count)
            entity = self._new_entity("person", label_nl, label_en, numbered=False, source="relation")
            entity.number = number
            self.related[index_key] = entity.entity_id
        return entity

    def add_surface(self, surface: str, entity_type: str, *, source: str = "detected",
                    cased: bool = False) -> KeyEntity:
        """The entity ``surface`` stands for; a new one of ``entity_type`` if unknown."""
        entity = self.entity_for_surface(surface)
        if entity is None:
            kind = get_entity_type(entity_type)
            entity = self._new_entity(entity_type, kind.label_nl, kind.label_en, numbered=kind.numbered, source=source)
            self.add_surface_to(entity, surface, cased=cased)
        return entity

    def add_surface_to(self, entity: KeyEntity, surface: str, *, cased: bool = False, force: bool = False) -> bool:
        """Map ``surface`` to ``entity``; an existing mapping to another entity wins unless ``force``."""
        norm = normalised_surface(surface)
        if not norm:
            return False
        owner = self._by_surface.get(norm)
        if owner is not None and owner != entity.entity_id and not force:
            return False
        if owner is not None and owner != entity.entity_id:
            other = self.entities[owner]
            other.surfaces = [s for s in other.surfaces if normalised_surface(s) != norm]
        if owner != entity.entity_id:
            entity.surfaces.append(surface.strip())
        self._by_surface[norm] = entity.entity_id
        if cased and owner is None:
            self.cased.add(norm)
        elif not cased:
            self.cased.discard(norm)
        self._matcher = None
        return True

    def remove_surface(self, surface: str) -> None:
        norm = normalised_surface(surface)
        entity_id = self._by_surface.pop(norm, None)
        self.cased.discard(norm)
        if entity_id is not None:
            entity = self.entities[entity_id]
            entity.surfaces = [s for s in entity.surfaces if normalised_surface(s) != norm]
            if not entity.surfaces and entity.participant_id is None and entity_id not in self.related.values():
                del self.entities[entity_id]
        self._matcher = None

    def remove_participant(self, participant_id: str) -> list[str]:
        """Forget a withdrawn participant's surface forms (the number stays used)."""
        entity = self.participant_entity(participant_id)
        if entity is None:
            return []
        removed = list(entity.surfaces)
        for surface in removed:
            norm = normalised_surface(surface)
            self._by_surface.pop(norm, None)
            self.cased.discard(norm)
        del self.entities[entity.entity_id]
        self.related = {k: v for k, v in self.related.items() if v != entity.entity_id}
        self._matcher = None
        return removed

    def _new_entity(self, entity_type, label_nl, label_en, *, numbered, participant_id=None, source="detected",
                    first_unnumbered=False) -> KeyEntity:
        number = None
        if numbered or first_unnumbered:
            count = self.counters.get(label_nl, 0) + 1
            self.counters[label_nl] = count
            if numbered:
                number = count
            elif count > 1:  # [Tolk], then [Tolk 2]
                number = count
        entity_id = f"E{len(self.entities) + 1:05d}"
        while entity_id in self.entities:
            entity_id = f"E{int(entity_id[1:]) + 1:05d}"
        entity = KeyEntity(entity_id, entity_type, label_nl, label_en, number, participant_id, source)
        self.entities[entity_id] = entity
        return entity

    # ----------------------------------------------------------------- matching
    def matcher(self) -> SurfaceMatcher:
        """Aho-Corasick matcher over every surface form (rebuilt after changes)."""
        if self._matcher is None:
            self._matcher = SurfaceMatcher(self._by_surface, allow_plural_s=True)
        return self._matcher

    # ----------------------------------------------------------------- (de)serialisation
    def to_dict(self) -> dict:
        return {"version": KEY_CONTENT_VERSION, "entities": [asdict(e) for e in self.entities.values()],
                "counters": self.counters, "cased": sorted(self.cased), "related": self.related,
                "opaque_ids": self.opaque_ids}

    @classmethod
    def from_dict(cls, data: dict) -> "PseudonymKey":
        version = int(data.get("version", 1))
        if version > KEY_CONTENT_VERSION:
            raise PrivacyError(f"The pseudonymisation key was written by a newer evaltoolkit (key version {version}, "
                               f"this one reads up to {KEY_CONTENT_VERSION}): upgrade evaltoolkit to open it.")
        key = cls()
        for raw in data.get("entities", []):
            entity = KeyEntity(**raw)
            key.entities[entity.entity_id] = entity
            for surface in entity.surfaces:
                key._by_surface[normalised_surface(surface)] = entity.entity_id
        key.counters = dict(data.get("counters", {}))
        key.cased = set(data.get("cased", []))
        key.related = {k: v for k, v in dict(data.get("related", {})).items() if v in key.entities}
        for kind, tokens in dict(data.get("opaque_ids", {})).items():   # version 1: none yet
            key.opaque_ids[kind] = {str(k): str(v) for k, v in dict(tokens).items()}
        return key


def normalised_surface(surface: str) -> str:
    """How a surface is looked up in the key: spaces collapsed, lower-cased (same length)."""
    return lower_same_length(" ".join(str(surface).split()))


# --------------------------------------------------------------------- encrypted file
def save_key(key: PseudonymKey, path: Path | str, *, passphrase: str) -> Path:
    """Encrypt and write the key atomically (a crash leaves the old file intact)."""
    _check_passphrase(passphrase)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    salt = os.urandom(16)
    token = Fernet(_derive(passphrase, salt, _SCRYPT)).encrypt(json.dumps(key.to_dict()).encode("utf-8"))
    payload = {"format": KEY_FORMAT, "kdf": {"name": "scrypt", **_SCRYPT, "salt": base64.b64encode(salt).decode()},
               "token": token.decode("ascii")}
    handle, tmp = tempfile.mkstemp(prefix=".key-", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(payload, out)
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path


def load_key(path: Path | str, *, passphrase: str) -> PseudonymKey:
    """Decrypt the key file; a wrong passphrase raises PrivacyError and changes nothing."""
    _check_passphrase(passphrase)
    path = Path(path)
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
        kdf = payload["kdf"]
        salt = base64.b64decode(kdf["salt"])
        params = {"n": int(kdf["n"]), "r": int(kdf["r"]), "p": int(kdf["p"])}
        token = payload["token"].encode("ascii")
    except FileNotFoundError:
        raise PrivacyError(f"There is no pseudonymisation key at {path}. Run `evaltoolkit pseudonymise` first.") from None
    except (ValueError, KeyError, TypeError):
        raise PrivacyError(f"{path} is not a pseudonymisation key file ({KEY_FORMAT}).") from None
    try:
        data = Fernet(_derive(passphrase, salt, params)).decrypt(token)
    except InvalidToken:
        raise PrivacyError(
            f"Cannot decrypt the pseudonymisation key {path}: the passphrase is wrong or the file was changed. "
            "Use the passphrase the key was created with; nothing was written."
        ) from None
    return PseudonymKey.from_dict(json.loads(data.decode("utf-8")))


def load_or_create_key(path: Path | str, *, passphrase: str, create: bool = False) -> PseudonymKey:
    """The key at ``path``; a new empty key only when there is no file and ``create`` says so.

    A missing key is never replaced silently: a new key would give every person a new
    placeholder and cut the link between this month's and last month's pseudonyms.
    """
    path = Path(path)
    if path.exists():
        return load_key(path, passphrase=passphrase)
    if create:
        _check_passphrase(passphrase)
        return PseudonymKey()
    raise PrivacyError(
        f"There is no pseudonymisation key at {path}. Restore it from its backup (placeholders must stay "
        "the same between runs); to start a new key on purpose, run `evaltoolkit pseudonymise --new-key`.")


def _derive(passphrase: str, salt: bytes, params: dict) -> bytes:
    kdf = Scrypt(salt=salt, length=32, n=params["n"], r=params["r"], p=params["p"])
    return base64.urlsafe_b64encode(kdf.derive(passphrase.encode("utf-8")))


def _check_passphrase(passphrase: str | None) -> None:
    if not passphrase:
        raise PrivacyError("A passphrase for the pseudonymisation key is required: set it in the environment "
                           "variable named by privacy.passphrase_env in evaltoolkit.yaml, or type it when asked.")
