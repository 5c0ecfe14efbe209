//! Smart punctuation in the profile's text: straight quotes become the document language's
//! quotation marks (“ ” in English, „ “ in German, « » with narrow no-break spaces in French,
//! 「 」 in Traditional Chinese and Japanese), an apostrophe becomes ’, `--` an en dash and
//! `---` an em dash.
//!
//! Words that are not prose keep every character: a URL, an e-mail address or handle, a DOI,
//! and code-like words (`a_b`, `C#`, `--verbose`, `x->y`). A backslash keeps the character it
//! precedes straight (`\"`, `\'`, `\-`) and is dropped. The design key `smart_punctuation =
//! false` turns it all off. `view::smart` applies it to a document's prose.

/// A language's quotation marks: the outer pair, then the inner pair.
#[derive(Debug, Clone)]
pub struct Quotes {
    open: String,
    close: String,
    open2: String,
    close2: String,
}

impl Quotes {
    /// The marks of a locale's `labels.quotes` (`“ ” ‘ ’`: four marks split by spaces),
    /// else English's.
    pub fn parse(marks: &str) -> Quotes {
        let parts: Vec<&str> = marks.split(' ').filter(|s| !s.is_empty()).collect();
        let [open, close, open2, close2] = parts[..] else {
            return Quotes::parse("“ ” ‘ ’");
        };
        Quotes {
            open: open.into(),
            close: close.into(),
            open2: open2.into(),
            close2: close2.into(),
        }
    }

    /// Whether `marks` is a valid `labels.quotes`: four marks split by spaces.
    pub fn valid(marks: &str) -> bool {
        marks.split(' ').filter(|s| !s.is_empty()).count() == 4
    }
}

/// One text with smart punctuation (see the module's comment).
pub fn smarten(text: &str, q: &Quotes) -> String {
    if !text.contains(['\'', '"', '-', '\\']) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut state = State::default();
    let mut rest = text;
    while !rest.is_empty() {
        // A run of white space, then a word up to the next.
        let space = rest.len() - rest.trim_start().len();
        // An opening mark that carries its own space (French `«\u{202f}`) takes the place of
        // a space the writer typed after it.
        let spaced = |open: &str| open.ends_with(char::is_whitespace) && out.ends_with(open);
        if !(spaced(&q.open) || spaced(&q.open2)) || rest[..space].contains('\n') {
            out.push_str(&rest[..space]);
        }
        rest = &rest[space..];
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let word = &rest[..end];
        rest = &rest[end..];
        // Quotes and brackets around a word are prose even when the word is not.
        let lead = word.len() - word.trim_start_matches(is_wrapper).len();
        let mut core_end = word.trim_end_matches(is_wrapper).len().max(lead);
        // An address not in quotes runs to the word's end: `?q="x"` is part of it. A quote
        // that something before opened closes after it (`"see https://x.org"`).
        let open = state.double_open || state.single_open;
        if !open && !word[..lead].contains(['"', '\'']) && verbatim(&word[lead..core_end]) {
            core_end = word.len();
        }
        let core = &word[lead..core_end];
        if verbatim(core) {
            state.prose(&mut out, &word[..lead], q);
            out.push_str(core);
            state.prose(&mut out, &word[core_end..], q);
        } else {
            state.prose(&mut out, word, q);
        }
    }
    out
}

/// Characters that may wrap a word: quotes, brackets and the stops after it.
fn is_wrapper(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '('
            | ')'
            | '['
            | ']'
            | '{'
            | '}'
            | '<'
            | '>'
            | ','
            | '.'
            | ';'
            | ':'
            | '!'
            | '?'
    )
}

/// Whether a word is not prose: an address, an identifier or a piece of code.
fn verbatim(word: &str) -> bool {
    let lower = word.to_ascii_lowercase();
    let flag = word.starts_with("--") && word[2..].starts_with(|c: char| c.is_ascii_alphanumeric());
    lower.contains("://")
        || lower.starts_with("www.")
        || lower.starts_with("doi:")
        || word.contains('@')
        || is_doi(word)
        || flag
        || word.contains(['_', '`', '#', '=', '|', '&', '$', '~', '^', '*'])
        || word.contains("::")
        || word.contains("->")
        || word.contains("=>")
        || word.contains('/') && word.contains('.')
        || word.contains('\\') && !word.contains(['\'', '"', '-'])
}

/// `10.1234/...` anywhere in the word.
fn is_doi(word: &str) -> bool {
    word.match_indices("10.").any(|(i, _)| {
        let rest = &word[i + 3..];
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        digits >= 4 && rest[digits..].starts_with('/')
    })
}

