//! Branding without templates: a site's logo, colours and contact details from
//! `pejl.yaml` (`brand:`), and the WCAG contrast check of its colours.
//!
//! Owns reading colours (`#rgb`, `#rrggbb`), their relative luminance and
//! contrast ratio (WCAG 2.x), which colour pairs must reach which ratio, a
//! suggestion that does, and the CSS custom properties the default theme reads.
//! Pure: it must not read files (the logo's presence is checked against the
//! theme's static files by the caller).

use serde::Deserialize;

use crate::base::diagnostic::{Diagnostic, Pos, Words};

/// `brand:` in pejl.yaml.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Brand {
    /// An image in the site's `static/` folder, e.g. `logo.svg`.
    #[serde(default)]
    pub logo: Option<String>,
    /// The logo's text alternative (it is the link to the home page).
    #[serde(default)]
    pub logo_alt: Option<String>,
    #[serde(default)]
    pub colors: Colors,
    #[serde(default)]
    pub contact: Option<Contact>,
    /// Where `logo` is written in pejl.yaml (filled in by `Config::parse`).
    #[serde(skip)]
    pub logo_pos: Pos,
}

/// The site's colours; each unset one keeps the theme's.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Colors {
    /// The header's background, and links.
    #[serde(default)]
    pub primary: Option<String>,
    /// Text on the primary colour (the header) and on `nav`.
    #[serde(default)]
    pub on_primary: Option<String>,
    /// The menu bar under the header. Without it: a darker primary.
    #[serde(default)]
    pub nav: Option<String>,
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub background: Option<String>,
    /// Buttons (with white text), the "today" marker and other highlights.
    #[serde(default)]
    pub accent: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, PartialEq, Hash, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    #[serde(default)]
    pub name: Option<String>,
    /// The unit, e.g. Voksenspecialenheden.
    #[serde(default)]
    pub unit: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    /// The postal address, a line each.
    #[serde(default)]
    pub address: Vec<String>,
}

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rgb` or `#rrggbb`, any case.
    pub fn parse(text: &str) -> Option<Rgb> {
        let hex = text.trim().strip_prefix('#')?;
        if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        let digit = |i: usize, n: usize| u8::from_str_radix(hex.get(i..i + n)?, 16).ok();
        match hex.len() {
            3 => Some(Rgb(digit(0, 1)? * 17, digit(1, 1)? * 17, digit(2, 1)? * 17)),
            6 => Some(Rgb(digit(0, 2)?, digit(2, 2)?, digit(4, 2)?)),
            _ => None,
        }
    }

    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// WCAG 2.x relative luminance.
    pub fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }

    /// Mix towards black (`by` < 0) or white (`by` > 0), `by` in -1..=1.
    fn shade(self, by: f64) -> Rgb {
        let towards = if by < 0.0 { 0.0 } else { 255.0 };
        let mix = |c: u8| {
            let c = f64::from(c);
            (c + (towards - c) * by.abs()).round().clamp(0.0, 255.0) as u8
        };
        Rgb(mix(self.0), mix(self.1), mix(self.2))
    }
}

/// The WCAG contrast ratio of two colours, 1 to 21.
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (a.luminance(), b.luminance());
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

/// The default theme's colours, which unset brand colours keep.
const DEFAULTS: [(&str, &str); 6] = [
    ("primary", "#0b4f71"),
    ("on_primary", "#ffffff"),
    ("nav", "#083a53"),
    ("text", "#1a1a1a"),
    ("background", "#ffffff"),
    ("accent", "#8a3b00"),
];

/// The pairs that must be told apart: foreground, background, minimum ratio,
/// and what they are used for.
const PAIRS: [(&str, &str, f64, &str, &str); 6] = [
    ("text", "background", 4.5, "text", "tekst"),
    ("primary", "background", 4.5, "links", "links"),
    (
        "on_primary",
        "primary",
        4.5,
        "the header's text",
        "teksten i sidehovedet",
    ),
    (
        "on_primary",
        "nav",
        4.5,
        "the menu's text",
        "teksten i menuen",
    ),
    (
        "white",
        "accent",
        4.5,
        "the buttons' white text",
        "knappernes hvide tekst",
    ),
    (
        "accent",
        "background",
        3.0,
        "highlights and markers",
        "markeringer",
    ),
];

impl Colors {
    fn set(&self, name: &str) -> Option<&String> {
        match name {
            "primary" => self.primary.as_ref(),
            "on_primary" => self.on_primary.as_ref(),
            "nav" => self.nav.as_ref(),
            "text" => self.text.as_ref(),
            "background" => self.background.as_ref(),
            "accent" => self.accent.as_ref(),
            _ => None,
        }
    }

