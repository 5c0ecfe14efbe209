use super::*;
use crate::profile::Date;

fn d(s: &str) -> Date {
    Date::parse(s).unwrap()
}

#[test]
fn every_locale_has_every_string_id() {
    let en: Vec<&str> = ids().collect();
    // The ids the code asks for are English's; every section id vita or its coming
    // sections use has a heading.
    for id in crate::view::SECTIONS.iter().map(|s| s.id).chain([
        "personal_statement",
        "contributions",
        "appointments",
        "grants",
        "supervision",
        "memberships",
        "outreach",
        "software",
        "datasets",
        "synergistic",
        "projects",
        "certifications",
        "languages",
        "volunteering",
    ]) {
        assert!(
            en.contains(&format!("sections.{id}").as_str()),
            "no heading for {id}"
        );
    }
    for (tag, _) in BUILTIN {
        let l = builtin(tag).unwrap();
        for id in &en {
            assert!(l.strings.contains_key(*id), "{tag} has no `{id}`");
        }
        for id in l.strings.keys() {
            assert!(
                en.contains(&id.as_str()),
                "{tag} has `{id}`, which English has not"
            );
        }
        for list in ["dates.months", "dates.months_short"] {
            assert_eq!(l.get(list).split(',').count(), 12, "{tag} {list}");
        }
    }
}

#[test]
fn every_id_the_code_uses_is_in_english() {
    // Ids named in the source as string literals: `get("...")`, `fill("...")`.
    let mut src = String::new();
    for dir in ["src/view", "src/locale"] {
        for f in std::fs::read_dir(dir).unwrap() {
            src += &std::fs::read_to_string(f.unwrap().path()).unwrap();
        }
    }
    let mut found = 0;
    for part in src.split('"').skip(1).step_by(2) {
        let group = part.split('.').next().unwrap_or("");
        if [
            "dates",
            "documents",
            "groups",
            "labels",
            "marks",
            "works",
            "list",
            "footer",
        ]
        .contains(&group)
            && part.contains('.')
            && !part.contains(' ')
            && !part.contains('{')
        {
            found += 1;
            assert!(is_id(part), "the code uses `{part}`, which en.toml lacks");
        }
    }
    assert!(found >= 15, "only {found} ids found in the source");
    // Ids the code builds from names.
    let built = crate::document::KINDS
        .iter()
        .map(|k| format!("documents.{}", k.name))
        .chain(
            crate::profile::PUBLICATION_TYPES
                .iter()
                .map(|t| format!("groups.{t}")),
        )
        .chain(["advisor", "advisors", "mentor", "mentors"].map(|l| format!("labels.{l}")));
    for id in built {
        assert!(is_id(&id), "the code uses `{id}`, which en.toml lacks");
    }
}

#[test]
fn tags_resolve_with_aliases_and_regions() {
    assert_eq!(resolve("zh"), Some("zh-Hans"));
    assert_eq!(resolve("ZH-hant"), Some("zh-Hant"));
    assert_eq!(resolve("zh-TW"), Some("zh-Hant"));
    assert_eq!(resolve("de-AT"), Some("de"));
    assert_eq!(resolve("en-GB"), Some("en-GB"));
    assert_eq!(resolve("xx"), None);
    assert_eq!(resolve("zh-Latn"), None);
    assert_eq!(resolve("de-CH-1996"), Some("de"));
    assert_eq!(resolve("pt_BR"), Some("pt"));
    assert_eq!(resolve("zh-Hant-TW"), Some("zh-Hant"));
    assert_eq!(resolve("en-GB-oxendict"), Some("en-GB"));
    assert_eq!(resolve("zh-Latn-CN"), None);
    for nothing in ["de-", "de--AT", "de-A", "de-Ä", "fr-CA-"] {
        assert_eq!(resolve(nothing), None, "{nothing}");
    }
}

#[test]
fn dates_read_as_each_language_writes_them() {
    let cases = [
        ("en", "Sep 2021", "Sep 29, 2021", "September 29, 2021"),
        ("en-GB", "Sep 2021", "29 Sep 2021", "29 September 2021"),
        ("de", "Sept. 2021", "29. Sept. 2021", "29. September 2021"),
        ("fr", "sept. 2021", "29 sept. 2021", "29 septembre 2021"),
        ("zh-Hans", "2021年9月", "2021年9月29日", "2021年9月29日"),
        ("ja", "2021年9月", "2021年9月29日", "2021年9月29日"),
        ("ko", "2021년 9월", "2021년 9월 29일", "2021년 9월 29일"),
        (
            "ru",
            "сент. 2021",
            "29 сентября 2021\u{a0}г.",
            "29 сентября 2021\u{a0}г.",
        ),
    ];
    for (tag, month, day, long) in cases {
        let l = builtin(tag).unwrap();
        assert_eq!(l.date(&d("2021-09")), month, "{tag}");
        assert_eq!(l.date(&d("2021-09-29")), day, "{tag}");
        assert_eq!(l.date_long(&d("2021-09-29")), long, "{tag}");
    }
    let zh = builtin("zh-Hans").unwrap();
    assert_eq!(
        zh.range(Some(&d("2021-09")), Some(&Date::Present)),
        "2021年9月—至今"
    );
    assert_eq!(zh.date(&d("2021")), "2021");
}

#[test]
fn lists_join_as_each_language_does() {
    let v =
        |n: usize| -> Vec<String> { ["A", "B", "C"][..n].iter().map(|s| s.to_string()).collect() };
    let en = builtin("en").unwrap();
    assert_eq!(en.join(&v(2)), "A and B");
    assert_eq!(en.join(&v(3)), "A, B, and C");
    assert_eq!(builtin("en-GB").unwrap().join(&v(3)), "A, B and C");
    assert_eq!(builtin("zh-Hans").unwrap().join(&v(3)), "A、B和C");
}

#[test]
fn overrides_replace_strings() {
    let l = builtin("de")
        .unwrap()
        .with([("dates.present".to_string(), "jetzt".to_string())]);
    assert_eq!(
        l.range(Some(&d("2020")), Some(&Date::Present)),
        "2020 – jetzt"
    );
    let numeric = builtin("en").unwrap().with([
        ("dates.month_year".to_string(), "{mm}/{year}".to_string()),
        ("dates.day".to_string(), "{year}-{mm}-{dd}".to_string()),
    ]);
    assert_eq!(numeric.date(&d("2021-09")), "09/2021");
    assert_eq!(numeric.date(&d("2021-09-05")), "2021-09-05");
}
