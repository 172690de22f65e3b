//! The date parser, on any text: a period or an error, never a panic; a
//! period read back from its own words is the same period.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pejl::base::period::{self, Lang, PeriodRules};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(p) = period::parse(text) {
        let rules = PeriodRules::default();
        for lang in [Lang::Da, Lang::En] {
            let words = p.canonical(lang, &rules);
            let again = period::parse(&words).unwrap_or_else(|e| panic!("{text:?} → {words:?}: {e:?}"));
            assert_eq!(again.sort_key(), p.sort_key(), "{text:?} → {words:?}");
        }
    }
});
