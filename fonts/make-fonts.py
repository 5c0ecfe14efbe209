#!/usr/bin/env python3
"""Regenerates the embedded fonts from Debian's Noto packages and the Libertinus Serif files
that the typst-assets crate carries (Debian 12 has no fonts-libertinus package).

Needs: apt-get install fonts-noto-core fonts-noto-cjk python3-fonttools; cargo fetch.
Run from this folder: python3 make-fonts.py

Libertinus Serif (the serif of the compact, academic and harvard themes) is subset to Latin,
Greek and the punctuation a CV uses, keeping every OpenType feature (small capitals, old-style
figures, ligatures): about a third of its size.

Noto Sans is copied as it is (Latin, Greek, Cyrillic), and so are Noto Naskh Arabic, Noto Sans
Hebrew, Thai, Devanagari and Bengali (regular and bold). Noto Sans CJK SC is taken out of
Debian's collection (.ttc) and subset to what the built-in locales need: the GB 2312 repertoire
(6,763 Hanzi plus its punctuation, kana, Greek and Cyrillic), the frequent Hanzi of Big5 (level
1, 5,401, for Traditional Chinese), the level-1 kanji of JIS X 0208 (2,965, for Japanese), the
2,350 Hangul syllables of KS X 1001 (Korean), kana, Hangul letters, the CJK punctuation and
full-width blocks, and every character of the locale files. Noto Serif CJK SC (regular only)
is subset the same way, for the serif themes. All OpenType features are kept, so
the face's `locl` forms give Japanese, Korean and Traditional Chinese text their own glyph
shapes when a document's `lang` is theirs. Text outside it falls back to system fonts when the
user allows them (`--system-fonts`).
"""
import glob
import os
import shutil
from fontTools import subset
from fontTools.ttLib import TTCollection

LATIN = "/usr/share/fonts/truetype/noto/NotoSans-{}.ttf"
CJK = "/usr/share/fonts/opentype/noto/NotoSansCJK-{}.ttc"
SERIF_CJK = "/usr/share/fonts/opentype/noto/NotoSerifCJK-{}.ttc"
SC_INDEX = 2  # JP, KR, SC, TC, HK, ...

for style in ["Regular", "Bold", "Italic", "BoldItalic"]:
    shutil.copy(LATIN.format(style), f"NotoSans-{style}.ttf")

# Arabic (and Persian), Hebrew, Thai, Devanagari and Bengali, copied whole: shaping these
# scripts needs every form and feature, and each face is small (27 to 240 KB).
for family in ["NotoNaskhArabic", "NotoSansHebrew", "NotoSansThai", "NotoSansDevanagari",
               "NotoSansBengali"]:
    for style in ["Regular", "Bold"]:
        shutil.copy(f"/usr/share/fonts/truetype/noto/{family}-{style}.ttf", f"{family}-{style}.ttf")

def repertoire(codec, firsts, seconds):
    """The characters of a double-byte character set: every pair of bytes that decodes."""
    out = set()
    for b1 in range(*firsts):
        for b2 in range(*seconds):
            try:
                out.add(ord(bytes([b1, b2]).decode(codec)))
            except UnicodeDecodeError:
                pass
    return out


chars = repertoire("gb2312", (0xA1, 0xF8), (0xA1, 0xFF))
chars |= repertoire("big5", (0xA1, 0xC7), (0x40, 0xFF))  # symbols and level-1 Hanzi
chars |= repertoire("euc_jp", (0xA1, 0xD0), (0xA1, 0xFF))  # up to the level-1 kanji
korean = repertoire("euc_kr", (0xA1, 0xFE), (0xA1, 0xFF))
chars |= {c for c in korean if not (0x4E00 <= c <= 0x9FFF or 0xF900 <= c <= 0xFAFF)}  # no hanja
for path in glob.glob("../locales/*.toml"):
    chars.update(map(ord, open(path, encoding="utf-8").read()))
ranges = [(0x20, 0x7E), (0xA0, 0xFF), (0x2000, 0x206F), (0x3000, 0x303F), (0x3040, 0x30FF),
          (0x3130, 0x318F), (0xFF00, 0xFFEF)]
for lo, hi in ranges:
    chars.update(range(lo, hi + 1))

# The sans in both weights; the serif (for the serif themes) in its regular only: vita sets
# their bold CJK text in the sans bold (src/render/fonts.rs, SERIF_CJK_BOLD).
for cjk, style, name in [(CJK, "Regular", "NotoSansCJKsc"), (CJK, "Bold", "NotoSansCJKsc"),
                         (SERIF_CJK, "Regular", "NotoSerifCJKsc")]:
    font = TTCollection(cjk.format(style)).fonts[SC_INDEX]
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    sub = subset.Subsetter(options)
    sub.populate(unicodes=chars)
    sub.subset(font)
    font.save(f"{name}-{style}.otf")
    print(name, style, len(chars), "code points")

ASSETS = sorted(glob.glob(os.path.expanduser("~/.cargo/registry/src/*/typst-assets-*/files/fonts")))[-1]
latin = set()
for lo, hi in [(0x20, 0x24F), (0x250, 0x2FF), (0x300, 0x36F), (0x370, 0x3FF), (0x1E00, 0x1EFF),
               (0x2000, 0x206F), (0x2070, 0x209F), (0x20A0, 0x20CF), (0x2100, 0x215F),
               (0x2190, 0x21FF), (0x2200, 0x22FF), (0xFB00, 0xFB06)]:
    latin.update(range(lo, hi + 1))


def subset_latin(src, dst, label):
    """A face kept to the Latin set above, every OpenType feature kept."""
    font = subset.load_font(src, subset.Options())
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.hinting = False
    sub = subset.Subsetter(options)
    sub.populate(unicodes=latin)
    sub.subset(font)
    font.save(dst)
    print(label, os.path.getsize(dst), "bytes")


for style in ["Regular", "Bold", "Italic", "BoldItalic"]:
    subset_latin(f"{ASSETS}/LibertinusSerif-{style}.otf", f"LibertinusSerif-{style}.otf",
                 f"Libertinus Serif {style}")

# Faces for funders' typeface rules (apt-get install fonts-lmodern fonts-croscore):
# Latin Modern Roman, of the Computer Modern family that NSF's PAPPG names (GUST Font License,
# copied whole, unmodified), and Arimo, metrically compatible with Arial (SIL OFL 1.1, no
# reserved name), subset to the Latin, Greek and punctuation set above.
LM = "/usr/share/texmf/fonts/opentype/public/lm/lmroman10-{}.otf"
for style, lm in [("Regular", "regular"), ("Bold", "bold"), ("Italic", "italic"),
                  ("BoldItalic", "bolditalic")]:
    shutil.copy(LM.format(lm), f"LatinModernRoman-{style}.otf")
ARIMO = "/usr/share/fonts/truetype/croscore/Arimo-{}.ttf"
for style in ["Regular", "Bold", "Italic", "BoldItalic"]:
    subset_latin(ARIMO.format(style), f"Arimo-{style}.ttf", f"Arimo {style}")
