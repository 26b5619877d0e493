"""What a write changed: ``OpChanges``, as Anki's operations return theirs.

A service that returns an ``OpChanges`` says which kinds of records it
changed, with the kind names the window's change bus uses (``"order"``,
``"production_sheet"``, ``"flow_card"``, ``"recall"``, ``"setting"``…), and
where useful which ids of a kind. The window refreshes what shows those kinds
(and can re-read just those ids) instead of each caller guessing.

Adopted one service at a time: a service that does not return one yet keeps its
return type, and its caller keeps naming the kinds itself (the GUI's
``CollectionOp(..., kinds=…)``). When a service is changed over, its callers
take ``changes.kinds`` from the result; the GUI op runner can announce
``result.kinds`` whenever the result is an ``OpChanges``. Services that also
return a record return it beside the changes rather than dropping it.
Returning ``OpChanges`` today: ``paper.record_printed``,
``settings.save_settings``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType


@dataclass(frozen=True)
class OpChanges:
    """Kinds of records a write changed, and (where a service knows them) their ids per kind."""

    kinds: frozenset[str] = frozenset()
    ids: Mapping[str, frozenset[int]] = field(default_factory=lambda: MappingProxyType({}))

    @classmethod
    def of(cls, kind: str, ids: Iterable[int] = ()) -> OpChanges:
        """Records of one ``kind`` changed (``ids`` when known)."""
        id_set = frozenset(int(i) for i in ids)
        return cls(frozenset({kind}), MappingProxyType({kind: id_set} if id_set else {}))

    def __or__(self, other: OpChanges) -> OpChanges:
        """Both changes: what a service that calls others reports."""
        ids = {k: self.ids_of(k) | other.ids_of(k) for k in set(self.ids) | set(other.ids)}
        return OpChanges(self.kinds | other.kinds, MappingProxyType(ids))

    def __bool__(self) -> bool:
        return bool(self.kinds)

    def ids_of(self, kind: str) -> frozenset[int]:
        """The ids of ``kind`` the service named (empty when it changed none or did not say)."""
        return self.ids.get(kind, frozenset())

    def touches(self, kinds: Iterable[str]) -> bool:
        """Whether a view showing ``kinds`` must refresh."""
        return not self.kinds.isdisjoint(kinds)


NOTHING = OpChanges()
