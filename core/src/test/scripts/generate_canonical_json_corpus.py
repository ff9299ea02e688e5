#!/usr/bin/env python3
"""Writes the canonical JSON corpus that CanonicalJsonCorpusTest checks Java against.

Each line of the output is one case: a JSON text ("input", deliberately NOT canonical: shuffled
keys, random whitespace, escaped or raw non-ASCII, other float spellings) and what Python 3 makes of
it: json.dumps(json.loads(input), ensure_ascii=False, separators=(",", ":"), sort_keys=True), with
the SHA-256 of its UTF-8 bytes. The lines themselves are ASCII-only JSON.

Regenerate (from the repository root):
    python3 core/src/test/scripts/generate_canonical_json_corpus.py \
        > core/src/test/resources/canonical-json/corpus.jsonl
The seed is fixed, so the same Python version writes the same file.
"""
import hashlib
import json
import math
import random
import struct
import sys

SEED = 20261127
GENERATED = 600

rnd = random.Random(SEED)

# Characters chosen to hit every escaping and ordering rule: C0 controls, quote, backslash, slash,
# DEL, Latin-1, U+2028/9, BMP private use and specials near U+FFFF, CJK, combining marks, and
# astral characters (surrogate pairs in UTF-16, which sort differently by code unit than by code point).
POOLS = [
    [chr(c) for c in range(0x20, 0x7F)],
    [chr(c) for c in range(0x00, 0x20)],
    ['"', "\\", "/", "\x7f"],
    [chr(c) for c in range(0xA0, 0x100)],
    ["\u2028", "\u2029", "\u00e9", "\u0301", "\u200b", "\ufeff", "\ufffd", "\uffff", "\ue000", "\uf8ff"],
    [chr(c) for c in range(0x4E00, 0x4E40)],
    ["\U0001F600", "\U0001F4A9", "\U0001D400", "\U00010000", "\U0010FFFF", "\U0002A6D6"],
]


def rand_string(max_len=10):
    return "".join(rnd.choice(rnd.choice(POOLS)) for _ in range(rnd.randint(0, max_len)))


def rand_float():
    kind = rnd.randrange(6)
    if kind == 0:  # any finite double, from random bits
        while True:
            value = struct.unpack("<d", rnd.getrandbits(64).to_bytes(8, "little"))[0]
            if math.isfinite(value):
                return value
    if kind == 1:  # around the fixed/scientific switch points of repr
        return rnd.choice([1.0, -1.0, 1.5, 9.99]) * 10.0 ** rnd.randint(-8, 18)
    if kind == 2:  # ordinary decimals
        return round(rnd.uniform(-1e6, 1e6), rnd.randint(0, 8))
    if kind == 3:  # subnormals and extremes
        return rnd.choice([5e-324, 1e-320, 2.2250738585072014e-308, 1.7976931348623157e308, -0.0, 0.0])
    if kind == 4:  # integral floats
        return float(rnd.randint(-(2**60), 2**60))
    return rnd.random() * 10.0 ** rnd.randint(-30, 30)


def rand_int():
    kind = rnd.randrange(4)
    if kind == 0:
        return rnd.randint(-1000, 1000)
    if kind == 1:
        return rnd.randint(-(2**63), 2**63 - 1)
    if kind == 2:
        return rnd.randint(-(10**40), 10**40)
    return rnd.choice([0, -1, 2**31, -(2**31) - 1, 2**53 + 1, 2**63, -(2**63) - 1, 2**64])


def rand_value(depth=0):
    kinds = ["str", "int", "float", "bool", "null"]
    if depth < 4:
        kinds += ["list", "dict", "dict"]
    kind = rnd.choice(kinds)
    if kind == "str":
        return rand_string()
    if kind == "int":
        return rand_int()
    if kind == "float":
        return rand_float()
    if kind == "bool":
        return rnd.random() < 0.5
    if kind == "null":
        return None
    if kind == "list":
        return [rand_value(depth + 1) for _ in range(rnd.randint(0, 5))]
    return {rand_string(6): rand_value(depth + 1) for _ in range(rnd.randint(0, 6))}


def ws():
    return rnd.choice(["", "", "", " ", "\n", "\t", "  \r\n "])


