//! Addresses written in `pejl.yaml` and in content: the one check of what the
//! site's address, a link and a document's file may be.
//!
//! Owns which schemes are allowed where (http and https everywhere; `mailto:`,
//! `tel:` and `#` only in footer links; never `javascript:`, `data:`, `file:`
//! or any other), and reads an address the way a browser does before it
//! looks at the scheme: tabs and line breaks anywhere are dropped, spaces and
//! control characters at the ends too, and the scheme's case does not matter,
//! so `" Java\tScript:"` is seen as `javascript:`. Its callers name the
//! setting and its place in the file. Pure: it must not read files.

use crate::base::diagnostic::Words;

/// Where an address is used, which decides what it may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Use {
    /// `base_url`: the site's public address, absolute http(s) with a domain
    /// name and no `?` or `#` (pages' addresses are made by adding to it).
    Base,
    /// A link in every page's footer (`accessibility_statement`): absolute
    /// http(s), or a path from the root of the domain (`/om/`).
    Link,
    /// A footer link (`footer_links`): as [`Use::Link`], and `mailto:`, `tel:`
    /// and `#anchor` too.
    FooterLink,
    /// A document's `file:`: a file name (shown as text; spaces allowed) that
    /// stays in its folder, or an absolute http(s) address.
    File,
}

/// Whether `value` may be used as `how` says; if not, why, in words that follow
/// a colon ("… cannot be used: it starts with `//` instead of `https://`").
pub fn check(value: &str, how: Use) -> Result<(), Words> {
    let seen = as_a_browser_reads(value);
    if seen.is_empty() {
        return Err(Words::new("it is empty", "den er tom"));
    }
    let scheme = scheme_of(&seen);
    match scheme.as_deref() {
        Some(s @ ("javascript" | "vbscript" | "livescript")) => Err(crate::words!(
            "an address starting with `{s}:` runs code in the reader's browser",
            "en adresse, der begynder med `{s}:`, kører kode i læserens browser"
        )),
        Some("data") => Err(Words::new(
            "an address starting with `data:` carries its own content instead of leading to a page",
            "en adresse, der begynder med `data:`, har sit eget indhold med i stedet for at føre til en side",
        )),
        Some("file") => Err(Words::new(
            "an address starting with `file:` points to a file on the reader's own computer",
            "en adresse, der begynder med `file:`, peger på en fil på læserens egen computer",
        )),
        _ if starts_protocol_relative(&seen) => Err(Words::new(
            "it starts with `//` instead of `https://`",
            "den begynder med `//` i stedet for `https://`",
        )),
        _ => {
            let trimmed = value.trim();
            let relative_file = how == Use::File && scheme.is_none();
            invisible(trimmed, !relative_file)?;
            if let Some(s) = scheme.as_deref().filter(|s| s.len() == 1) {
                let drive = s.to_ascii_uppercase();
                return Err(crate::words!(
                    "it is a path on a computer (`{drive}:`), which readers cannot open",
                    "det er en sti på en computer (`{drive}:`), som læserne ikke kan åbne"
                ));
            }
            if trimmed.contains('\\') {
                return Err(Words::new(
                    "it contains a backslash (`\\`); addresses use forward slashes (`/`)",
                    "den indeholder en omvendt skråstreg (`\\`); adresser bruger almindelige skråstreger (`/`)",
                ));
            }
            match scheme.as_deref() {
                Some(s @ ("http" | "https")) => absolute(s, &seen[s.len() + 1..], how),
                Some("mailto" | "tel") if how == Use::FooterLink => Ok(()),
                Some(s) => Err(crate::words!(
                    "an address starting with `{s}:` does not lead to a web page",
                    "en adresse, der begynder med `{s}:`, fører ikke til en webside"
                )),
                None => relative(&seen, how),
            }
        }
    }
}

