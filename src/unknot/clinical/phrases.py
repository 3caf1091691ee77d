"""Read findings and conditions given in everyday words ("numb where I sit", "on warfarin").

Every word list lives in ``language.yaml`` and every phrasing in ``findings.yaml`` and
``conditions.yaml``; this module only applies them. A text is cut into words, each word is
normalised (lower case, curly quotes straightened, a common misspelling mended, a simple stem,
an everyday synonym replaced by the word the phrases use), and the words that carry no meaning
are dropped. The text then means every entry one of whose phrases it contains in full, in any
order; where one matched phrase is part of a longer one matched for another entry, the longer,
more specific one wins. When nothing matches in full, a phrase of four words or more matches
with one of its words missing ("can't feel when I have to pee"), unless that word is a negation
or one of ``key_words`` ("both", "night"), which change what the phrase means.

What it cannot do, and how that stays safe (docs/safety.md):

- A negation the phrase does not carry ("no fever") cannot be read with confidence. A red-flag
  finding is kept anyway, so a doubt can only raise the verdict; any other finding is left out
  and the text is reported as not understood.
- A text that matches nothing is reported as not understood, with the closest entries and any
  warning words in it (``warning_words`` in language.yaml); the screening raises the verdict
  for those words, never lowers it.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from unknot.knowledge import KnowledgeBase
from unknot.knowledge.models import FindingKind

AnswerField = Literal["findings", "conditions"]

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})
_WORD = re.compile(r"[a-z0-9]+")
_LOOSE = 4  # phrases of this many words or more match with one word missing


@dataclass(frozen=True, slots=True)
class Reading:
    """What one text was read as.

    ``ids`` holds what it was understood as (empty when not understood). ``doubt`` is set when
    the text was understood only with a doubt (a negation the phrase does not carry) and says
    which words raised it. ``closest`` and ``warning_words`` are filled only when the text was
    not understood; ``hints`` are the red-flag findings those warning words may point to.
    """

    field: AnswerField
    text: str
    ids: tuple[str, ...]
    doubt: tuple[str, ...] = ()
    closest: tuple[str, ...] = ()
    warning_words: tuple[str, ...] = ()
    hints: tuple[str, ...] = ()

    @property
    def understood(self) -> bool:
        return bool(self.ids)


def stem(word: str) -> str:
    """A crude, consistent stem: ``sweats``, ``sweating`` -> ``sweat``; ``numbness`` -> ``numb``.

    It needs only to cut the same way on both sides of a match, not to be good English: the
    phrases in the knowledge base go through it too.
    """
    if len(word) <= 3:
        return word
    cut = word
    for suffix, replacement in (("ness", ""), ("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("eed"):
            cut = word[: -len(suffix)] + replacement
            if cut[-1] == cut[-2] and cut[-1] not in "aeiouls":  # sitting -> sitt -> sit
                cut = cut[:-1]
            break
    else:
        if word.endswith("ly") and len(word) >= 7:
            cut = word[:-2]
        elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
            cut = word[:-1]
    if len(cut) >= 4 and cut.endswith("e") and cut[-2] not in "aeiou":
        cut = cut[:-1]  # sneeze, sneezing -> sneez; give, gives -> giv
    return cut


class Reader:
    """Reads texts against one knowledge base; build it once per knowledge base (``reader``)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        lang = kb.language
        self._lang = lang
        self._kb = kb
        self._synonyms = {
            stem(variant): stem(word)
            for word, variants in lang.synonyms.items()
            for variant in variants
        }
        self._spelling = dict(lang.spelling)
        self._stop = {stem(w) for w in lang.stopwords}
        self._negations = {self._canonical(stem(w)) for w in lang.negations}
        self._keys = {self._canonical(stem(w)) for w in lang.key_words} | self._negations
        self._phrases: dict[AnswerField, list[tuple[str, frozenset[str], frozenset[str]]]] = {
            "findings": self._index(
                (f.id, (*f.phrases, f.short, f.id.replace("_", " "))) for f in kb.findings.values()
            ),
            "conditions": self._index(
                (c.id, (*c.phrases, c.short, c.id.replace("_", " ")))
                for c in kb.conditions.values()
            ),
        }
        self._vocabulary = sorted(
            {w for table in self._phrases.values() for _, words, _ in table for w in words}
            | set(self._synonyms.values())
            | set(self._synonyms)
            | {w for entry in lang.warning_words for w in self.words(entry.words, guess=False)}
        )
        self._known = set(self._vocabulary) | self._stop | self._negations
        # a guess may only land on a word as long as the ones it is made for ("kill" is not "ill")
        self._guessable = [w for w in self._vocabulary if len(w) >= lang.fuzzy_min_length]
        self._warnings = [
            (entry.words, frozenset(self.words(entry.words, guess=False)), entry.hints)
            for entry in lang.warning_words
        ]

    # --- words -------------------------------------------------------------------------------

    def _canonical(self, word: str) -> str:
        return self._synonyms.get(word, word)

    def words(self, text: str, guess: bool = True) -> list[str]:
        """The meaningful words of ``text``, normalised; negations are kept."""
        folded = unicodedata.normalize("NFKC", text).translate(_QUOTES).lower().replace("'", "")
        out: list[str] = []
        for raw in _WORD.findall(folded):
            word = stem(self._spelling.get(raw, raw))
            if guess and word not in self._known and len(word) >= self._lang.fuzzy_min_length:
                close = difflib.get_close_matches(
                    word, self._guessable, n=1, cutoff=self._lang.fuzzy_cutoff
                )
                word = close[0] if close else word
            word = self._canonical(word)
            if word not in self._stop:
                out.append(word)
        return out

    def _index(
        self, entries: Iterable[tuple[str, Iterable[str]]]
    ) -> list[tuple[str, frozenset[str], frozenset[str]]]:
        table = []
        for entry_id, phrases in entries:
            for phrase in phrases:
                words = frozenset(self.words(phrase, guess=False))
                if words:
                    table.append((entry_id, words, words & self._negations))
        return table

    # --- reading -----------------------------------------------------------------------------

    def read(self, text: str, field: AnswerField) -> Reading:
        """Read ``text`` as findings or conditions; see the module docstring for the rules."""
        words = set(self.words(text))
        table = self._phrases[field]
        hits = [(i, w, n) for i, w, n in table if w <= words]
        if not hits:  # a long phrase with one word said differently still counts
            hits = [
                (i, w, n)
                for i, w, n in table
                if len(w) >= _LOOSE and len(w - words) == 1 and not (w - words) & self._keys
            ]
        # a phrase contained in a longer phrase matched for another entry gives way to it
        best = [
            (entry_id, phrase, negs)
            for entry_id, phrase, negs in hits
            if not any(phrase < other and other_id != entry_id for other_id, other, _ in hits)
        ]
        found: dict[str, tuple[str, ...]] = {}
        for entry_id, _phrase, negs in sorted(best, key=lambda h: -len(h[1])):
            extra = tuple(sorted((words & self._negations) - negs))
            if entry_id not in found or not extra:
                found[entry_id] = extra
        ids: list[str] = []
        doubts: set[str] = set()
        for entry_id, extra in found.items():
            if extra and not self._is_red_flag(entry_id, field):
                continue  # a doubtful reading may only ever add a warning sign
            ids.append(entry_id)
            doubts.update(extra)
        if ids:
            return Reading(field, text, tuple(sorted(ids)), tuple(sorted(doubts)))
        warning_words, hints = self._warning_words(words)
        return Reading(field, text, (), (), self._closest(words, field), warning_words, hints)

    def _is_red_flag(self, entry_id: str, field: AnswerField) -> bool:
        finding = self._kb.findings.get(entry_id) if field == "findings" else None
        return finding is not None and finding.kind is FindingKind.red_flag

    def _warning_words(self, words: set[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
        found: list[str] = []
        hints: dict[str, None] = {}
        for label, needed, entry_hints in self._warnings:
            if needed <= words:
                found.append(label)
                hints.update(dict.fromkeys(entry_hints))
        return tuple(found), tuple(hints)

    def _closest(self, words: set[str], field: AnswerField, n: int = 3) -> tuple[str, ...]:
        scores: dict[str, float] = {}
        for entry_id, phrase, _ in self._phrases[field]:
            overlap = len(phrase & words)
            if overlap:
                score = overlap / len(phrase | words)
                scores[entry_id] = max(scores.get(entry_id, 0.0), score)
        ranked = sorted(scores, key=lambda e: (-scores[e], e))
        return tuple(ranked[:n])


_READERS: dict[int, tuple[KnowledgeBase, Reader]] = {}


def reader(kb: KnowledgeBase) -> Reader:
    """The :class:`Reader` for ``kb``, built once per knowledge base."""
    cached = _READERS.get(id(kb))
    if cached is None or cached[0] is not kb:
        cached = (kb, Reader(kb))
        _READERS[id(kb)] = cached
    return cached[1]


def looks_like_id(value: str) -> bool:
    """True for snake_case ids ("saddle_numbness"), which are checked strictly, not read."""
    return "_" in value and re.fullmatch(r"[a-z][a-z0-9_]*", value) is not None
