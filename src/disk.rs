//! What touches the disk: reading the project (`load`: content and
//! `pejl.yaml`; `theme`: templates, strings and static files) and writing
//! the site (`output`: the staging folder, the lock and the swap).

pub mod history;
pub mod load;
pub mod output;
pub mod theme;
