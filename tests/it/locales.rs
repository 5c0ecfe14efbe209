//! Languages: the example CV in every built-in locale, with its headings and dates in that
//! language and every character drawn by an embedded face; translated fields and `[locale]`
//! mistakes told with their place.

use std::collections::BTreeMap;
use std::fs;

use typst::layout::{Abs, Frame, FrameItem, Point};

use crate::support::{Run, pdf_text, repo, squeezed, temp_dir};

/// Each built-in locale, a section heading and a date of the example CV in it (the education
/// heading; the start of the 2021-06 internship or the 2021-09-30 document date).
const LOCALES: &[(&str, &str, &str)] = &[
    ("en", "Education", "Jun 2021"),
    ("en-GB", "Education", "30 September 2021"),
    ("zh-Hans", "教育背景", "2021年6月"),
    ("zh-Hant", "學歷", "2021年6月"),
    ("ja", "学歴", "2021年6月"),
    ("ko", "학력", "2021년 6월"),
    ("de", "Ausbildung", "30. September 2021"),
    ("fr", "Formation", "juin 2021"),
    ("es", "Formación académica", "jun. 2021"),
    ("it", "Formazione", "giu 2021"),
    ("pt", "Formação acadêmica", "jun. 2021"),
    ("nl", "Opleiding", "jun. 2021"),
    ("ru", "Образование", "июнь 2021"),
    ("pl", "Wykształcenie", "cze 2021"),
    ("cs", "Vzdělání", "6/2021"),
    ("uk", "Освіта", "черв. 2021"),
    ("el", "Σπουδές", "Ιουν 2021"),
    ("tr", "Eğitim", "Haz 2021"),
    ("hu", "Tanulmányok", "2021. jún."),
    ("ro", "Educație", "iun. 2021"),
    ("sv", "Utbildning", "juni 2021"),
    ("da", "Uddannelse", "jun. 2021"),
    ("nb", "Utdanning", "juni 2021"),
    ("fi", "Koulutus", "kesä 2021"),
    ("vi", "Quá trình đào tạo", "6/2021"),
    ("id", "Pendidikan", "Jun 2021"),
    ("ar", "التعليم", "يونيو 2021"),
    ("he", "השכלה", "יוני 2021"),
    ("fa", "تحصیلات", "ژوئن 2021"),
    ("th", "ประวัติการศึกษา", "มิ.ย. 2021"),
    ("hi", "शैक्षणिक योग्यता", "जून 2021"),
    ("bn", "শিক্ষাগত যোগ্যতা", "জুন 2021"),
];

#[test]
fn the_example_cv_is_made_in_every_built_in_locale() {
    assert_eq!(LOCALES.len(), vita::locale::BUILTIN.len());
    let dir = temp_dir("locales-all");
    for (lang, heading, date) in LOCALES {
        let run = Run::vita(&[
            "build",
            "profile.toml",
            "--only",
            "cv",
            "--lang",
            lang,
            "--out",
        ])
        .arg(&dir)
        .in_dir(repo())
        .ok();
        // Every glyph was found in a face that has it: no empty boxes (.notdef).
        assert!(
            !run.stderr.contains("no available font can draw"),
            "{lang}: {}",
            run.stderr
        );
        // In logical order, as a reader (or a parser) takes it: right-to-left text too.
        let raw = crate::support::pdftotext(&dir.join(format!("cv-{lang}.pdf")));
        let text = squeezed(&raw);
        assert!(
            text.contains(&squeezed(heading)),
            "{lang}: no `{heading}` in {text}"
        );
        if ["ar", "he", "fa"].contains(lang) {
            // A right-to-left month beside Latin digits: extractors order the two runs of a
            // mixed line as they guess; both stand on one line.
            let (month, year) = date.rsplit_once(' ').unwrap();
            assert!(
                raw.lines().any(|l| l.contains(month) && l.contains(year)),
                "{lang}: no line with `{month}` and `{year}` in {raw}"
            );
        } else {
            assert!(
                text.contains(&squeezed(date)),
                "{lang}: no `{date}` in {text}"
            );
        }
        if *lang != "en" && *lang != "en-GB" {
            assert!(!text.contains("education"), "{lang}: an English heading");
            assert!(!text.contains("lastupdated"), "{lang}: an English footer");
        }
    }
}