def spell_float(value):
    """A JSON spelling of value other than repr, when one reads back as the same double."""
    for text in rnd.sample([repr(value), "%.17g" % value, "%.17e" % value, "%.20e" % value], 4):
        if "inf" in text or "nan" in text:
            continue
        if float(text) == value or (value == 0 and float(text) == 0):
            if math.copysign(1, float(text)) == math.copysign(1, value):
                return text.replace("e+", rnd.choice(["e+", "E+", "e"])) if "e+" in text else text
    return repr(value)


def render(value):
    """Non-canonical JSON text for value."""
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return spell_float(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=rnd.random() < 0.5)
    if isinstance(value, list):
        return "[" + ",".join(ws() + render(v) + ws() for v in value) + "]"
    items = list(value.items())
    rnd.shuffle(items)
    return "{" + ",".join(ws() + render(k) + ws() + ":" + ws() + render(v) + ws() for k, v in items) + "}"


EDGE_CASES = [
    ("float 1e16 switches to exponent", "1e16"),
    ("float 1e15 stays fixed", "1e15"),
    ("float 1e-7", "1e-7"),
    ("float 0.0001 stays fixed", "0.0001"),
    ("float 0.00001 switches to exponent", "0.00001"),
    ("float 100.0 from 1E2", "1E2"),
    ("float 100.0", "100.0"),
    ("float 0.1", "0.1"),
    ("float smallest subnormal", "5e-324"),
    ("float smallest subnormal spelled long", "4.9406564584124654e-324"),
    ("float negative zero", "-0.0"),
    ("int negative zero", "-0"),
    ("float max", "1.7976931348623157e308"),
    ("float min normal", "2.2250738585072014e-308"),
    ("float 0.1 + 0.2", "0.30000000000000004"),
    ("float 2^53 + 1 rounds", "9007199254740993.0"),
    ("int 2^53 + 1 stays exact", "9007199254740993"),
    ("int beyond long", "123456789012345678901234567890"),
    ("int negative beyond long", "-99999999999999999999999999999999999999"),
    ("float 1e23 shortest", "1e23"),
    ("float 4.35", "4.35"),
    ("float 1.5e300", "1.5e300"),
    ("string controls", '"\\u0000\\u0001\\u001f\\b\\f\\n\\r\\t"'),
    ("string DEL stays raw", '"\\u007f"'),
    ("string line and paragraph separators stay raw", '"\\u2028\\u2029"'),
    ("string escaped slash", '"\\/"'),
    ("string quote and backslash", '"\\"\\\\"'),
    ("string surrogate pair escape", '"\\ud83d\\ude00"'),
    ("string non-ASCII raw", '"caf\u00e9 \u65e5\u672c \U0001F600"'),
    ("keys by code point, not UTF-16 unit", '{"\\uffff":1,"\\ud83d\\ude00":2,"a":3,"":4,"B":5,"\u00e9":6,"\\ue000":7}'),
    ("keys astral vs private use", '{"\U00010000":1,"\uffff":2,"\ufffd":3}'),
    ("duplicate key keeps the last", '{"a":1,"a":2}'),
    ("empty containers", '{"a":{},"b":[],"c":[[]],"d":[{}]}'),
    ("top-level null", "null"),
    ("top-level true", "true"),
    ("top-level string", '"x"'),
    ("top-level int", "1"),
    ("whitespace everywhere", ' \n{ "b" :\t[ 1 , 2 ] ,\r\n "a" : null } '),
    ("nested order", '{"z":{"b":1,"a":2},"a":[{"y":1,"x":2}]}'),
]


def case(name, text):
    canonical = json.dumps(json.loads(text), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    return {"name": name, "input": text, "canonical": canonical, "sha256": digest}


def main():
    out = sys.stdout
    for name, text in EDGE_CASES:
        out.write(json.dumps(case(name, text), ensure_ascii=True, sort_keys=True) + "\n")
    for i in range(GENERATED):
        value = rand_value()
        text = ws() + render(value) + ws()
        assert json.loads(text) == value or value != value  # renderer must not change the value
        out.write(json.dumps(case("generated %d" % i, text), ensure_ascii=True, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
