"""Frozen value classes that cost almost nothing to create at start-up.

``@dataclass(frozen=True)`` compiles each class's methods with ``exec`` when the
class is made: about 0.8 ms a class on Python 3.11, paid by every run for every
class its imports define (``slots=True`` compiles the same). A class deriving
from ``Record`` lists its fields in ``__slots__`` (in its ``__init__``'s order)
and writes its own ``__init__``, typed field by field, whose body is
``self._fill(locals())``; equality, hash, repr and the refusal to be
changed are the frozen dataclass's, done here once for all of them. Decorated
with ``@dataclass(init=False, repr=False, eq=False)`` (which compiles nothing,
about 0.1 ms), it is a dataclass to ``dataclasses.replace``, ``fields`` and
``asdict`` too.
"""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from typing import Any


class Record:
    """Equality, hash and repr by the fields in ``__slots__``, as a frozen dataclass has them; no assignment."""

    __slots__: tuple[str, ...] = ()

    def _fill(self, given: dict[str, Any]) -> None:
        """Set every field from ``given``, the ``__init__``'s ``locals()`` (its parameters are the fields)."""
        for name in self.__slots__:
            object.__setattr__(self, name, given[name])

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            assert isinstance(other, Record)
            return self._values() == other._values()
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{self.__class__.__qualname__}({fields})"

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __reduce__(self) -> tuple[type[Record], tuple[Any, ...]]:
        # copy and pickle rebuild through __init__ (the fields can't be assigned one by one).
        return self.__class__, self._values()