#[test]
fn the_example_profile_makes_a_chinese_cv_beside_the_english_one() {
    let dir = temp_dir("locales-example");
    Run::vita(&["build", "profile.toml", "--out"])
        .arg(&dir)
        .in_dir(repo())
        .ok();
    let (_, en) = pdf_text(&fs::read(dir.join("cv.pdf")).unwrap());
    let (_, zh) = pdf_text(&fs::read(dir.join("cv-zh-Hans.pdf")).unwrap());
    let (en, zh) = (squeezed(&en), squeezed(&zh));
    assert!(en.starts_with("yimingli"), "{en}");
    // The native name first, the Latin one after it.
    assert!(zh.starts_with("李一鸣yimingli"), "{zh}");
    for words in ["教育背景", "2021年9月", "至今", "导师：", "清华大学"] {
        assert!(zh.contains(words), "no `{words}` in {zh}");
    }
    assert!(en.contains("tsinghuauniversity"), "{en}");
    assert!(!en.contains("清华大学"), "{en}");
}

#[test]
fn a_translated_field_without_the_language_warns_where_it_is() {
    let dir = temp_dir("locales-missing");
    fs::write(
        dir.join("profile.toml"),
        "[person]\nname = \"Ada\"\nheadline = { en = \"Engineer\", de = \"Ingenieurin\" }\nemail = \"ada@example.org\"\n\
         [documents.cv-fr]\nkind = \"cv\"\nlang = \"fr\"\n",
    )
    .unwrap();
    let run = Run::vita(&["build", "--only", "cv-fr"]).in_dir(&dir).ok();
    assert!(
        run.stderr.starts_with(
            "warning: `person.headline` has no `fr` text; the `en` text is used\n --> profile.toml:3:12\n"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("hint: it is written in `en`, `de`: add `fr = \"...\"` to the table"),
        "{}",
        run.stderr
    );
    let (_, text) = pdf_text(&fs::read(dir.join("out/cv-fr.pdf")).unwrap());
    assert!(text.contains("Engineer"), "{text}");
    // `--lang` makes every document in one language, and names the files by it.
    let run = Run::vita(&["build", "--only", "cv", "--lang", "de"])
        .in_dir(&dir)
        .ok();
    assert_eq!(run.stderr, "");
    let (_, text) = pdf_text(&fs::read(dir.join("out/cv-de.pdf")).unwrap());
    assert!(text.contains("Ingenieurin"), "{text}");
}

#[test]
fn locale_and_language_mistakes_are_located_errors() {
    let dir = temp_dir("locales-mistakes");
    fs::write(
        dir.join("profile.toml"),
        "lang = \"zh-Hanz\"\n[person]\nname = \"Ada\"\n[locale]\npresnt = \"now\"\nsections = { educaton = \"Studies\" }\nlabels.quotes = \"“ ”\"\nlabels.colon = \": \\u0000\"\nlabels.comma = \", \\u202E\"\n",
    )
    .unwrap();
    let run = Run::vita(&["check"]).in_dir(&dir).fails(1);
    let expected = [
        "error: vita has no `zh-Hanz` locale\n --> profile.toml:1:8",
        "hint: did you mean `zh-Hans`?",
        "error: `locale.presnt` is not a string vita prints\n --> profile.toml:5:10",
        "hint: did you mean `dates.present`?",
        "error: `locale.sections.educaton` is not a string vita prints\n --> profile.toml:6:25",
        "hint: did you mean `sections.education`?",
        "error: `locale.labels.quotes` needs four marks split by spaces: `“ ”`\n --> profile.toml:7:17",
        "error: `locale.labels.colon` holds the control character U+0000\n --> profile.toml:8:16",
        "error: `locale.labels.comma` holds the control character U+202E\n --> profile.toml:9:16",
    ];
    for e in expected {
        assert!(run.stderr.contains(e), "no `{e}` in\n{}", run.stderr);
    }
    let run = Run::vita(&["check", "--lang", "jp"]).in_dir(&dir).fails(2);
    assert!(
        run.stderr.contains("vita has no `jp` locale"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("did you mean `ja`?"), "{}", run.stderr);
    // A tag with an empty or malformed subtag names no language.
    let run = Run::vita(&["check", "--lang", "de-"]).in_dir(&dir).fails(2);
    assert!(
        run.stderr.contains("vita has no `de-` locale"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_table_of_languages_gone_wrong_says_what_is_wrong_at_its_place() {
    let dir = temp_dir("locales-tables");
    fs::write(
        dir.join("profile.toml"),
        "[person]\nname = \"Ada\"\n[[education]]\ndegree = { en = \"PhD\", dee = \"Promotion\" }\ninstitution = {}\nstart = 2018\n",
    )
    .unwrap();
    let run = Run::vita(&["check"]).in_dir(&dir).fails(1);
    for e in [
        "error: `education[1].degree`: `dee` is not a language vita knows (a table of languages)\n --> profile.toml:4:10",
        "hint: did you mean `de`?",
        "error: `education[1].institution`: is an empty table where text belongs\n --> profile.toml:5:15",
        "hint: write the text in quotes, or a table of languages",
    ] {
        assert!(run.stderr.contains(e), "no `{e}` in\n{}", run.stderr);
    }
    assert!(!run.stderr.contains("invalid type"), "{}", run.stderr);
    // A date is the same in every language, written as a date or as text.
    fs::write(
        dir.join("profile.toml"),
        "updated = { en = 2021-01-01 }\n[person]\nname = \"Ada\"\n",
    )
    .unwrap();
    let run = Run::vita(&["check"]).in_dir(&dir).fails(1);
    assert!(
        run.stderr.contains("error: `updated` is the same in every language: it cannot be a table of languages\n --> profile.toml:1:11"),
        "{}",
        run.stderr
    );
}

#[test]
fn locale_overrides_replace_the_words_printed() {
    let dir = temp_dir("locales-overrides");
    fs::write(
        dir.join("profile.toml"),
        "lang = \"de\"\n[person]\nname = \"Ada\"\n[locale]\ndates.present = \"jetzt\"\n\
         sections.experience = \"Stationen\"\n[[experience]]\nrole = \"Postdoc\"\n\
         organisation = \"ETH\"\nstart = \"2015-10\"\nend = \"present\"\n",
    )
    .unwrap();
    Run::vita(&["build", "--only", "cv"]).in_dir(&dir).ok();
    let (_, text) = pdf_text(&fs::read(dir.join("out/cv.pdf")).unwrap());
    let text = squeezed(&text);
    assert!(text.contains("stationen"), "{text}");
    assert!(text.contains("okt.2015–jetzt"), "{text}");
    assert!(text.contains("akademischerlebenslauf"), "{text}");
}

/// The text that starts each line of a laid-out page: the leftmost run at each height.
fn line_starts(frame: &Frame, at: Point, out: &mut BTreeMap<i64, (Abs, String)>) {
    for (pos, item) in frame.items() {
        let p = at + *pos;
        match item {
            FrameItem::Group(g) => line_starts(&g.frame, p, out),
            FrameItem::Text(t) => {
                let y = (p.y.to_pt() * 10.0).round() as i64;
                let first = out.entry(y).or_insert((p.x, t.text.to_string()));
                if p.x < first.0 {
                    *first = (p.x, t.text.to_string());
                }
            }
            _ => {}
        }
    }
}

/// The CV of a profile, laid out.
fn typeset(text: &str) -> typst_layout::PagedDocument {
    let loaded = vita::load::load_str("profile.toml", text).unwrap();
    let plan =
        vita::build::plan::resolve(&loaded, &vita::BuildOptions::new("profile.toml")).unwrap();
    let job = plan
        .documents
        .iter()
        .find(|d| d.document.name == "cv")
        .unwrap();
    let (_, document, _) = vita::build::typeset(
        loaded.profile_for(job.document.lang),
        job,
        &plan,
        &job.style,
        vita::render::fonts::store(false),
        &Default::default(),
    )
    .unwrap();
    document
}

/// The glyph that draws a character, the first time it is drawn.
fn glyph_of(frame: &Frame, c: char) -> Option<u16> {
    frame.items().find_map(|(_, item)| match item {
        FrameItem::Group(g) => glyph_of(&g.frame, c),
        FrameItem::Text(t) => t
            .glyphs
            .iter()
            .find(|g| t.text[g.range()].starts_with(c))
            .map(|g| g.id),
        _ => None,
    })
}

#[test]
fn japanese_and_traditional_chinese_take_their_own_glyph_forms() {
    // 直 and 骨 are drawn differently in Chinese and Japanese type; 說 in Simplified- and
    // Traditional-Chinese type.
    let glyphs = |lang: &str, c: char| {
        let doc = typeset(&format!(
            "lang = \"{lang}\"\nsummary = \"直骨說\"\n[person]\nname = \"Ada\"\n"
        ));
        glyph_of(&doc.pages()[0].frame, c).unwrap()
    };
    assert_ne!(glyphs("zh-Hans", '直'), glyphs("ja", '直'));
    assert_ne!(glyphs("zh-Hans", '骨'), glyphs("ja", '骨'));
    assert_ne!(glyphs("zh-Hans", '說'), glyphs("zh-Hant", '說'));
}

#[test]
fn chinese_lines_never_start_with_a_stop_or_comma() {
    // Clauses of every length, so that some stop falls at the end of every line width.
    let words = [
        "研究",
        "后门学习",
        "安全",
        "数据隐私模型",
        "攻击",
        "防御鲁棒",
    ];
    let stops = ["。", "，", "、", "；", "）"];
    let mut summary = String::new();
    for i in 0..80 {
        for j in 0..=(i * 7 % 5) {
            summary += words[(i + j) % words.len()];
        }
        summary += stops[i % stops.len()];
    }
    let text = format!("lang = \"zh-Hans\"\nsummary = \"{summary}\"\n[person]\nname = \"Ada\"\n");
    let document = typeset(&text);
    let mut starts = BTreeMap::new();
    for page in document.pages() {
        line_starts(&page.frame, Point::zero(), &mut starts);
    }
    let han: Vec<&String> = starts
        .values()
        .map(|(_, t)| t)
        .filter(|t| {
            t.chars().any(|c| {
                ('\u{4e00}'..='\u{9fff}').contains(&c) || stops.iter().any(|s| t.starts_with(s))
            })
        })
        .collect();
    assert!(han.len() > 8, "the summary did not wrap: {han:?}");
    for t in han {
        assert!(
            !stops.iter().any(|s| t.starts_with(s)),
            "a line starts with a stop: {t}"
        );
    }
}

#[test]
fn every_script_of_the_locales_is_drawn_by_an_embedded_face() {
    let dir = temp_dir("locales-scripts");
    // Greek, Cyrillic, kana, kanji, Hangul, Traditional Hanzi, and the full-width forms.
    fs::write(
        dir.join("profile.toml"),
        "summary = \"Ελληνικά · Русский язык · ひらがな カタカナ 東京大学 · 한국어 연구 · 國立臺灣大學 · （研究）「引用」\"\n\
         [person]\nname = \"Ada\"\nemail = \"ada@example.org\"\n",
    )
    .unwrap();
    for lang in ["en", "ja", "ko", "zh-Hant"] {
        let run = Run::vita(&["build", "--only", "cv", "--lang", lang])
            .in_dir(&dir)
            .ok();
        assert_eq!(run.stderr, "", "{lang}");
    }
}

#[test]
fn punctuation_follows_the_documents_language_not_the_script_of_a_field() {
    // Chinese inventors in an English CV, an English paper in a Chinese one: vita's own
    // joins (between authors, after a title, between venue and year, between a patent's
    // parts) are the document's. The fixture's own text has no punctuation of its own.
    let dir = temp_dir("locales-punctuation");
    fs::copy(
        crate::support::fixture("bilingual-punctuation.toml"),
        dir.join("profile.toml"),
    )
    .unwrap();
    Run::vita(&["build", "--format", "pdf,txt,md,html"])
        .in_dir(&dir)
        .ok();
    let en = pdf_text(&fs::read(dir.join("out/cv.pdf")).unwrap()).1;
    let zh = pdf_text(&fs::read(dir.join("out/cv-zh.pdf")).unwrap()).1;
    assert!(
        squeezed(&en).contains(&squeezed(
            "李一鸣, 吴保元. 一种图像识别模型的训练方法. May 10, 2024. 发明专利, CN123"
        )),
        "{en}"
    );
    assert!(
        squeezed(&zh).contains(&squeezed(
            "Yiming Li、Yong Jiang。Backdoor Learning A Survey。计算机学报，2023。"
        )),
        "{zh}"
    );
    for ext in ["pdf", "txt", "md", "html"] {
        let read = |name: &str| match ext {
            "pdf" => pdf_text(&fs::read(dir.join(format!("out/{name}.pdf"))).unwrap()).1,
            _ => fs::read_to_string(dir.join(format!("out/{name}.{ext}"))).unwrap(),
        };
        for doc in ["cv", "resume"] {
            let en = read(doc);
            assert!(
                en.contains("CN123"),
                "{ext}: the {doc} lists no patent:\n{en}"
            );
            let wide: Vec<char> = en.chars().filter(|c| "，。、：（）".contains(*c)).collect();
            assert!(
                wide.is_empty(),
                "{ext}: {wide:?} in the English {doc}:\n{en}"
            );
        }
        // The Chinese CV's text, without markup and the English month in no date of it.
        let zh = read("cv-zh");
        let zh = if ext == "html" {
            zh.split("<main>")
                .nth(1)
                .unwrap_or_default()
                .replace("</", "<")
        } else {
            zh
        };
        let text: String = if ext == "html" {
            let mut inside = false;
            zh.chars()
                .filter(|c| {
                    match c {
                        '<' => inside = true,
                        '>' => {
                            inside = false;
                            return false;
                        }
                        _ => {}
                    }
                    !inside
                })
                .collect()
        } else {
            zh
        };
        let ascii: Vec<&str> = text
            .lines()
            .filter(|l| l.contains([',', '.', ':', '(', ')']) && !l.contains("example.org"))
            .collect();
        assert!(
            ascii.is_empty(),
            "{ext}: ASCII joins in the Chinese CV: {ascii:?}"
        );
    }
}

#[test]
fn a_french_colon_follows_a_narrow_no_break_space() {
    let data: serde_json::Value = serde_json::from_str(
        &Run::vita(&["data", "--only", "cv", "--lang", "fr"])
            .in_dir(crate::support::repo())
            .ok()
            .stdout,
    )
    .unwrap();
    assert_eq!(data["cv"]["words"]["colon"], "\u{202f}: ");
}

#[test]
fn chinese_documents_keep_dates_whole_set_nothing_half_italic_and_serif_themes_in_serif() {
    // `2019年7月—2020年10月` may break after its dash, never inside a date (`2020年10 / 月`).
    let dir = crate::support::temp_dir("zh-dates");
    for theme in ["academic", "classic", "compact", "harvard", "modern"] {
        for doc in ["cv", "resume"] {
            let out = dir.join(format!("{theme}-{doc}"));
            Run::vita(&[
                "build", "--only", doc, "--lang", "zh-Hans", "--theme", theme, "--out",
            ])
            .arg(&out)
            .in_dir(crate::support::repo())
            .ok();
            let pdf = out.join(format!("{doc}-zh-Hans.pdf"));
            // No half-slanted lines: subtitles and venues muted, not italic, in Chinese.
            let fonts = crate::support::pdf_fonts(&pdf);
            let italic: Vec<&String> = fonts.iter().filter(|f| f.contains("Italic")).collect();
            assert!(italic.is_empty(), "{theme} {doc}: {italic:?}");
            // The serif themes set Chinese in the serif CJK face (its bold in the gothic, as
            // Chinese type does), and their Latin face never draws a dash or quote of it.
            let has = |face: &str| fonts.iter().any(|f| f.starts_with(face));
            if ["academic", "compact", "harvard"].contains(&theme) {
                assert!(has("NotoSerifCJKsc-Regular"), "{theme} {doc}: {fonts:?}");
                assert!(!has("NotoSansCJKsc-Regular"), "{theme} {doc}: {fonts:?}");
                assert!(!has("NotoSans-"), "{theme} {doc}: {fonts:?}");
            } else {
                assert!(has("NotoSansCJKsc-Regular"), "{theme} {doc}: {fonts:?}");
            }
            let text = crate::support::pdftotext(&pdf);
            // A label row is never letter-spaced by justification (`审 稿 人：`).
            if doc == "cv" {
                assert!(text.contains("审稿人"), "{theme} {doc}: {text}");
            }
            for line in text.lines() {
                let t = line.trim();
                let split_unit = t.starts_with('月') || t.starts_with('日');
                let ends_in_number = t.rsplit_once('年').is_some_and(|(_, tail)| {
                    !tail.is_empty() && tail.chars().all(|c| c.is_ascii_digit())
                });
                assert!(
                    !split_unit && !ends_in_number,
                    "{theme} {doc}: a date split at {line:?}"
                );
            }
        }
    }
}
