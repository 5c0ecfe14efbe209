//! LaTeX as plain text: what the biblatex crate leaves of a field (formatting commands,
//! protective braces, spacing commands, inline math) made into what a reader expects.

use biblatex::{Chunk, Spanned};

/// A field's chunks as plain text: verbatim and normal text alike, math made readable.
pub(super) fn plain(chunks: &[Spanned<Chunk>]) -> String {
    let mut s = String::new();
    for c in chunks {
        match &c.v {
            Chunk::Normal(t) | Chunk::Verbatim(t) => s.push_str(t),
            Chunk::Math(m) => s.push_str(&math(m)),
        }
    }
    clean(&s)
}

/// A field's text as `plain` read it, or, for an address or identifier the .bib parser gave
/// a dash for `--` (it does in every field, and `10.1000/a--b` is not `10.1000/a–b`), as
/// written (`raw`, the field's source).
pub(super) fn as_written(name: &str, raw: Option<&str>, parsed: String) -> String {
    let address = matches!(
        name,
        "doi" | "url" | "eprint" | "file" | "pdf" | "uri" | "urlraw"
    );
    match raw {
        Some(raw) if address && raw.contains("--") => verbatim(raw),
        _ => parsed,
    }
}

/// A verbatim field's text as written in the file: its braces or quotes off, and the escapes
/// an address needs in LaTeX (`\%`, `\_`, `\&`, `\#`, `\~`) read as the characters.
fn verbatim(raw: &str) -> String {
    let raw = raw.trim();
    let raw = raw
        .strip_prefix('{')
        .and_then(|r| r.strip_suffix('}'))
        .or_else(|| raw.strip_prefix('"').and_then(|r| r.strip_suffix('"')))
        .unwrap_or(raw);
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if matches!(chars.peek(), Some('%' | '_' | '&' | '#' | '~' | '$')) => {
                out.extend(chars.next());
            }
            '{' | '}' => {}
            _ if c.is_whitespace() => {}
            _ => out.push(c),
        }
    }
    out
}

/// The text of a `{...}` group whose `{` was just read, up to its matching `}` (read too).
fn group(chars: &mut std::iter::Peekable<std::str::Chars>) -> String {
    let mut depth = 1;
    let mut text = String::new();
    for c in chars.by_ref() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            _ => {}
        }
        text.push(c);
    }
    text
}

/// The letters of a command's name, after its backslash (`\emph{` -> `emph`).
fn command_name(chars: &mut std::iter::Peekable<std::str::Chars>) -> String {
    let mut name = String::new();
    while let Some(&n) = chars.peek().filter(|c| c.is_ascii_alphabetic()) {
        name.push(n);
        chars.next();
    }
    name
}

/// What the biblatex crate leaves of LaTeX, made plain: `\emph{Deep}` -> `Deep`, unknown
/// commands dropped, stray braces removed, `~` a no-break space, white space collapsed.
pub(super) fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                // A command: its name is dropped, its braced argument (if any) kept.
                let name = command_name(&mut chars);
                if name.is_empty() {
                    // Spacing commands (`\,` a thin space), or an escaped character.
                    match chars.next() {
                        Some(',') => {
                            out.push('\u{2009}');
                            if chars.peek() == Some(&' ') {
                                chars.next();
                            }
                        }
                        Some(';' | ':' | ' ') | None => out.push(' '),
                        Some('!' | '/' | '-') => {}
                        Some(other) => out.push(other),
                    }
                    continue;
                }
                let symbol = match name.as_str() {
                    "ldots" => Some("…"),
                    "textdegree" => Some("°"),
                    "textmu" => Some("µ"),
                    "textpm" => Some("±"),
                    "texttimes" => Some("×"),
                    "textperthousand" => Some("‰"),
                    "j" => Some("ȷ"),
                    _ => None,
                };
                if let Some(sym) = symbol {
                    out.push_str(sym);
                }
                if name == "href" && chars.peek() == Some(&'{') {
                    // `\href{address}{text}` prints the text alone.
                    chars.next();
                    group(&mut chars);
                } else if chars.peek() == Some(&' ') && !out.is_empty() {
                    // `\foo bar`: the space ends the command name; keep one.
                    chars.next();
                    out.push(' ');
                }
            }
            '{' | '}' => {}
            '~' => out.push('\u{a0}'),
            // A soft hyphen is where a word may break; followed by a space, it is a word
            // broken across lines in the source (`Öffent\u{ad} lichkeit`): joined again.
            '\u{ad}' => {
                while chars.peek().is_some_and(|c| c.is_whitespace()) {
                    chars.next();
                }
            }
            c if c.is_whitespace() => {
                if !out.ends_with(' ') && !out.is_empty() {
                    out.push(' ');
                }
            }
            // Control characters and bidirectional overrides would corrupt the page (and
            // what follows on the line): they are dropped.
            c if c.is_control()
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}') => {}
            c => out.push(c),
        }
    }
    out.trim().to_string()
}