/// What the marks so far leave open.
#[derive(Default)]
struct State {
    double_open: bool,
    single_open: bool,
}

impl State {
    /// Sets one stretch of prose (no white space inside) after `out`.
    fn prose(&mut self, out: &mut String, text: &str, q: &Quotes) {
        let chars: Vec<char> = text.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            let prev = out.chars().next_back();
            let next = chars.get(i + 1).copied();
            match c {
                '\\' if matches!(next, Some('\'' | '"' | '-')) => {
                    out.push(chars[i + 1]);
                    i += 2;
                    continue;
                }
                '-' => {
                    let run = chars[i..].iter().take_while(|&&d| d == '-').count();
                    match run {
                        2 => out.push('–'),
                        3 => out.push('—'),
                        n => out.extend(std::iter::repeat_n('-', n)),
                    }
                    i += run;
                    continue;
                }
                '"' => self.double(out, prev, next, q),
                '\'' => self.single(out, prev, next, q),
                _ => out.push(c),
            }
            i += 1;
        }
    }

    fn double(&mut self, out: &mut String, prev: Option<char>, next: Option<char>, q: &Quotes) {
        let between_words =
            prev.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric);
        // After a colon or a stop and before a letter (`他说："你好"`, `sagte:"Ja"`): opens.
        let after_stop = prev.is_some_and(is_stop) && next.is_some_and(char::is_alphanumeric);
        let opens = match (opening_side(prev), next.is_none_or(char::is_whitespace)) {
            // Between two letters (Chinese and Japanese write no spaces): it closes what is
            // open, else opens.
            _ if between_words => !self.double_open,
            _ if after_stop => !self.double_open,
            (true, false) => true,
            (false, _) => false,
            // Alone between spaces: it closes what is open, else opens.
            (true, true) => !self.double_open,
        };
        if opens {
            self.double_open = true;
            out.push_str(&q.open);
        } else if prev.is_some_and(|p| p.is_ascii_digit()) && !self.double_open {
            out.push('″'); // inches, seconds: 5′10″
        } else {
            self.double_open = false;
            trim_space_before(out, &q.close);
            out.push_str(&q.close);
        }
    }

    fn single(&mut self, out: &mut String, prev: Option<char>, next: Option<char>, q: &Quotes) {
        let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
        if digit(prev) && digit(next) && !self.single_open {
            out.push('′'); // 5′10″
        } else if word(prev) && word(next) && (prev.is_some_and(wide) || next.is_some_and(wide)) {
            // Between Chinese or Japanese letters: a quote, closing what is open.
            if self.single_open {
                self.single_open = false;
                out.push_str(&q.close2);
            } else {
                self.single_open = true;
                out.push_str(&q.open2);
            }
        } else if word(prev) && word(next) {
            // don't, O'Brien, 1990's
            out.push('’');
        } else if opening_side(prev)
            || prev.is_some_and(is_stop) && next.is_some_and(char::is_alphanumeric)
        {
            if next.is_some_and(|n| n.is_ascii_digit()) {
                out.push('’'); // '90s
            } else if next.is_none_or(char::is_whitespace) && self.single_open {
                self.single_open = false;
                trim_space_before(out, &q.close2);
                out.push_str(&q.close2);
            } else {
                self.single_open = true;
                out.push_str(&q.open2);
            }
        } else if self.single_open {
            self.single_open = false;
            trim_space_before(out, &q.close2);
            out.push_str(&q.close2);
        } else if prev.is_some_and(|p| p.is_ascii_digit()) {
            out.push('′'); // feet, minutes
        } else {
            out.push('’'); // students'
        }
    }
}

/// A colon or stop after which a quote before a letter opens: `:`, `。`, `：`, `，`, `、`.
fn is_stop(c: char) -> bool {
    matches!(
        c,
        ':' | ';' | '。' | '：' | '，' | '、' | '；' | '！' | '？'
    )
}

/// A letter of a script written without spaces: Chinese, Japanese, Korean.
fn wide(c: char) -> bool {
    matches!(c, '\u{2e80}'..='\u{9fff}' | '\u{ac00}'..='\u{d7af}' | '\u{f900}'..='\u{faff}' | '\u{ff00}'..='\u{ffef}')
}

/// Whether a quote after `prev` opens: at the start, after a space, a bracket, a dash or
/// another opening mark.
fn opening_side(prev: Option<char>) -> bool {
    prev.is_none_or(|p| {
        p.is_whitespace()
            || matches!(p, '(' | '[' | '{' | '<' | '–' | '—' | '-' | '/')
            || matches!(p, '“' | '‘' | '„' | '‚' | '«' | '‹' | '「' | '『')
    })
}

