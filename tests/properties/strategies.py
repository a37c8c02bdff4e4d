"""Hostile inputs for the property tests: what a browser, a script or an old export may send.

``hostile_text()`` mixes
- any text (all unicode categories but surrogates, which no browser can send as UTF-8),
- text built from control and format characters (NUL, ESC, the right-to-left override
  U+202E, the RTL mark U+200F, the BOM U+FEFF, zero-width joiners, line/paragraph
  separators), emoji (incl. ZWJ sequences and skin tones) and combining marks,
- very long strings (5 000 to 10 000 characters),
- classic injection payloads (SQL, HTML/script, template, JNDI, path traversal, NUL) and
  CPF-looking strings written with non-ASCII digits or a trailing NUL,
- and all of these glued to each other.

Long strings are a short unit repeated to 5 000-10 000 characters: ``st.text(min_size=5000,
max_size=10000)`` overruns Hypothesis' per-example buffer (its choice sequence is limited
to 8 KiB), so most such draws would be discarded or fail the ``large_base_example`` /
``data_too_large`` health checks. A repeated unit still hits every length check and costs
nothing to generate.
"""

from __future__ import annotations

from hypothesis import strategies as st

CONTROL_CHARS = (
    "\x00", "\x01", "\x07", "\x08", "\t", "\n", "\x0b", "\x0c", "\r", "\x1b", "\x1c", "\x1f", "\x7f",
    "\x85", "\xa0", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2028", "\u2029",
    "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069",
    "\u2060", "\ufeff", "\ufff9", "\ufffd", "\U000e0001",
)
EMOJI = (
    "😀", "💩", "🇧🇷", "👩‍👩‍👧‍👦", "👍🏽", "❤️", "🧑🏿‍🚀", "\U0001f9ff", "🏳️‍🌈", "#️⃣",
)
COMBINING = ("\u0301", "\u0300", "\u0303", "\u0327", "\u0308", "\u20dd", "\u036f", "\u0489", "\u3099")
CONFUSABLE_DIGITS = "０１２３４５６７８９٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹०१२३४५६७८९১২৩𝟎𝟏𝟐𝟗"

PAYLOADS = (
    "",
    " ",
    "\u0000",
    "' OR '1'='1",
    "' OR 1=1 --",
    "'; DROP TABLE account; --",
    "\"; DROP TABLE support_request; --",
    "1; SELECT pg_sleep(5)",
    "' UNION SELECT password_hash FROM account --",
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "<svg/onload=alert(1)>",
    "{{7*7}}",
    "{% for x in range(10**9) %}{% endfor %}",
    "${7*7}",
    "${jndi:ldap://x}",
    "%s%s%s%n",
    "{0.__class__}",
    "../../etc/passwd",
    "..\\..\\windows\\win.ini",
    "%00",
    "%0d%0aSet-Cookie: x=1",
    "\r\nBcc: victim@example.com",
    "\u0000admin",
    "admin\u0000",
    "\u202egnp.exe",
    "\ufeffmaria@example.com",
    "maria@example.com\u0000",
    "maria@exa\u200bmple.com",
    "MARIA@EXAMPLE.COM",
    "maria@example.com\u202e",
    "maria+tag@example.com",
    "\"maria\"@example.com",
    "maria@[127.0.0.1]",
    "maria@localhost",
    "maria@xn--caf-dma.com",
    "ΐΐΐΐ@café.com.br",
    "５２９９８２２４７２５",
    "٥٢٩٩٨٢٢٤٧٢٥",
    "529.982.247-25\u0000",
    "\u0000529.982.247-25",
    "529.982.247-2５",
    "529 982 247 25",
    "529982247-25\u202e",
    "52998224725" * 3,
    "000.000.000-00",
    "111.111.111-11",
    "(１９) ９９８７６-５４３２",
    "(19) 99876-5432\u0000",
    "+55 (19) 99876-5432",
    "null",
    "None",
    "undefined",
    "NaN",
    "-1",
    "9" * 400,
    "a\u0301" * 150,
    "ﷺ" * 20,
    "\ud7ff\ue000\uffff\U0010ffff",
)