/// The message about a refused address: `subject` names the setting ("`base_url`"),
/// `why` is what [`check`] said.
pub fn refused(subject: &Words, value: &str, how: Use, why: &Words) -> Words {
    let (en, da) = (&subject.en, subject.da.as_deref().unwrap_or(&subject.en));
    let (why_en, why_da) = (&why.en, why.da.as_deref().unwrap_or(&why.en));
    let value = shown(value);
    let (what, what_da) = match how {
        Use::Base => (
            "which cannot be the site's address",
            "som ikke kan være sitets adresse",
        ),
        Use::Link | Use::FooterLink => ("which pejl cannot link to", "som pejl ikke kan linke til"),
        Use::File => (
            "which cannot be the document's file",
            "som ikke kan være dokumentets fil",
        ),
    };
    crate::words!(
        "{en} is \"{value}\", {what}: {why_en}",
        "{da} er \"{value}\", {what_da}: {why_da}"
    )
}

/// What to write instead, for the setting `key` (`base_url`, `url`, `file`…),
/// with the address corrected when it is plain what was meant.
pub fn help(value: &str, how: Use, key: &str) -> Words {
    let seen = as_a_browser_reads(value);
    if let Some(fixed) = suggestion(&seen, how) {
        return crate::words!("write `{key}: {fixed}`", "skriv `{key}: {fixed}`");
    }
    let code = matches!(
        scheme_of(&seen).as_deref(),
        Some("javascript" | "vbscript" | "livescript" | "data" | "file")
    );
    let spaces = if how != Use::File && !code && value.trim().contains(' ') {
        Words::new(
            "; a space inside an address is written %20",
            "; et mellemrum inde i en adresse skrives %20",
        )
    } else {
        Words::default()
    };
    let (s, s_da) = (&spaces.en, spaces.da.as_deref().unwrap_or(""));
    match how {
        Use::Base => crate::words!(
            "write the whole address, like `{key}: https://strategier.ishoj.dk/`{s}",
            "skriv hele adressen, fx `{key}: https://strategier.ishoj.dk/`{s_da}"
        ),
        Use::Link => crate::words!(
            "write an address starting with https://, like `{key}: https://www.was.digst.dk/ishoj-dk`, or a page of this site starting with /, like `{key}: /om/`{s}",
            "skriv en adresse, der begynder med https://, fx `{key}: https://www.was.digst.dk/ishoj-dk`, eller en side på sitet, der begynder med /, fx `{key}: /om/`{s_da}"
        ),
        Use::FooterLink => crate::words!(
            "write an address starting with https:// (`{key}: https://www.ishoj.dk/`), a page of this site starting with / (`{key}: /om/`) or an e-mail address (`{key}: mailto:post@ishoj.dk`){s}",
            "skriv en adresse, der begynder med https:// (`{key}: https://www.ishoj.dk/`), en side på sitet, der begynder med / (`{key}: /om/`), eller en e-mailadresse (`{key}: mailto:post@ishoj.dk`){s_da}"
        ),
        Use::File => crate::words!(
            "write the file's name, like `{key}: notat.txt` (a file beside the page), its path from the site's root, like `{key}: /filer/notat.pdf` (in content/ or static/), or a whole address starting with https://",
            "skriv filens navn, fx `{key}: notat.txt` (en fil ved siden af siden), dens sti fra sitets rod, fx `{key}: /filer/notat.pdf` (i content/ eller static/), eller en hel adresse, der begynder med https://"
        ),
    }
}

