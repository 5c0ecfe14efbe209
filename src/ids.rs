//! Identifiers of papers and people, parsed and normalised in one place: DOIs, arXiv
//! identifiers, ORCID iDs and web addresses.
//!
//! Each is accepted in the forms people paste (a resolver address, a `doi:` or `arXiv:`
//! label) and stored in one normal form, the identifier alone; the addresses are made from
//! that form ([`doi_url`], [`arxiv_url`]). The profile and the .bib reader use the same rules.

/// Whether `s` starts with `prefix`, ignoring ASCII case.
fn starts_with_nocase(s: &str, prefix: &str) -> bool {
    s.get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
}

/// `s` without the first of `prefixes` it starts with (ignoring ASCII case).
fn strip_any<'a>(s: &'a str, prefixes: &[&str]) -> &'a str {
    prefixes
        .iter()
        .find(|p| starts_with_nocase(s, p))
        .map_or(s, |p| &s[p.len()..])
}

/// What may stand before a DOI: a resolver's address or a label.
const DOI_PREFIXES: &[&str] = &[
    "https://doi.org/",
    "http://doi.org/",
    "https://dx.doi.org/",
    "http://dx.doi.org/",
    "doi:",
];

/// A DOI in its normal form (`10.1000/x`), from `10.1000/x`, `doi:10.1000/x`,
/// `DOI: 10.1000/x` or a resolver address such as `https://doi.org/10.1000/x`; `None` when
/// what remains is not a DOI.
pub fn doi(s: &str) -> Option<String> {
    let d = strip_doi(s);
    doi_ok(d).then(|| d.to_string())
}

/// `s` trimmed and without a resolver address or `doi:` label in front; what is left may
/// or may not be a DOI.
pub fn strip_doi(s: &str) -> &str {
    strip_any(s.trim(), DOI_PREFIXES).trim()
}

/// Whether a DOI (without a resolver prefix) looks like one: `10.1109/ICCV48922.2021.01615`.
pub fn doi_ok(doi: &str) -> bool {
    doi.starts_with("10.")
        && doi
            .split_once('/')
            .is_some_and(|(pre, suf)| pre.len() > 3 && !suf.is_empty())
        && !doi.chars().any(char::is_whitespace)
}

/// The address of a DOI in normal form.
pub fn doi_url(doi: &str) -> String {
    format!("https://doi.org/{doi}")
}

/// What may stand before an arXiv identifier: the site's addresses or the `arXiv:` label.
const ARXIV_PREFIXES: &[&str] = &[
    "https://arxiv.org/abs/",
    "http://arxiv.org/abs/",
    "https://arxiv.org/pdf/",
    "http://arxiv.org/pdf/",
    "arxiv.org/abs/",
    "arxiv:",
];

/// An arXiv identifier in its normal form (`2007.08745`, `2007.08745v2`, `hep-th/9901001`),
/// from the identifier alone, `arXiv:2007.08745` or an address such as
/// `https://arxiv.org/abs/2007.08745`; `None` when what remains is not one.
pub fn arxiv(s: &str) -> Option<String> {
    let s = s.trim();
    let id = strip_any(s, ARXIV_PREFIXES).trim();
    // A PDF address ends in `.pdf`; the identifier does not.
    let id = if starts_with_nocase(s, "http") {
        id.strip_suffix(".pdf").unwrap_or(id)
    } else {
        id
    };
    arxiv_ok(id).then(|| id.to_string())
}

/// Whether an arXiv identifier looks like one: `2007.08745`, `2007.08745v2`, `hep-th/9901001`.
pub fn arxiv_ok(id: &str) -> bool {
    arxiv_new_style(id) || arxiv_old_style(id)
}

/// Whether a string is a new-style arXiv identifier: `2007.08745` or `2007.08745v2`.
pub fn arxiv_new_style(id: &str) -> bool {
    id.split_once('.').is_some_and(|(a, b)| {
        a.len() == 4
            && a.bytes().all(|c| c.is_ascii_digit())
            && b.split('v').next().is_some_and(|n| {
                (4..=5).contains(&n.len()) && n.bytes().all(|c| c.is_ascii_digit())
            })
    })
}

/// Whether a string is an old-style arXiv identifier: an archive, a slash and seven digits,
/// such as `hep-th/9901001` or `math.GT/0309136v2`.
fn arxiv_old_style(id: &str) -> bool {
    let Some((archive, number)) = id.split_once('/') else {
        return false;
    };
    let (name, class) = archive.split_once('.').unwrap_or((archive, "AA"));
    let number = number.split('v').next().unwrap_or("");
    !name.is_empty()
        && name.bytes().all(|c| c.is_ascii_lowercase() || c == b'-')
        && class.len() == 2
        && class.bytes().all(|c| c.is_ascii_uppercase())
        && number.len() == 7
        && number.bytes().all(|c| c.is_ascii_digit())
}