/// Inline math as plain text: `\ell_p` -> `ℓp`, `\alpha` -> `α`, `O(n^2)` -> `O(n²)`.
fn math(m: &str) -> String {
    const SYMBOLS: &[(&str, &str)] = &[
        ("alpha", "α"),
        ("beta", "β"),
        ("gamma", "γ"),
        ("delta", "δ"),
        ("epsilon", "ε"),
        ("varepsilon", "ε"),
        ("zeta", "ζ"),
        ("eta", "η"),
        ("theta", "θ"),
        ("kappa", "κ"),
        ("lambda", "λ"),
        ("mu", "μ"),
        ("nu", "ν"),
        ("xi", "ξ"),
        ("pi", "π"),
        ("rho", "ρ"),
        ("sigma", "σ"),
        ("tau", "τ"),
        ("phi", "φ"),
        ("varphi", "φ"),
        ("chi", "χ"),
        ("psi", "ψ"),
        ("omega", "ω"),
        ("Gamma", "Γ"),
        ("Delta", "Δ"),
        ("Theta", "Θ"),
        ("Lambda", "Λ"),
        ("Pi", "Π"),
        ("Sigma", "Σ"),
        ("Phi", "Φ"),
        ("Psi", "Ψ"),
        ("Omega", "Ω"),
        ("ell", "ℓ"),
        ("prime", "′"),
        ("infty", "∞"),
        ("times", "×"),
        ("cdot", "·"),
        ("leq", "≤"),
        ("le", "≤"),
        ("geq", "≥"),
        ("ge", "≥"),
        ("neq", "≠"),
        ("pm", "±"),
        ("approx", "≈"),
        ("sim", "∼"),
        ("in", "∈"),
        ("to", "→"),
        ("rightarrow", "→"),
        ("leftarrow", "←"),
        ("partial", "∂"),
        ("nabla", "∇"),
        ("sum", "∑"),
        ("prod", "∏"),
        ("sqrt", "√"),
        ("log", "log"),
        ("exp", "exp"),
    ];
    let symbol = |name: &str| SYMBOLS.iter().find(|(n, _)| *n == name).map(|(_, s)| *s);
    let mut out = String::new();
    let mut chars = m.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let name = command_name(&mut chars);
                if let Some(sym) = symbol(&name) {
                    out.push_str(sym);
                } else if name.is_empty() {
                    if let Some(n) = chars.next() {
                        out.push(n);
                    }
                }
                // Font commands (`\mathcal`, `\mathbf`) are dropped; their argument stays.
            }
            '^' | '_' => {
                // The script's argument: a group, a command or one character.
                let arg = match chars.next() {
                    Some('{') => math(&group(&mut chars)),
                    Some('\\') => {
                        let name = command_name(&mut chars);
                        symbol(&name).map_or(name, str::to_string)
                    }
                    Some(c) => c.to_string(),
                    None => String::new(),
                };
                out.push_str(&script(c == '^', &arg));
            }
            '{' | '}' => {}
            // Math ignores spaces; one is kept between words (`n \log n`), none before a
            // script (`\ell _{0}` is `ℓ₀`).
            c if c.is_whitespace() => {
                while chars.peek().is_some_and(|n| n.is_whitespace()) {
                    chars.next();
                }
                let next = chars.peek().copied();
                if !out.is_empty()
                    && !out.ends_with(' ')
                    && next.is_some_and(|n| !matches!(n, '^' | '_' | '}'))
                {
                    out.push(' ');
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// A superscript (`up`) or subscript in Unicode where every character has a form (`n^2` ->
/// `n²`, `x_{10}` -> `x₁₀`, `2^n` -> `2ⁿ`); otherwise readable as written, braces dropped
/// (`x^{ab}` -> `x^ab`). A one-letter subscript is an index, written inline as plain text
/// does (`\ell_p` -> `ℓp`): the Unicode subscript letters are few and fonts often lack them.
fn script(up: bool, arg: &str) -> String {
    const UP: &[(char, char)] = &[
        ('0', '⁰'),
        ('1', '¹'),
        ('2', '²'),
        ('3', '³'),
        ('4', '⁴'),
        ('5', '⁵'),
        ('6', '⁶'),
        ('7', '⁷'),
        ('8', '⁸'),
        ('9', '⁹'),
        ('+', '⁺'),
        ('-', '⁻'),
        ('−', '⁻'),
        ('=', '⁼'),
        ('(', '⁽'),
        (')', '⁾'),
        ('i', 'ⁱ'),
        ('n', 'ⁿ'),
        ('∗', '*'),
        ('*', '*'),
        ('′', '′'),
    ];
    const DOWN: &[(char, char)] = &[
        ('0', '₀'),
        ('1', '₁'),
        ('2', '₂'),
        ('3', '₃'),
        ('4', '₄'),
        ('5', '₅'),
        ('6', '₆'),
        ('7', '₇'),
        ('8', '₈'),
        ('9', '₉'),
        ('+', '₊'),
        ('-', '₋'),
        ('−', '₋'),
        ('=', '₌'),
        ('(', '₍'),
        (')', '₎'),
    ];
    let table = if up { UP } else { DOWN };
    let form = |c: char| table.iter().find(|(from, _)| *from == c).map(|(_, to)| *to);
    let mut letters = arg.chars();
    match arg.chars().map(form).collect::<Option<String>>() {
        Some(s) => s,
        None if !up
            && letters.next().is_some_and(char::is_alphabetic)
            && letters.next().is_none() =>
        {
            arg.to_string()
        }
        None => format!("{}{arg}", if up { '^' } else { '_' }),
    }
}

/// Markdown's inline marks made plain (RenderCV's fields, al-folio's `award`): `**b**`,
/// `*i*`, `_i_`, `` `c` `` lose their marks, `[text](url)` is its text (the links found are
/// returned with it) and `$math$` is read as in a .bib title.
pub(crate) fn markdown(s: &str) -> (String, Vec<(String, String)>) {
    let mut out = String::with_capacity(s.len());
    let mut links = vec![];
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' && i + 1 < chars.len() && "*_[]()`\\".contains(chars[i + 1]) {
            out.push(chars[i + 1]);
            i += 2;
            continue;
        }
        if c == '$'
            && let Some(end) = chars[i + 1..]
                .iter()
                .position(|&c| c == '$')
                .map(|p| p + i + 1)
            && end > i + 1
        {
            // Inline math, `$\\mathcal{O}(n^2)$`, as the .bib reader reads it.
            let m: String = chars[i + 1..end].iter().collect();
            out.push_str(&math(&m));
            i = end + 1;
            continue;
        }
        if c == '[' {
            // `[text](url)`
            if let Some(close) = chars[i + 1..]
                .iter()
                .position(|&c| c == ']')
                .map(|p| p + i + 1)
                && chars.get(close + 1) == Some(&'(')
                && let Some(end) = chars[close + 2..]
                    .iter()
                    .position(|&c| c == ')')
                    .map(|p| p + close + 2)
            {
                let text: String = chars[i + 1..close].iter().collect();
                let url: String = chars[close + 2..end].iter().collect();
                let text = markdown(&text).0;
                out.push_str(&text);
                links.push((text, url.trim().to_string()));
                i = end + 1;
                continue;
            }
        }
        if c == '*' || c == '`' || (c == '_' && is_mark(&chars, i)) {
            // A mark: a run of `*` next to a word, not a lone star between spaces.
            let run = chars[i..].iter().take_while(|&&x| x == c).count();
            let before = i.checked_sub(1).map(|j| chars[j]);
            let after = chars.get(i + run).copied();
            let opens = after.is_some_and(|a| !a.is_whitespace());
            let closes = before.is_some_and(|b| !b.is_whitespace());
            if opens || closes {
                i += run;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    (out, links)
}

/// Whether the `_` at `i` is Markdown's emphasis, not a `snake_case` word's.
fn is_mark(chars: &[char], i: usize) -> bool {
    let alnum = |j: Option<usize>| {
        j.and_then(|j| chars.get(j))
            .is_some_and(|c| c.is_alphanumeric())
    };
    !(alnum(i.checked_sub(1)) && alnum(Some(i + 1)))
}