    /// The colour in effect: the site's, the nav derived from its primary, or
    /// the theme's default.
    fn effective(&self, name: &str) -> Option<Rgb> {
        if name == "white" {
            return Some(Rgb(255, 255, 255));
        }
        if let Some(text) = self.set(name) {
            return Rgb::parse(text);
        }
        if name == "nav"
            && let Some(primary) = self.primary.as_deref().and_then(Rgb::parse)
        {
            return Some(primary.shade(-0.3));
        }
        DEFAULTS
            .iter()
            .find(|(n, _)| *n == name)
            .and_then(|(_, hex)| Rgb::parse(hex))
    }

    /// The CSS custom properties for the colours the site sets (and the nav
    /// derived from its primary), for `:root { … }`.
    pub fn css(&self) -> String {
        let mut out = String::new();
        for (name, var) in [
            ("primary", "--color-primary"),
            ("on_primary", "--color-primary-text"),
            ("nav", "--color-nav"),
            ("text", "--color-text"),
            ("background", "--color-background"),
            ("accent", "--color-accent"),
        ] {
            let derived = name == "nav" && self.primary.is_some();
            if (self.set(name).is_some() || derived)
                && let Some(c) = self.effective(name)
            {
                out.push_str(&format!("{var}:{};", c.hex()));
            }
        }
        out
    }
}

impl Brand {
    /// Every problem of the brand settings; `at` finds a key's line in pejl.yaml.
    pub fn check(&self, file: &str, at: &dyn Fn(&[&str]) -> Pos) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let c = &self.colors;
        let mut bad = Vec::new();
        for (name, _) in DEFAULTS {
            let Some(text) = c.set(name) else { continue };
            if Rgb::parse(text).is_none() {
                bad.push(name);
                out.push(
                    Diagnostic::error(crate::words!(
                        "`brand.colors.{name}` is \"{text}\", which is not a colour pejl can read",
                        "`brand.colors.{name}` er \"{text}\", som ikke er en farve, pejl kan læse"
                    ))
                    .in_file(file)
                    .at(at(&["brand", "colors", name]))
                    .with_help(crate::words!(
                        "write it as a hex colour in quotes, like `{name}: \"#0b4f71\"`",
                        "skriv den som en hex-farve i anførselstegn, fx `{name}: \"#0b4f71\"`"
                    )),
                );
            }
        }
        for (fg, bg, min, what, what_da) in PAIRS {
            if bad.contains(&fg)
                || bad.contains(&bg)
                || (c.set(fg).is_none() && c.set(bg).is_none())
            {
                continue;
            }
            if fg == "white" && c.set(bg).is_none() {
                continue;
            }
            let (Some(f), Some(b)) = (c.effective(fg), c.effective(bg)) else {
                continue;
            };
            let ratio = contrast(f, b);
            if ratio + 1e-9 >= min {
                continue;
            }
            out.push(self.low_contrast(file, at, (fg, f), (bg, b), ratio, min, (what, what_da)));
        }
        if self.logo.is_some() && self.logo_alt.as_deref().is_none_or(|a| a.trim().is_empty()) {
            out.push(
                Diagnostic::error(Words::new(
                    "`brand.logo` needs `brand.logo_alt`: the logo links to the home page, so it needs a text a screen reader can say",
                    "`brand.logo` kræver `brand.logo_alt`: logoet linker til forsiden, så det skal have en tekst, som en skærmlæser kan læse op",
                ))
                .in_file(file)
                .at(at(&["brand", "logo"]))
                .with_help(Words::new(
                    "add e.g. `logo_alt: \"Kalundborg Kommune – til forsiden\"`",
                    "tilføj fx `logo_alt: \"Kalundborg Kommune – til forsiden\"`",
                )),
            );
        }
        out
    }

    #[allow(clippy::too_many_arguments)]
    fn low_contrast(
        &self,
        file: &str,
        at: &dyn Fn(&[&str]) -> Pos,
        (fg, f): (&str, Rgb),
        (bg, b): (&str, Rgb),
        ratio: f64,
        min: f64,
        (what, what_da): (&str, &str),
    ) -> Diagnostic {
        let c = &self.colors;
        let name = |n: &str| match n {
            "white" => "white (#ffffff)".to_string(),
            n if c.set(n).is_some() => format!(
                "`brand.colors.{n}` ({})",
                c.effective(n).map_or_else(String::new, Rgb::hex)
            ),
            n => format!(
                "the theme's {n} colour ({})",
                c.effective(n).map_or_else(String::new, Rgb::hex)
            ),
        };
        let name_da = |n: &str| match n {
            "white" => "hvid (#ffffff)".to_string(),
            n if c.set(n).is_some() => format!(
                "`brand.colors.{n}` ({})",
                c.effective(n).map_or_else(String::new, Rgb::hex)
            ),
            n => format!(
                "temaets {n}-farve ({})",
                c.effective(n).map_or_else(String::new, Rgb::hex)
            ),
        };
        let (a, b_en, a_da, b_da) = (name(fg), name(bg), name_da(fg), name_da(bg));
        let shown = format!("{ratio:.2}");
        let shown_da = shown.replace('.', ",");
        let min_en = format!("{min:.1}");
        let min_da = min_en.replace('.', ",");
        // Change the colour the site set (the foreground if both are set).
        let (change, keep, other) = if c.set(fg).is_some() && fg != "white" {
            (fg, f, b)
        } else {
            (bg, b, f)
        };
        let mut d = Diagnostic::error(crate::words!(
            "the colours {a} and {b_en} have a contrast of {shown}:1, but {what} must have at least {min_en}:1",
            "farverne {a_da} og {b_da} har en kontrast på {shown_da}:1, men {what_da} skal have mindst {min_da}:1"
        ))
        .in_file(file)
        .at(at(&["brand", "colors", change]));
        if let Some(fixed) = suggestion(keep, other, min) {
            let hex = fixed.hex();
            let ratio = format!("{:.2}", contrast(fixed, other));
            let ratio_da = ratio.replace('.', ",");
            d = d.with_help(crate::words!(
                "a colour close to it that passes: `{change}: \"{hex}\"` ({ratio}:1)",
                "en farve tæt på, der lever op til kravet: `{change}: \"{hex}\"` ({ratio_da}:1)"
            ));
        }
        d.with_help(Words::new(
            "WCAG 2.1 asks for 4.5:1 for text and 3:1 for other things a reader must see",
            "WCAG 2.1 kræver 4,5:1 for tekst og 3:1 for andet, læseren skal kunne se",
        ))
    }
}