/// The value for a message: invisible characters shown as `\t`, `\u{200b}`…,
/// and a long one cut short.
pub fn shown(value: &str) -> String {
    const MAX: usize = 80;
    let mut out = String::new();
    for (i, c) in value.chars().enumerate() {
        if i == MAX {
            out.push('…');
            break;
        }
        if c.is_control() || is_format(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// The address as a browser reads it: tabs and line breaks removed anywhere,
/// control characters and spaces removed at both ends (WHATWG URL parsing).
fn as_a_browser_reads(value: &str) -> String {
    let kept: String = value
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    kept.trim_matches(|c: char| c <= ' ').to_string()
}

/// The scheme, lower case: letters, digits, `+`, `-` and `.` before a `:`,
/// beginning with a letter, before any `/`, `?` or `#`.
fn scheme_of(seen: &str) -> Option<String> {
    let (head, _) = seen.split_once(':')?;
    let mut chars = head.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then(|| head.to_ascii_lowercase())
}

/// `//host/…`: browsers read `\` as `/`, so `/\host` and `\\host` are the same.
fn starts_protocol_relative(seen: &str) -> bool {
    let mut chars = seen.chars();
    matches!(
        (chars.next(), chars.next()),
        (Some('/' | '\\'), Some('/' | '\\'))
    )
}

/// Zero-width and direction characters: invisible, and never part of an address.
fn is_format(c: char) -> bool {
    matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{feff}')
}

/// Control and invisible characters, and (`spaces`) any space, are refused.
fn invisible(trimmed: &str, spaces: bool) -> Result<(), Words> {
    if trimmed
        .chars()
        .any(|c| c.is_control() || is_format(c) || (spaces && c.is_whitespace()))
    {
        if spaces {
            return Err(Words::new(
                "it contains a space, a line break or another invisible character",
                "den indeholder et mellemrum, et linjeskift eller et andet usynligt tegn",
            ));
        }
        return Err(Words::new(
            "it contains a line break or another invisible character",
            "den indeholder et linjeskift eller et andet usynligt tegn",
        ));
    }
    Ok(())
}

/// `rest` is what follows `http:` or `https:`: `//`, a domain name, an
/// optional port, then the path.
fn absolute(scheme: &str, rest: &str, how: Use) -> Result<(), Words> {
    let Some(after) = rest.strip_prefix("//") else {
        return Err(crate::words!(
            "`{scheme}:` must be followed by `//` and a domain name, like `{scheme}://www.ishoj.dk/`",
            "efter `{scheme}:` skal der stå `//` og et domænenavn, fx `{scheme}://www.ishoj.dk/`"
        ));
    };
    let end = after.find(['/', '?', '#']).unwrap_or(after.len());
    let authority = &after[..end];
    if authority.is_empty() {
        return Err(crate::words!(
            "there is no domain name after `{scheme}://`",
            "der står intet domænenavn efter `{scheme}://`"
        ));
    }
    if authority.contains('@') {
        return Err(Words::new(
            "it has `@` before the domain name, which hides where the link really goes",
            "den har `@` før domænenavnet, og det skjuler, hvor linket i virkeligheden fører hen",
        ));
    }
    let (host, port) = match authority.strip_prefix('[') {
        // An IPv6 address: [::1]:8080.
        Some(v6) => match v6.split_once(']') {
            Some((inside, port)) if inside.chars().all(|c| c.is_ascii_hexdigit() || c == ':') => {
                (None, port)
            }
            _ => (Some(authority), ""),
        },
        None => match authority.find(':') {
            Some(colon) => (Some(&authority[..colon]), &authority[colon..]),
            None => (Some(authority), ""),
        },
    };
    if let Some(host) = host {
        let name_like = !host.is_empty()
            && !host.starts_with(['.', '-'])
            && host
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '.');
        if !name_like {
            return Err(crate::words!(
                "\"{host}\" is not a domain name like www.ishoj.dk",
                "\"{host}\" er ikke et domænenavn som www.ishoj.dk"
            ));
        }
    }
    if !port.is_empty()
        && !port
            .strip_prefix(':')
            .is_some_and(|p| p.chars().all(|c| c.is_ascii_digit()))
    {
        return Err(Words::new(
            "the port after the domain name must be a number, like `:8080`",
            "porten efter domænenavnet skal være et tal, fx `:8080`",
        ));
    }
    if how == Use::Base && after[end..].contains(['?', '#']) {
        return Err(Words::new(
            "the site's address cannot have `?` or `#` in it",
            "sitets adresse kan ikke have `?` eller `#` i sig",
        ));
    }
    Ok(())
}

/// An address without a scheme (`/om/`, `notat.txt`, `#top`).
fn relative(seen: &str, how: Use) -> Result<(), Words> {
    match how {
        Use::Base => Err(Words::new(
            "the site's address must start with https:// (or http://)",
            "sitets adresse skal begynde med https:// (eller http://)",
        )),
        Use::FooterLink if seen.starts_with('#') => Ok(()),
        Use::Link | Use::FooterLink if seen.starts_with('/') => Ok(()),
        Use::Link | Use::FooterLink => Err(Words::new(
            "it does not start with https://, http:// or /, so it would lead somewhere different from each page",
            "den begynder hverken med https://, http:// eller /, så den ville føre et nyt sted hen fra hver side",
        )),
        Use::File => {
            let path = seen.split(['?', '#']).next().unwrap_or(seen);
            if path.split('/').any(|part| part == "..") {
                return Err(Words::new(
                    "it goes up out of its folder with `..`",
                    "den går op ud af sin mappe med `..`",
                ));
            }
            Ok(())
        }
    }
}

/// The address as it was surely meant: `https://` in front of a domain name
/// written without it (`strategier.dk`, `//strategier.dk/`, `www.x.dk/y`).
fn suggestion(seen: &str, how: Use) -> Option<String> {
    if how == Use::File || scheme_of(seen).is_some() || seen.contains(char::is_whitespace) {
        return None;
    }
    let protocol_relative = starts_protocol_relative(seen);
    let bare = seen.trim_start_matches(['/', '\\']);
    let domain = bare.split(['/', '?', '#']).next().unwrap_or("");
    let looks_like_domain = domain.contains('.')
        && domain
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '.')
        && domain
            .rsplit('.')
            .next()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(char::is_alphabetic));
    let meant = protocol_relative
        || (!seen.starts_with('/') && (how == Use::Base || domain.starts_with("www.")));
    if !(looks_like_domain && meant) || bare.contains('\\') {
        return None;
    }
    let mut fixed = format!("https://{bare}");
    if how == Use::Base && !bare.contains('/') {
        fixed.push('/');
    }
    check(&fixed, how).ok().map(|()| fixed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tricky_addresses() {
        use Use::*;
        // (value, uses it is refused for, a word of the reason)
        let refused: &[(&str, &[Use], &str)] = &[
            (
                "JaVaScRiPt:alert(1)",
                &[Base, Link, FooterLink, File],
                "javascript:",
            ),
            (
                " javascript:alert(1)",
                &[Base, Link, FooterLink, File],
                "javascript:",
            ),
            (
                "java\nscript:alert(1)",
                &[Base, Link, FooterLink, File],
                "javascript:",
            ),
            (
                "java\tscript:alert(1)",
                &[Base, Link, FooterLink, File],
                "javascript:",
            ),
            (
                "\u{1}javascript:alert(1)",
                &[Link, FooterLink],
                "javascript:",
            ),
            ("VBScript:msgbox", &[Link, FooterLink], "vbscript:"),
            (
                "data:text/html,<script>x</script>",
                &[Link, FooterLink, File],
                "data:",
            ),
            ("file:///etc/passwd", &[Link, FooterLink, File], "file:"),
            ("//evil.example/", &[Base, Link, FooterLink, File], "`//`"),
            ("/\\evil.example/", &[Link, FooterLink, File], "`//`"),
            ("\\\\evil.example\\x", &[Link, FooterLink, File], "`//`"),
            ("https:evil", &[Base, Link, FooterLink, File], "`//`"),
            ("http://", &[Base, Link, FooterLink, File], "no domain"),
            ("https:///om/", &[Base, Link, FooterLink], "no domain"),
            (
                "https://www.ishoj.dk@evil.example/",
                &[Link, FooterLink],
                "`@`",
            ),
            ("https://evil example/", &[Link, FooterLink], "space"),
            ("https://x.dk/a b", &[Link, FooterLink, File], "space"),
            ("https://x.dk/\u{200b}", &[Link, FooterLink], "invisible"),
            ("https://x.dk\\om", &[Link, FooterLink], "backslash"),
            ("https://x.dk:port/", &[Base, Link], "port"),
            ("https://x.dk/?side=1", &[Base], "`?`"),
            ("ftp://x.dk/", &[Base, Link, FooterLink, File], "`ftp:`"),
            ("mailto:post@ishoj.dk", &[Base, Link, File], "`mailto:`"),
            ("C:\\Users\\notat.pdf", &[Link, File], "`C:`"),
            ("om/", &[Base, Link, FooterLink], "https://"),
            ("/om/", &[Base], "https://"),
            ("../../etc/passwd", &[File], "`..`"),
            ("notat\n2024.txt", &[File], "invisible"),
            ("", &[Base, Link, FooterLink, File], "empty"),
            ("  ", &[Link], "empty"),
        ];
        for (value, uses, word) in refused {
            for how in *uses {
                let why = check(value, *how)
                    .expect_err(&format!("{value:?} should be refused for {how:?}"));
                assert!(why.en.contains(word), "{value:?} {how:?}: {}", why.en);
                assert!(why.da.is_some());
            }
        }
        let accepted: &[(&str, &[Use])] = &[
            ("https://www.ishoj.dk/x", &[Base, Link, FooterLink, File]),
            ("HTTPS://www.ishoj.dk", &[Base, Link, FooterLink, File]),
            ("http://localhost:1313/strategi/", &[Base, Link, FooterLink]),
            ("https://www.ishøj.dk/", &[Base, Link]),
            ("https://[::1]:8080/", &[Base, Link]),
            ("https://x.dk/?q=</a><script>", &[Link, FooterLink]),
            ("/om/", &[Link, FooterLink, File]),
            ("#top", &[FooterLink]),
            ("mailto:post@ishoj.dk", &[FooterLink]),
            ("tel:+4543575757", &[FooterLink]),
            ("notat.txt", &[File]),
            ("Notat om værdighed 2024.pdf", &[File]),
            ("bilag/notat.txt", &[File]),
        ];
        for (value, uses) in accepted {
            for how in *uses {
                assert_eq!(check(value, *how), Ok(()), "{value:?} for {how:?}");
            }
        }
    }

    #[test]
    fn the_help_corrects_what_was_plainly_meant() {
        let fix = |value, how| help(value, how, "k").en;
        assert_eq!(
            fix("strategier.dk", Use::Base),
            "write `k: https://strategier.dk/`"
        );
        assert_eq!(
            fix("//evil.example/x", Use::Link),
            "write `k: https://evil.example/x`"
        );
        assert_eq!(
            fix("www.was.digst.dk/ishoj-dk", Use::Link),
            "write `k: https://www.was.digst.dk/ishoj-dk`"
        );
        // Not plainly a domain name: the general help.
        assert!(fix("om/", Use::Link).contains("/om/"));
        assert!(fix("javascript:alert(1)", Use::FooterLink).contains("mailto:"));
        assert!(fix("https://x.dk/a b", Use::Link).contains("%20"));
        assert!(!fix("javascript:alert( 1)", Use::Link).contains("%20"));
        assert!(!fix("java\tscript:x", Use::Link).contains("%20"));
    }

    #[test]
    fn a_value_is_shown_with_its_invisible_characters() {
        assert_eq!(shown("java\tscript:"), "java\\tscript:");
        assert_eq!(shown("a\u{200b}b"), "a\\u{200b}b");
        assert_eq!(shown(&"x".repeat(100)).chars().count(), 81);
    }
}