/// The address of an arXiv identifier in normal form.
pub fn arxiv_url(id: &str) -> String {
    format!("https://arxiv.org/abs/{id}")
}

/// Why a string is not an ORCID iD.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrcidError {
    /// It is not 16 digits (the last may be `X`) in groups of four.
    Form,
    /// It has the form, but its last character is not the check digit of the others.
    CheckDigit,
}

/// An ORCID iD in its normal form (`0000-0002-1825-0097`), from the iD alone or its address
/// (`https://orcid.org/0000-0002-1825-0097`), with its check digit verified.
pub fn orcid(s: &str) -> Result<String, OrcidError> {
    let id = strip_any(
        s.trim(),
        &["https://orcid.org/", "http://orcid.org/", "orcid.org/"],
    );
    let digits: Vec<char> = id.chars().filter(|c| *c != '-').collect();
    let grouped = id.len() == 19
        && id
            .char_indices()
            .all(|(i, c)| (c == '-') == [4, 9, 14].contains(&i));
    let ok = grouped
        && digits.len() == 16
        && digits[..15].iter().all(char::is_ascii_digit)
        && (digits[15].is_ascii_digit() || digits[15] == 'X');
    if !ok {
        return Err(OrcidError::Form);
    }
    let total = digits[..15]
        .iter()
        .fold(0u32, |t, d| (t + d.to_digit(10).unwrap_or(0)) * 2);
    let check = (12 - total % 11) % 11;
    let want = if check == 10 {
        'X'
    } else {
        char::from_digit(check, 10).unwrap_or('?')
    };
    if digits[15] != want {
        return Err(OrcidError::CheckDigit);
    }
    Ok(id.to_string())
}

/// Whether a link can point at `url`: it starts with `https://`, `http://` or `mailto:` (in
/// any case), has something after that, and holds no white space.
pub fn is_web_url(url: &str) -> bool {
    ["https://", "http://", "mailto:"]
        .iter()
        .any(|p| url.len() > p.len() && starts_with_nocase(url, p))
        && !url.chars().any(char::is_whitespace)
}

/// A person's DBLP id, `229/8174`, from the forms people paste: the id, or a profile address
/// (`https://dblp.org/pid/229/8174.html`, `.../pid/229/8174`); `None` for anything else
/// (the old `pers/hd/...` addresses name no id).
pub fn dblp_pid(s: &str) -> Option<String> {
    let s = s
        .trim()
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .trim_end_matches('/');
    let tail = s.rsplit_once("/pid/").map_or(s, |(_, t)| t);
    let tail = tail
        .strip_suffix(".html")
        .or_else(|| tail.strip_suffix(".xml"))
        .or_else(|| tail.strip_suffix(".bib"))
        .unwrap_or(tail);
    let ok = tail.split('/').count() == 2
        && tail.split('/').all(|part| {
            !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        });
    ok.then(|| tail.to_string())
}