/// The nearest shade of `colour` (darker or lighter, whichever gets there
/// first) that reaches `min` against `against`.
fn suggestion(colour: Rgb, against: Rgb, min: f64) -> Option<Rgb> {
    (1..=100)
        .flat_map(|step| {
            let by = f64::from(step) / 100.0;
            [colour.shade(-by), colour.shade(by)]
        })
        .find(|c| contrast(*c, against) >= min + 0.005)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_pos(_: &[&str]) -> Pos {
        Pos::new(1, 1)
    }

    #[test]
    fn contrast_ratios_match_wcag() {
        let white = Rgb(255, 255, 255);
        assert!((contrast(Rgb(0, 0, 0), white) - 21.0).abs() < 1e-9);
        let grey = Rgb::parse("#777777").expect("colour");
        assert!((contrast(grey, white) - 4.48).abs() < 0.01);
        assert_eq!(Rgb::parse("#FFF"), Some(white));
        assert_eq!(Rgb::parse("0b4f71"), None);
        assert_eq!(Rgb::parse("#12345"), None);
        assert_eq!(Rgb::parse("#gggggg"), None);
    }

    #[test]
    fn a_light_text_colour_fails_naming_the_pair_and_the_ratio() {
        let brand = Brand {
            colors: Colors {
                text: Some("#999999".into()),
                ..Colors::default()
            },
            ..Brand::default()
        };
        let problems = brand.check("pejl.yaml", &no_pos);
        assert_eq!(problems.len(), 1, "{problems:?}");
        let en = &problems[0].message.en;
        assert!(en.contains("`brand.colors.text` (#999999)"), "{en}");
        assert!(
            en.contains("the theme's background colour (#ffffff)"),
            "{en}"
        );
        assert!(en.contains("2.85:1"), "{en}");
        // The suggestion passes.
        let help = &problems[0].help[0].en;
        let hex = help.split('"').nth(1).expect("a colour");
        let fixed = Rgb::parse(hex).expect("colour");
        assert!(contrast(fixed, Rgb(255, 255, 255)) >= 4.5, "{help}");
    }

    #[test]
    fn good_colours_pass_and_a_primary_gets_a_darker_menu() {
        let brand = Brand {
            colors: Colors {
                primary: Some("#005a3c".into()),
                ..Colors::default()
            },
            ..Brand::default()
        };
        assert!(brand.check("pejl.yaml", &no_pos).is_empty());
        let css = brand.colors.css();
        assert!(
            css.starts_with("--color-primary:#005a3c;--color-nav:#"),
            "{css}"
        );
    }

    #[test]
    fn a_logo_needs_a_text_alternative() {
        let brand = Brand {
            logo: Some("logo.svg".into()),
            ..Brand::default()
        };
        let problems = brand.check("pejl.yaml", &no_pos);
        assert!(problems[0].message.en.contains("logo_alt"));
    }
}
