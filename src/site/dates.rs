//! Every date of the site, read once.
//!
//! `validate` notes the text of every field the schema calls a date
//! (`Entry::dates`); once the site's rules for primo, medio and ultimo are
//! known, [`Dates::of`] reads each distinct text once, and every later stage
//! (timelines, checks, feed, open data, overviews) looks its dates up here
//! instead of reading them again.

use std::collections::HashMap;
use std::sync::Arc;

use crate::base::period::{self, Period, PeriodRules};
use crate::content::model::Entry;

/// The site's dates by their text.
#[derive(Debug, Default)]
pub struct Dates {
    parsed: HashMap<String, Period>,
}

impl Dates {
    /// Read every date text of `entries` with the site's `rules`.
    pub fn of(entries: &[Arc<Entry>], rules: &PeriodRules) -> Dates {
        let mut parsed = HashMap::new();
        for text in entries.iter().flat_map(|e| &e.dates) {
            if !parsed.contains_key(text)
                && let Ok(p) = period::parse_with(text, rules)
            {
                parsed.insert(text.clone(), p);
            }
        }
        Dates { parsed }
    }

    /// The period a date field's text covers; `None` for a text that is not
    /// a date pejl can read (validation has reported it).
    pub fn get(&self, text: &str) -> Option<&Period> {
        self.parsed.get(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_text_is_read_with_the_sites_rules() {
        let rules = PeriodRules {
            primo_days: 5,
            ..PeriodRules::default()
        };
        let mut dates = Dates::default();
        for text in ["primo marts 2025", "2025", "ikke en dato"] {
            if let Ok(p) = period::parse_with(text, &rules) {
                dates.parsed.insert(text.to_string(), p);
            }
        }
        let primo = dates.get("primo marts 2025").expect("read");
        assert_eq!(primo.end.to_string(), "2025-03-05");
        assert!(dates.get("ikke en dato").is_none());
        assert!(dates.get("2026").is_none());
    }
}
