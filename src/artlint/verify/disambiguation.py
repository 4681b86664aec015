"""quantulum3's choice between units that share a name ("Pounds": of mass, or sterling), without its
optional classifier: the same choice, made in less time.

quantulum3 (``no_classifier.disambiguate_no_classifier``) scores each candidate unit by the words of
its training sentences that occur in the text (``word in text``, a substring), relative to their
length. For every figure it reads, it scans all 787 training sentences for each candidate and tests
each of their words again; a source's table of a hundred figures tests the same text a hundred times
(a third of what quantulum3 cost on the verification set). Here each unit's words are gathered once,
with how often each occurs, and whether a word occurs in a text is asked once per text. The counts,
so the choice and its ties (the first candidate of the highest score, in the order given), are the
same. The replacement goes in only over the function it was written from (``_READ``): a quantulum3
whose function differs keeps its own.
"""

from __future__ import annotations

import hashlib
import inspect
from collections import Counter
from functools import lru_cache

# sha256 of the source of quantulum3 0.10.0's ``disambiguate_no_classifier``
_READ = "f1858917eb43521a29b1baa0f7887ff7a828909ed88c7595802212c0e3ca7ab4"


def install(no_classifier, load) -> bool:
    """Put ``choose`` in place of quantulum3's own, when that is the function it was written from."""
    try:
        source = inspect.getsource(no_classifier.disambiguate_no_classifier)
    except (OSError, TypeError):  # no source to compare with: left as it is
        return False
    if hashlib.sha256(source.encode("utf-8")).hexdigest() != _READ:
        return False

    def choose(entities, text, lang="en_US"):
        return _choose(entities, text, _unit_words(load, lang))

    no_classifier.disambiguate_no_classifier = choose
    return True


_WORDS: dict[str, dict[str, tuple[int, tuple[tuple[str, int], ...]]]] = {}


def _unit_words(load, lang: str) -> dict[str, tuple[int, tuple[tuple[str, int], ...]]]:
    """Each unit's training text: its total length, and its words (split at spaces) with how often each occurs."""
    found = _WORDS.get(lang)
    if found is None:
        lengths: Counter = Counter()
        words: dict[str, Counter] = {}
        for example in load.training_set(lang):
            lengths[example["unit"]] += len(example["text"])
            words.setdefault(example["unit"], Counter()).update(example["text"].split(" "))
        found = _WORDS[lang] = {unit: (lengths[unit], tuple(counted.items())) for unit, counted in words.items()}
    return found


def _choose(entities, text: str, unit_words):
    """quantulum3's choice, as its ``disambiguate_no_classifier`` makes it."""
    seen = _seen(text)
    max_entity, max_count, max_relative = None, 0, 0
    for entity in entities:
        total, words = unit_words.get(entity.name, (0, ()))
        count = sum(n for word, n in words if _occurs(word, text, seen))
        relative = count / total if total else 0
        if relative > max_relative or (relative == max_relative and count > max_count):
            max_entity, max_count, max_relative = entity, count, relative
    return max_entity


def _occurs(word: str, text: str, seen: dict[str, bool]) -> bool:
    found = seen.get(word)
    if found is None:
        found = seen[word] = word in text
    return found


@lru_cache(maxsize=16)
def _seen(text: str) -> dict[str, bool]:
    """Whether each word asked about so far occurs in ``text`` (kept while its figures are read)."""
    return {}