def _glue(parts: list[str]) -> str:
    return "".join(parts)


def _joined(element: st.SearchStrategy[str], min_size: int = 0, max_size: int = 40) -> st.SearchStrategy[str]:
    """Like st.text, but elements may be several code points (emoji ZWJ sequences, flags)."""
    return st.lists(element, min_size=min_size, max_size=max_size).map(_glue)


def _repeat(unit: str, length: int) -> str:
    return (unit * (length // len(unit) + 1))[:length]


_special = st.sampled_from(CONTROL_CHARS + EMOJI + COMBINING + tuple(CONFUSABLE_DIGITS))
_any_char = st.characters(exclude_categories=("Cs",))
_small_alphabet = st.sampled_from(("a", "é", " ", "Z", "9", "<", "'", '"', "\x00", "\u202e", "😀", "\u0301", ".", "-", "@"))


def long_text() -> st.SearchStrategy[str]:
    """5 000 to 10 000 characters (see the module docstring)."""
    unit = _joined(_small_alphabet, min_size=1, max_size=12) | st.sampled_from(PAYLOADS[3:])
    return st.builds(_repeat, unit, st.integers(min_value=5000, max_value=10000))


def hostile_text() -> st.SearchStrategy[str]:
    """Any of the hostile families above (and mixtures of them)."""
    base = st.one_of(
        st.text(_any_char, max_size=60),
        st.text(),
        _joined(_special | _any_char, max_size=40),
        _joined(_special, min_size=1, max_size=20),
        st.sampled_from(PAYLOADS),
        long_text(),
    )
    return st.one_of(base, st.lists(base, min_size=2, max_size=4).map(_glue))


def around(valid: str) -> st.SearchStrategy[str]:
    """A valid value with hostile text before, after or in the middle (or unchanged)."""
    small = st.one_of(_special, _joined(_special | _any_char, max_size=5), st.sampled_from(PAYLOADS))

    def place(where: int, extra: str) -> str:
        if where == 0:
            return extra + valid
        if where == 1:
            return valid + extra
        middle = len(valid) // 2
        return valid[:middle] + extra + valid[middle:]

    return st.builds(place, st.integers(0, 2), small)


def hostile_field(valid: str) -> st.SearchStrategy[str]:
    """What a property feeds to one field: mostly hostile text, sometimes a decorated valid value
    (so both the error path and the storage path are exercised)."""
    return st.one_of(hostile_text(), around(valid))


INVALID_UTF8 = (
    b"\xff", b"\xfe\xff", b"\xc3", b"\xc3\x28", b"\xa0\xa1", b"\xe2\x28\xa1", b"\xf0\x28\x8c\xbc",
    b"\xed\xa0\x80", b"\xc0\xaf", b"\x80", b"\xf8\x88\x80\x80\x80", b"\x00",
)


def hostile_bytes() -> st.SearchStrategy[bytes]:
    """A raw line of a legacy export: arbitrary bytes, invalid UTF-8, encoded hostile text."""
    return st.one_of(
        st.binary(max_size=200),
        st.lists(st.sampled_from(INVALID_UTF8) | st.binary(max_size=8), min_size=1, max_size=10).map(b"".join),
        hostile_text().map(lambda s: s.encode("utf-8")),
        hostile_text().map(lambda s: s.encode("utf-8") + b"\n"),
        st.builds(lambda s, junk: s.encode("utf-8") + junk, hostile_text(), st.sampled_from(INVALID_UTF8)),
    )


_UNICODE_SPACES = ("\u00a0", "\u2003", "\u3000", "\t", "\n", "\u2028", "\u1680", "\u202f", "  ")


def unicode_names() -> st.SearchStrategy[str]:
    """Names in any script, with combining marks and odd (but real) whitespace: the storage path."""
    word = _joined(st.characters(categories=("L", "M")), min_size=1, max_size=12)
    space = st.sampled_from((" ", *_UNICODE_SPACES))
    return st.builds(
        lambda words, spaces: "".join(w + s for w, s in zip(words, spaces, strict=False)) + words[-1],
        st.lists(word, min_size=2, max_size=5), st.lists(space, min_size=4, max_size=4),
    )
