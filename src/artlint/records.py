"""``dataclass`` as ``dataclasses.dataclass`` makes it, with ``__repr__``, ``__eq__`` and
``__hash__`` that are not compiled from source for each class.

``dataclasses`` writes each generated method as Python source and ``exec``s it: three or more
compilations per class, and a one-article run (pre-commit's) imports about thirty dataclasses,
so compiling those methods was about a tenth of its instructions. ``__init__`` (whose source
depends on each field's default) is still ``dataclasses``' own; ``__repr__``, ``__eq__`` and
the ``__hash__`` of a frozen class are closures over the class's field names here, written to
give exactly what the generated methods give:

- ``__repr__``: ``Class(a=1, b='x')`` with the ``repr=True`` fields, ``...`` for a recursive call
  (per object and thread), as ``dataclasses._recursive_repr`` does;
- ``__eq__``: ``NotImplemented`` unless ``other.__class__ is self.__class__``, else the tuples of
  the ``compare=True`` fields compared (identity first, as tuples compare);
- ``__hash__``: ``hash`` of the tuple of the fields ``dataclasses`` hashes; set, with ``None``
  for an unfrozen class, by the same table as ``dataclasses`` (``_hash_action``).

A class that defines one of them keeps its own, as with ``dataclasses``; ``order`` or
``unsafe_hash`` go to ``dataclasses`` whole. tests/test_records.py compares both on every
dataclass of artlint."""

from __future__ import annotations

import dataclasses
from operator import attrgetter

try:
    from _thread import get_ident
except ImportError:  # pragma: no cover
    from threading import get_ident

__all__ = ["dataclass"]


def dataclass(cls=None, /, *, init=True, repr=True, eq=True, order=False, unsafe_hash=False, frozen=False,
              match_args=True, kw_only=False, slots=False, weakref_slot=False):
    def wrap(cls):
        if order or unsafe_hash:
            return dataclasses.dataclass(cls, init=init, repr=repr, eq=eq, order=order, unsafe_hash=unsafe_hash,
                                         frozen=frozen, match_args=match_args, kw_only=kw_only, slots=slots,
                                         weakref_slot=weakref_slot)
        made = dataclasses.dataclass(cls, init=init, repr=False, eq=False, frozen=frozen, match_args=match_args,
                                     kw_only=kw_only, slots=slots, weakref_slot=weakref_slot)
        _add_methods(made, repr, eq, frozen)
        return made

    return wrap if cls is None else wrap(cls)


def _add_methods(cls, repr: bool, eq: bool, frozen: bool) -> None:
    own = cls.__dict__
    class_hash = own.get("__hash__", dataclasses.MISSING)
    has_explicit_hash = not (class_hash is dataclasses.MISSING or (class_hash is None and "__eq__" in own))
    fields = dataclasses.fields(cls)
    if repr and "__repr__" not in own:
        _set(cls, "__repr__", _repr_of(tuple(f.name for f in fields if f.repr)))
    if eq and "__eq__" not in own:
        _set(cls, "__eq__", _eq_of(tuple(f.name for f in fields if f.compare)))
    if eq and not has_explicit_hash:  # dataclasses' _hash_action for (unsafe_hash False, eq True)
        if frozen:
            _set(cls, "__hash__", _hash_of(tuple(f.name for f in fields
                                                 if (f.compare if f.hash is None else f.hash))))
        else:
            cls.__hash__ = None
    params = cls.__dataclass_params__
    params.repr, params.eq = repr, eq


def _set(cls, name: str, fn) -> None:
    fn.__name__ = name
    fn.__qualname__ = f"{cls.__qualname__}.{name}"
    setattr(cls, name, fn)


def _values(names: tuple[str, ...]):
    """A function giving an object's values of ``names`` as a tuple."""
    if not names:
        return lambda obj: ()
    if len(names) == 1:
        get_one = attrgetter(names[0])
        return lambda obj: (get_one(obj),)
    return attrgetter(*names)


def _repr_of(names: tuple[str, ...]):
    running: set = set()

    def __repr__(self):
        key = id(self), get_ident()
        if key in running:
            return "..."
        running.add(key)
        try:
            return self.__class__.__qualname__ + "(" + ", ".join(
                [f"{name}={getattr(self, name)!r}" for name in names]) + ")"
        finally:
            running.discard(key)

    return __repr__


def _eq_of(names: tuple[str, ...]):
    values = _values(names)

    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return values(self) == values(other)
        return NotImplemented

    return __eq__


def _hash_of(names: tuple[str, ...]):
    values = _values(names)

    def __hash__(self):
        return hash(values(self))

    return __hash__
