"""``artlint.records.dataclass`` gives the classes ``dataclasses.dataclass`` gives: the same
``__init__``, fields and parameters, and ``__repr__``, ``__eq__`` and ``__hash__`` that answer
as the generated ones do (they are closures instead of compiled source)."""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
import re
from dataclasses import field

import pytest

import artlint
from artlint import records

NAN = float("nan")


def _pair(body, **options):
    """The same class made by dataclasses and by artlint.records."""
    return dataclasses.dataclass(**options)(body()), records.dataclass(**options)(body())


def _plain():
    class Plain:
        a: int
        b: object = None
        hidden: int = field(default=0, repr=False)
        loose: int = field(default=0, compare=False)
    return Plain


def _one():
    class One:
        a: object
    return One


def _empty():
    class Empty:
        pass
    return Empty


def _own_eq():
    class OwnEq:
        a: int

        def __eq__(self, other):
            return True
    return OwnEq


def _own_hash():
    class OwnHash:
        a: int

        def __hash__(self):
            return 7
    return OwnHash


def _own_repr():
    class OwnRepr:
        a: int

        def __repr__(self):
            return "mine"
    return OwnRepr


def _hashed():
    class Hashed:
        a: object
        b: object = field(default=0, hash=False)
        c: object = field(default=0, compare=False, hash=True)
    return Hashed


BODIES = [_plain, _one, _empty, _own_eq, _own_hash, _own_repr, _hashed]
OPTIONS = [{}, {"frozen": True}, {"slots": True}, {"frozen": True, "slots": True}, {"repr": False},
           {"eq": False}, {"eq": False, "frozen": True}]
VALUES = [(1,), (2,), (NAN,), ([1, 2],), ("x",)]


def _build(cls, value):
    """An object with ``value[0]`` in each of its fields."""
    return cls(*[value[0]] * len([f for f in dataclasses.fields(cls) if f.init]))


def _answers(cls, values):
    objects = [_build(cls, v) for v in values]
    answers = [re.sub(r" at 0x[0-9a-f]+", "", repr(o)) for o in objects]
    answers.append(cls.__hash__ is None)
    for x in objects:
        for y in [*objects, object(), _build(cls, values[0])]:
            answers.append(x == y)
            answers.append(x.__eq__(y))
        if cls.__hash__ is not None:
            try:
                answers.append(hash(x) == hash(_build(cls, values[0])))
            except TypeError as exc:
                answers.append(str(exc))
    answers.append([(f.name, f.repr, f.compare, f.hash) for f in dataclasses.fields(cls)])
    params = cls.__dataclass_params__
    answers.append((params.init, params.repr, params.eq, params.order, params.unsafe_hash, params.frozen))
    answers.append(cls.__match_args__ if hasattr(cls, "__match_args__") else None)
    answers.append(getattr(cls, "__slots__", None))
    return answers


@pytest.mark.parametrize("options", OPTIONS, ids=str)
@pytest.mark.parametrize("body", BODIES, ids=lambda b: b.__name__)
def test_the_same_answers_as_dataclasses(body, options):
    made_by_dataclasses, made_here = _pair(body, **options)
    assert _answers(made_here, VALUES) == _answers(made_by_dataclasses, VALUES)


def test_a_recursive_repr_says_dots():
    for make in (dataclasses.dataclass, records.dataclass):
        cls = make(_one())
        node = cls(None)
        node.a = [node]
        assert repr(node).endswith("(a=[...])")


def test_subclasses_compare_as_dataclasses_make_them():
    def classes(make):
        @make
        class Base:
            a: int

        @make
        class Child(Base):
            b: int = 0
        return Base, Child

    (b1, c1), (b2, c2) = classes(dataclasses.dataclass), classes(records.dataclass)
    assert (b1(1) == c1(1), c1(1, 2) == c1(1, 2), repr(c1(1, 2)).split("(", 1)[1]) == \
        (b2(1) == c2(1), c2(1, 2) == c2(1, 2), repr(c2(1, 2)).split("(", 1)[1])


def test_every_dataclass_of_artlint_is_made_here():
    """No module went back to dataclasses' own decorator (each compiles its methods)."""
    for info in pkgutil.walk_packages(artlint.__path__, "artlint."):
        if info.name.split(".")[-1] in {"__main__"}:
            continue
        try:
            module = importlib.import_module(info.name)
        except ImportError:  # an optional dependency (server, mcp, pdf...)
            continue
        for value in vars(module).values():
            if isinstance(value, type) and value.__module__ == info.name and dataclasses.is_dataclass(value):
                for name in ("__repr__", "__eq__", "__hash__"):
                    fn = getattr(vars(value).get(name), "__wrapped__", vars(value).get(name))
                    code = getattr(fn, "__code__", None)
                    assert code is None or code.co_filename != "<string>", (value, name)  # compiled from source
