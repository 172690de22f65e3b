//! When each page was last changed, from the project's Git history.
//!
//! Owns the one `git log` of a build: every commit that touched the content
//! folder, newest first, so the first date seen for a file is its last
//! change. A content folder outside a Git work tree, a missing `git` or
//! any error leaves the map empty: pages then show no date unless their
//! front matter has `updated:`. Nothing here fails a build.

use std::collections::HashMap;
use std::path::Path;
use std::process::{Command, Stdio};

use chrono::NaiveDate;

use crate::disk::load::page_rel;

/// The date each page (by its path in the content folder, ending `.md`)
/// was last changed in a commit.
pub type LastChanged = HashMap<String, NaiveDate>;

/// The history of `content`: read with `git log`, or, when nothing has been
/// committed or checked out since the last reading in this process (a
/// preview rebuilding after a save), the same as then.
pub fn last_changed(content: &Path) -> LastChanged {
    static LAST: std::sync::Mutex<Option<(Stamp, LastChanged)>> = std::sync::Mutex::new(None);
    let stamp = stamp(content);
    if let (Some(now), Ok(last)) = (&stamp, LAST.lock())
        && let Some((then, changed)) = &*last
        && then == now
    {
        return changed.clone();
    }
    let changed = read(content);
    if let (Some(now), Ok(mut last)) = (stamp, LAST.lock()) {
        *last = Some((now, changed.clone()));
    }
    changed
}

/// What tells whether the history may have changed: the content folder,
/// and when the repository's HEAD and its log (one line per commit,
/// checkout, pull or rebase) were last written. `None` when there is no
/// `.git` folder above `content` to look at.
type Stamp = (
    std::path::PathBuf,
    std::time::SystemTime,
    std::time::SystemTime,
);

fn stamp(content: &Path) -> Option<Stamp> {
    let content = content.canonicalize().ok()?;
    let git = content
        .ancestors()
        .map(|a| a.join(".git"))
        .find(|g| g.is_dir())?;
    let when = |p: std::path::PathBuf| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    Some((
        content,
        when(git.join("HEAD"))?,
        when(git.join("logs").join("HEAD"))?,
    ))
}

/// Read the history of `content` once. Runs `git log` with the repository's
/// own settings turned off where they could run programs or change the
/// output (`core.fsmonitor`, pagers, quoted paths, rename detection).
fn read(content: &Path) -> LastChanged {
    let Ok(output) = Command::new("git")
        .arg("-C")
        .arg(content)
        .args([
            "-c",
            "core.fsmonitor=false",
            "-c",
            "core.quotePath=false",
            "-c",
            "log.showSignature=false",
            "--no-pager",
            "log",
            "--no-renames",
            "--no-merges",
            "--format=%x01%cs",
            "--name-only",
            "--relative",
            "-z",
            "--",
            ".",
        ])
        .env("GIT_OPTIONAL_LOCKS", "0")
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
    else {
        return LastChanged::new();
    };
    if !output.status.success() {
        return LastChanged::new();
    }
    parse_log(&String::from_utf8_lossy(&output.stdout))
}

/// Read `git log --format=%x01%cs --name-only -z`: each commit is `\x01`,
/// its date, a newline, then its files, each ending in NUL.
fn parse_log(log: &str) -> LastChanged {
    let mut out = LastChanged::new();
    for commit in log.split('\u{1}').filter(|c| !c.is_empty()) {
        let (date, files) = commit.split_once('\n').unwrap_or((commit, ""));
        let Ok(date) = NaiveDate::parse_from_str(date.trim_end_matches('\0').trim(), "%Y-%m-%d")
        else {
            continue;
        };
        for file in files.split('\0').map(|f| f.trim_start_matches('\n')) {
            if let Some(rel) = page_rel(file) {
                out.entry(rel).or_insert(date);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newest_commit_of_a_file_is_its_last_change() {
        let log = "\u{1}2025-03-02\0\na.md\0Mappe/b.markdown\0\u{1}2024-01-05\0\na.md\0c.png\0";
        let changed = parse_log(log);
        let day = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        assert_eq!(changed.get("a.md").copied(), day("2025-03-02"));
        assert_eq!(changed.get("Mappe/b.md").copied(), day("2025-03-02"));
        assert_eq!(changed.get("c.png"), None, "only pages have dates");
        assert_eq!(changed.len(), 2);
    }

    #[test]
    fn a_new_commit_is_seen_at_once_and_nothing_else_reads_git_again() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let git = |args: &[&str], date: &str| {
            let ok = Command::new("git")
                .args(args)
                .current_dir(root)
                .env("GIT_AUTHOR_NAME", "T")
                .env("GIT_AUTHOR_EMAIL", "t@example.dk")
                .env("GIT_COMMITTER_NAME", "T")
                .env("GIT_COMMITTER_EMAIL", "t@example.dk")
                .env("GIT_AUTHOR_DATE", date)
                .env("GIT_COMMITTER_DATE", date)
                .status()
                .unwrap();
            assert!(ok.success());
        };
        std::fs::create_dir(root.join("content")).unwrap();
        std::fs::write(root.join("content/a.md"), "---\ntitle: A\n---\n").unwrap();
        git(&["init", "-q"], "2024-01-01T12:00:00+00:00");
        git(&["add", "."], "2024-01-01T12:00:00+00:00");
        git(&["commit", "-qm", "a"], "2024-01-01T12:00:00+00:00");
        let content = root.join("content");
        let day = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        assert_eq!(
            last_changed(&content).get("a.md").copied(),
            day("2024-01-01")
        );
        assert_eq!(
            last_changed(&content).get("a.md").copied(),
            day("2024-01-01")
        );
        std::fs::write(root.join("content/a.md"), "---\ntitle: B\n---\n").unwrap();
        // (Written a moment later, so the log's time surely moves.)
        std::thread::sleep(std::time::Duration::from_millis(20));
        git(&["commit", "-qam", "b"], "2025-02-03T12:00:00+00:00");
        assert_eq!(
            last_changed(&content).get("a.md").copied(),
            day("2025-02-03")
        );
    }

    #[test]
    fn a_folder_outside_git_has_no_history() {
        let dir = tempfile::tempdir().unwrap();
        assert!(last_changed(dir.path()).is_empty());
    }
}