/// The address of a person's DBLP page from a profile's `dblp`: as written when it is an
/// address, made from the id when it is one (`229/8174`).
pub fn dblp_url(s: &str) -> String {
    match dblp_pid(s) {
        Some(pid) if !s.contains("://") && !s.contains("dblp.org") => {
            format!("https://dblp.org/pid/{pid}.html")
        }
        _ => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_way_of_writing_a_doi_is_the_same_doi() {
        for written in [
            "10.1000/x",
            "doi:10.1000/x",
            "DOI: 10.1000/x",
            "https://doi.org/10.1000/x",
            "http://doi.org/10.1000/x",
            "http://dx.doi.org/10.1000/x",
            "https://dx.doi.org/10.1000/x",
            "  https://DOI.org/10.1000/x ",
        ] {
            assert_eq!(doi(written).as_deref(), Some("10.1000/x"), "{written}");
        }
        assert_eq!(doi_url("10.1000/x"), "https://doi.org/10.1000/x");
        // The suffix keeps its case: DOIs are compared without it, but printed as written.
        assert_eq!(
            doi("https://doi.org/10.1016/J.PATCOG.2021.108123").as_deref(),
            Some("10.1016/J.PATCOG.2021.108123")
        );
    }

    #[test]
    fn what_is_not_a_doi_is_refused() {
        for bad in [
            "",
            "not a doi",
            "10.1000",
            "10.1/",
            "11.1000/x",
            "https://doi.org/",
            "https://example.org/10.1000/x",
            "10.1000/x y",
        ] {
            assert_eq!(doi(bad), None, "{bad}");
        }
        assert_eq!(strip_doi(" doi: nope "), "nope");
        assert_eq!(strip_doi("https://doi.org/bad"), "bad");
    }

    #[test]
    fn every_way_of_writing_an_arxiv_identifier() {
        for (written, id) in [
            ("2007.08745", "2007.08745"),
            ("2007.08745v2", "2007.08745v2"),
            ("0706.0001", "0706.0001"),
            ("hep-th/9901001", "hep-th/9901001"),
            ("math.GT/0309136", "math.GT/0309136"),
            ("arXiv:2007.08745", "2007.08745"),
            ("arxiv:hep-th/9901001", "hep-th/9901001"),
            ("https://arxiv.org/abs/2007.08745", "2007.08745"),
            ("http://arxiv.org/abs/2007.08745v3", "2007.08745v3"),
            ("https://arxiv.org/pdf/2007.08745.pdf", "2007.08745"),
            ("https://arxiv.org/abs/hep-th/9901001", "hep-th/9901001"),
        ] {
            assert_eq!(arxiv(written).as_deref(), Some(id), "{written}");
        }
        assert_eq!(arxiv_url("2007.08745"), "https://arxiv.org/abs/2007.08745");
        for bad in [
            "",
            "nope",
            "2007.087",
            "207.08745",
            "abs/2007.08745",
            "hep-th/99",
            "https://example.org/abs/2007.08745",
        ] {
            assert_eq!(arxiv(bad), None, "{bad}");
        }
        assert!(arxiv_new_style("2007.08745"));
        assert!(!arxiv_new_style("hep-th/9901001"));
    }

    #[test]
    fn orcid_ids_with_their_check_digit() {
        assert_eq!(
            orcid("0000-0002-1825-0097").as_deref(),
            Ok("0000-0002-1825-0097")
        );
        assert_eq!(
            orcid("https://orcid.org/0000-0002-1825-0097").as_deref(),
            Ok("0000-0002-1825-0097")
        );
        assert_eq!(
            orcid("http://orcid.org/0000-0002-1694-233X").as_deref(),
            Ok("0000-0002-1694-233X")
        );
        assert_eq!(orcid("0000-0002-1825-0098"), Err(OrcidError::CheckDigit));
        assert_eq!(
            orcid("https://orcid.org/0000-0002-1825-0098"),
            Err(OrcidError::CheckDigit)
        );
        for bad in [
            "",
            "0000000218250097",
            "0000-0002-1825-009",
            "0000-0002-1825-00977",
            "000-00002-1825-0097",
            "0000-0002-1825-009Y",
            "https://example.org/0000-0002-1825-0097",
        ] {
            assert_eq!(orcid(bad), Err(OrcidError::Form), "{bad}");
        }
    }

    #[test]
    fn web_addresses_follow_one_rule() {
        for good in [
            "https://x.org",
            "http://x.org/a.pdf",
            "HTTPS://X.ORG",
            "mailto:a@b.c",
        ] {
            assert!(is_web_url(good), "{good}");
        }
        for bad in [
            "",
            "https://",
            "x.org",
            "ftp://x.org",
            "https://x.org/a b",
            "éééé://x.org",
            "file:///etc/passwd",
        ] {
            assert!(!is_web_url(bad), "{bad}");
        }
    }

    #[test]
    fn person_ids_are_read_from_addresses() {
        for s in [
            "229/8174",
            "https://dblp.org/pid/229/8174.html",
            "https://dblp.org/pid/229/8174",
            "dblp.org/pid/229/8174.xml?view=by-year",
        ] {
            assert_eq!(super::dblp_pid(s).as_deref(), Some("229/8174"), "{s}");
        }
        assert_eq!(
            super::dblp_pid("https://dblp.org/pid/l/YimingLi-1.html").as_deref(),
            Some("l/YimingLi-1")
        );
        assert_eq!(
            super::dblp_pid("https://dblp.org/pers/hd/l/Li_0001:Yiming"),
            None
        );
        assert_eq!(super::dblp_pid("Yiming Li"), None);
    }

    #[test]
    fn a_dblp_id_makes_its_page_address() {
        assert_eq!(
            super::dblp_url("229/8174"),
            "https://dblp.org/pid/229/8174.html"
        );
        let page = "https://dblp.org/pid/229/8174.html";
        assert_eq!(super::dblp_url(page), page);
    }
}
