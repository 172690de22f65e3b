//! The whole site, after every page is read: linking pages into a site
//! (`link`), everything dated in order (`timeline`), the site's own words
//! (`vocabulary`), how budget lines add up (`money`) and the checks of the
//! whole site (`a11y`, overdue follow-ups, statuses).

pub mod a11y;
pub mod dates;
pub mod link;
pub mod money;
pub mod timeline;
pub mod vocabulary;
