"""The language an article is written in when it does not say (no front-matter ``lang``, no
``<html lang>``): from the path a multilingual site keeps it at, else from its words.

Only the language decides anything here (French spaces its ``; : ! ?``, rules may be limited to
some languages), so a guess is made only when the words leave no doubt. A language-identification
library (py3langid, langdetect) was measured at 0.4–1.3 s to load its model: more than a whole
one-article run, for a decision that the commonest short words make.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import PurePosixPath

# ISO 639-1 codes that multilingual sites name folders and file suffixes after (Hugo's
# ``content/fr/``, ``about.fr.md``; Docusaurus's ``i18n/fr/``). English words that are also codes
# ("it", "no", "is", "as", "be", "to", "am", "id", "he", "or", "my", "so") are left out: a folder
# called ``it`` is more often about IT than in Italian.
_SITE_LANGUAGES = frozenset(
    "ar bg bn ca cs cy da de el en es et eu fa fi fr ga gl hi hr hu hy ja ka kk ko lt lv mk mn "
    "ms mt nb nl nn pl pt ro ru sk sl sq sr sv sw ta th tl tr uk ur uz vi zh".split()
)
# folders that hold one folder per language (Hugo's content/fr, Docusaurus's i18n/fr, locales/fr)
_TRANSLATION_ROOTS = frozenset({"content", "i18n", "_i18n", "locales", "locale", "translations", "lang", "languages"})
_LOCALE = re.compile(r"([a-z]{2})(?:[-_][a-z]{2,4})?$", re.IGNORECASE)

# The commonest short words of each language. Words two of them share ("la", "de", "en") count for
# both: only a clear lead decides. Words that are also common in English prose ("a", "do", "per",
# "met", "as", "is") are left out of the other languages' lists.
_FUNCTION_WORDS = {
    "en": "the and of to is in that for with are this was on be by from have has which not".split(),
    "fr": "le la les de des est et un une du en il pour que qui dans pas sur avec nous au aux ce sont ou par".split(),
    "de": "der die das und ist nicht mit den dem ein eine zu von auf für sich wir auch werden".split(),
    "es": "el la los las y es de en que del una por con para se al lo como más pero sus".split(),
    "pt": "os é de em que da dos das uma para não por se mais muito também pelo pela".split(),
    "it": "il lo la gli le è di che della una non con sono del anche più questo nella".split(),
    "nl": "de het een en van dat te zijn niet voor ook aan wordt maar bij deze".split(),
    "id": "yang dan di ini itu dengan untuk dari dalam tidak akan pada juga adalah ke atau karena oleh bisa".split(),
}
# the words of the text, found and counted in C; each language's then summed (a fixed number of
# look-ups, whatever the text's length)
_WORD = re.compile(r"[^\W\d_]+")
_READ = 3000  # characters of prose: some 500 words, enough to be sure, and no more work on long articles
_AT_LEAST = 12  # function words of the leading language before a guess is made
_LEAD = 2.0  # ... and this many times the next language's


def path_language(path: str) -> str | None:
    """The language a multilingual site's path names: a Hugo file suffix (``post.fr.md``), or a
    folder named with a language code that a site keeps translations under (``content/fr/``,
    ``i18n/fr-ca/``) or that a relative path starts with (``fr/blog/post.md``). Folders above the
    site are not read: ``/home/ar/`` is someone's home, not Arabic."""
    parts = PurePosixPath(path.replace("\\", "/")).parts
    if not parts:
        return None
    name = parts[-1].split(".")
    candidates = [name[-2]] if len(name) >= 3 else []
    candidates += [part for i, part in enumerate(parts[:-1])
                   if (i == 0 and part != "/") or (i > 0 and parts[i - 1].lower() in _TRANSLATION_ROOTS)]
    for part in candidates:
        m = _LOCALE.fullmatch(part)
        if m is not None and m.group(1).lower() in _SITE_LANGUAGES:
            return m.group(1).lower()
    return None


def guess_language(prose: str) -> str | None:
    """The language of the prose when its commonest words leave no doubt, else None."""
    found = Counter(_WORD.findall(prose[:_READ].lower()))
    counts = {lang: sum(found[word] for word in words) for lang, words in _FUNCTION_WORDS.items()}
    ranked = sorted(counts.items(), key=lambda item: item[1], reverse=True)
    (first, most), (_second, next_most) = ranked[0], ranked[1]
    if most >= _AT_LEAST and most >= _LEAD * next_most:
        return first
    return None