/// A closing mark that carries its own space (French `\u{202f}»`) takes the place of a
/// space the writer typed before it.
fn trim_space_before(out: &mut String, close: &str) {
    if close.starts_with(char::is_whitespace) && out.ends_with(' ') {
        out.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn en(s: &str) -> String {
        smarten(s, &Quotes::parse("“ ” ‘ ’"))
    }

    #[test]
    fn english_quotes_apostrophes_and_dashes() {
        assert_eq!(en(r#"the "Best Paper" award"#), "the “Best Paper” award");
        assert_eq!(
            en("don't, O'Brien's and the students' 'work'"),
            "don’t, O’Brien’s and the students’ ‘work’"
        );
        assert_eq!(en("(\"quoted\")."), "(“quoted”).");
        assert_eq!(en("\"'Nested' quotes\""), "“‘Nested’ quotes”");
        assert_eq!(en("in the '90s, 5'10\" tall"), "in the ’90s, 5′10″ tall");
        assert_eq!(en("pages 10--20 --- and more"), "pages 10–20 — and more");
        assert_eq!(en("a - b ---- c"), "a - b ---- c");
    }

    #[test]
    fn other_languages_take_their_marks() {
        let de = Quotes::parse("„ “ ‚ ‘");
        assert_eq!(
            smarten(r#"Er sagte "Hallo" und 'ja'"#, &de),
            "Er sagte „Hallo“ und ‚ja‘"
        );
        let fr = Quotes::parse("«\u{202f} \u{202f}» «\u{202f} \u{202f}»");
        assert_eq!(
            smarten(r#"le "prix" et l'école"#, &fr),
            "le «\u{202f}prix\u{202f}» et l’école"
        );
        // A French writer's own spaces inside the quotes are taken by the narrow ones.
        assert_eq!(
            smarten(r#"le " prix " décerné"#, &fr),
            "le «\u{202f}prix\u{202f}» décerné"
        );
        let zh = Quotes::parse("“ ” ‘ ’");
        assert_eq!(smarten(r#"获"优秀论文"奖"#, &zh), "获“优秀论文”奖");
        assert_eq!(smarten("称'后门'攻击", &zh), "称‘后门’攻击");
        let ja = Quotes::parse("「 」 『 』");
        assert_eq!(smarten(r#""論文""#, &ja), "「論文」");
        // After a colon or a stop, a quote before a letter opens.
        assert_eq!(smarten(r#"他说："你好"。"#, &zh), "他说：“你好”。");
        assert_eq!(
            smarten(r#"彼は言った。"はい"と。"#, &ja),
            "彼は言った。「はい」と。"
        );
        assert_eq!(smarten(r#"Er sagte:"Ja"."#, &de), "Er sagte:„Ja“.");
    }

    #[test]
    fn addresses_code_and_escapes_are_kept() {
        for kept in [
            "see https://example.org/a--b?q=\"x\" now",
            "mail o'brien@example.org",
            "doi 10.1000/x--y'z",
            "doi:10.1000/abc--1",
            "run --verbose or --dry-run",
            "C# and a_b and x->y and f(x)=y",
            "www.a--b.org",
        ] {
            assert_eq!(en(kept), kept);
        }
        assert_eq!(en(r#"("C#")"#), "(“C#”)");
        // A quote opened before an address or code closes after it.
        for (typed, set) in [
            (r#""see https://x.org/a""#, "“see https://x.org/a”"),
            (r#""mail x@y.org" now"#, "“mail x@y.org” now"),
            (r#""use --flag""#, "“use --flag”"),
            (r#""run a_b", then"#, "“run a_b”, then"),
        ] {
            assert_eq!(en(typed), set);
        }
        assert_eq!(
            en(r#"a \"straight\" quote, 1\-\-2 and it\'s"#),
            r#"a "straight" quote, 1--2 and it's"#
        );
        assert_eq!(en(r"C:\path"), r"C:\path");
    }

    proptest! {
        #[test]
        fn text_without_marks_is_unchanged(s in "[^'\"\\\\-]{0,40}") {
            prop_assert_eq!(en(&s), s);
        }

        #[test]
        fn a_url_survives_any_prose_around_it(before in "[a-z '\"-]{0,12}", after in "[a-z '\"-]{0,12}") {
            let url = "https://x.org/a--b'c\"d";
            let out = en(&format!("{before} {url} {after}"));
            prop_assert!(out.contains(url), "{}", out);
        }

        #[test]
        fn no_straight_quote_is_left_in_prose(s in "[a-z '\"()]{0,30}") {
            let out = en(&s);
            prop_assert!(!out.contains(['\'', '"']), "{:?} -> {:?}", s, out);
        }
    }
}
