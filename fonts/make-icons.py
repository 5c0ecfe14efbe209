#!/usr/bin/env python3
"""Regenerates the two small icon fonts (contact icons and link icons) from Font Awesome Free.

Font Awesome Free's fonts are under the SIL Open Font License 1.1 (see FontAwesome-LICENSE.txt);
only the glyphs vita draws are kept (a few kilobytes each).

Needs: npm (to fetch the package) and fonttools with brotli (pip install fonttools brotli).
Run from this folder:
    npm pack @fortawesome/fontawesome-free && tar xzf fortawesome-fontawesome-free-*.tgz
    python3 make-icons.py && rm -r package fortawesome-fontawesome-free-*.tgz

The code points are Font Awesome's own (private use area); layouts/common.typ names them.
"""
from fontTools import subset
from fontTools.ttLib import TTFont

# Font Awesome name -> code point, by font. Keep in step with `icons` in layouts/common.typ.
SOLID = {
    "envelope": 0xF0E0,
    "phone": 0xF095,
    "location-dot": 0xF3C5,
    "globe": 0xF0AC,
    "link": 0xF0C1,
    "book": 0xF02D,
    "file-pdf": 0xF1C1,
    "code": 0xF121,
    "video": 0xF03D,
    "person-chalkboard": 0xE53D,
    "image": 0xF03E,
    "database": 0xF1C0,
    "newspaper": 0xF1EA,
}
BRANDS = {
    "github": 0xF09B,
    "linkedin": 0xF08C,
    "orcid": 0xF8D2,
    "google-scholar": 0xE63B,
}

for source, target, glyphs in [
    ("fa-solid-900", "FontAwesome-Solid.ttf", SOLID),
    ("fa-brands-400", "FontAwesome-Brands.ttf", BRANDS),
]:
    font = TTFont(f"package/webfonts/{source}.woff2")
    options = subset.Options()
    options.flavor = None
    options.layout_features = []
    options.name_IDs = ["*"]
    options.notdef_outline = True
    sub = subset.Subsetter(options)
    sub.populate(unicodes=list(glyphs.values()))
    sub.subset(font)
    font.flavor = None
    font.save(target)
    print(target, len(glyphs), "glyphs")
