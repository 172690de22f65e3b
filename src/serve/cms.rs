//! The browser editor's saves in the preview: Decap CMS's local-backend
//! protocol (the one `decap-server` speaks), answered by `pejl serve` itself.
//!
//! Owns what the editor may read and write: files inside the content folder
//! (where the media folder is too), never through a link, never by a path
//! that leaves it, and only from this computer (the preview must listen on
//! loopback, the request must come from the preview's own page). A saved page
//! goes straight to disk; the watcher rebuilds the preview as for any save,
//! and the save's answer carries pejl's errors for that file, so the editor
//! shows them where the writer is.

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::Request;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use serde::Deserialize;
use serde_json::{Value, json};

use super::Served;
use crate::base::diagnostic::Lang;

/// The largest request the editor may send (an uploaded image, base64).
const MAX_BODY: usize = 64 * 1024 * 1024;

/// How long a save waits for the preview to rebuild before it answers.
const CHECK_WAIT: Duration = Duration::from_secs(15);

/// The project and its content folder, absolute.
#[derive(Debug, Clone)]
pub struct Folders {
    root: PathBuf,
    content: PathBuf,
}

impl Folders {
    pub fn of(paths: &crate::disk::load::Paths) -> Self {
        Folders {
            root: paths.root.clone(),
            content: paths.content.clone(),
        }
    }

    /// The file `rel` (relative to the project, as Decap names files) if
    /// it is inside the content folder and no part of the way is a link.
    fn inside(&self, rel: &str) -> Result<PathBuf, String> {
        let path = Path::new(rel);
        let plain = !rel.is_empty()
            && !rel.contains(['\\', '\0'])
            && path.components().all(|c| matches!(c, Component::Normal(_)));
        if !plain {
            return Err(format!("refused path: {rel}"));
        }
        let full = self.root.join(path);
        let Ok(below) = full.strip_prefix(&self.content) else {
            return Err(format!("outside the content folder: {rel}"));
        };
        let mut at = self.content.clone();
        for part in below.components() {
            at.push(part);
            if std::fs::symlink_metadata(&at).is_ok_and(|m| m.file_type().is_symlink()) {
                return Err(format!("refused link: {rel}"));
            }
        }
        Ok(full)
    }

    /// `full` as Decap names it: relative to the project, `/`-separated.
    fn name(&self, full: &Path) -> String {
        full.strip_prefix(&self.root)
            .unwrap_or(full)
            .to_string_lossy()
            .replace('\\', "/")
    }
}

#[derive(Deserialize)]
struct Call {
    action: String,
    #[serde(default)]
    params: Value,
}

/// Answer one request of the editor (`POST …/admin/api/v1`).
pub async fn api(shared: Arc<Served>, req: Request) -> Response {
    let lang = shared.lang();
    let Some(folders) = shared.editor.clone() else {
        let why = match lang {
            Lang::Da => {
                "Redigering i browseren virker kun, når pejl serve lytter på denne computer alene (uden --bind)."
            }
            Lang::En => {
                "Editing in the browser only works when pejl serve listens on this computer alone (without --bind)."
            }
        };
        return error(StatusCode::FORBIDDEN, why);
    };
    let json_body = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !json_body || !same_origin(&req) {
        // A page of another site cannot send this request type to the preview.
        return error(
            StatusCode::FORBIDDEN,
            "only the preview's own editor may save",
        );
    }
    let Ok(body) = axum::body::to_bytes(req.into_body(), MAX_BODY).await else {
        return error(StatusCode::PAYLOAD_TOO_LARGE, "request too large");
    };
    let call: Call = match serde_json::from_slice(&body) {
        Ok(c) => c,
        Err(e) => return error(StatusCode::BAD_REQUEST, &e.to_string()),
    };
    if call.action == "persistEntry" {
        return persist_entry(&shared, folders, call.params).await;
    }
    let answer = tokio::task::spawn_blocking(move || act(&folders, &call.action, &call.params))
        .await
        .unwrap_or_else(|e| Err((StatusCode::INTERNAL_SERVER_ERROR, e.to_string())));
    match answer {
        Ok(v) => json_response(StatusCode::OK, &v),
        Err((status, message)) => error(status, &message),
    }
}

/// Without an `Origin` (not a browser's cross-site request) or with the
/// preview's own.
fn same_origin(req: &Request) -> bool {
    let Some(origin) = req.headers().get(header::ORIGIN) else {
        return true;
    };
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok());
    let origin = origin.to_str().ok();
    match (origin, host) {
        (Some(o), Some(h)) => o.strip_prefix("http://") == Some(h),
        _ => false,
    }
}

fn error(status: StatusCode, message: &str) -> Response {
    json_response(status, &json!({ "error": message }))
}

fn json_response(status: StatusCode, value: &Value) -> Response {
    let body = serde_json::to_vec(value).unwrap_or_default();
    (
        status,
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        body,
    )
        .into_response()
}

type Answer = Result<Value, (StatusCode, String)>;

fn refused(message: String) -> (StatusCode, String) {
    (StatusCode::FORBIDDEN, message)
}

fn failed(e: &std::io::Error) -> (StatusCode, String) {
    (StatusCode::INTERNAL_SERVER_ERROR, e.to_string())
}

fn text(params: &Value, key: &str) -> Result<String, (StatusCode, String)> {
    params[key]
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| (StatusCode::UNPROCESSABLE_ENTITY, format!("missing {key}")))
}

/// Every action but saving a page.
fn act(folders: &Folders, action: &str, params: &Value) -> Answer {
    match action {
        "info" => Ok(json!({
            "repo": folders.root.file_name().map(|n| n.to_string_lossy()).unwrap_or_default(),
            "publish_modes": ["simple"],
            "type": "local_fs",
        })),
        "entriesByFolder" => {
            let folder = folders.inside(&text(params, "folder")?).map_err(refused)?;
            let extension = params["extension"].as_str().unwrap_or("");
            let depth = params["depth"].as_u64().unwrap_or(1);
            let files = list(&folder, extension, depth);
            Ok(Value::Array(
                files.iter().map(|f| entry(folders, f)).collect(),
            ))
        }
        "entriesByFiles" => {
            let files = params["files"].as_array().cloned().unwrap_or_default();
            let entries: Result<Vec<Value>, _> = files
                .iter()
                .map(|f| {
                    let path = folders.inside(f["path"].as_str().unwrap_or(""))?;
                    Ok(entry(folders, &path))
                })
                .collect();
            entries.map(Value::Array).map_err(refused)
        }
        "getEntry" => {
            let path = folders.inside(&text(params, "path")?).map_err(refused)?;
            Ok(entry(folders, &path))
        }
        "getMedia" => {
            let folder = folders
                .inside(&text(params, "mediaFolder")?)
                .map_err(refused)?;
            let files = list(&folder, "", 1);
            Ok(Value::Array(
                files
                    .iter()
                    .filter_map(|f| media(folders, f).ok())
                    .collect(),
            ))
        }
        "getMediaFile" => {
            let path = folders.inside(&text(params, "path")?).map_err(refused)?;
            media(folders, &path).map_err(|e| failed(&e))
        }
        "persistMedia" => {
            let path = write_asset(folders, &params["asset"])?;
            media(folders, &path).map_err(|e| failed(&e))
        }
        "deleteFile" => {
            delete(folders, &text(params, "path")?)?;
            Ok(json!({ "message": "deleted" }))
        }
        "deleteFiles" => {
            let paths = params["paths"].as_array().cloned().unwrap_or_default();
            for p in paths.iter().filter_map(Value::as_str) {
                delete(folders, p)?;
            }
            Ok(json!({ "message": "deleted" }))
        }
        "getDeployPreview" => Ok(Value::Null),
        other => Err((
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("Unknown action {other}"),
        )),
    }
}

/// The files below `dir` (to `depth` folders down) whose names end with
/// `extension`, links left out.
fn list(dir: &Path, extension: &str, depth: u64) -> Vec<PathBuf> {
    let depth = usize::try_from(depth).unwrap_or(1).max(1);
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .max_depth(depth)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(walkdir::DirEntry::into_path)
        .filter(|p| p.to_string_lossy().ends_with(extension))
        .collect();
    files.sort();
    files
}

fn entry(folders: &Folders, path: &Path) -> Value {
    let name = folders.name(path);
    match std::fs::read(path) {
        Ok(bytes) => json!({
            "data": String::from_utf8_lossy(&bytes),
            "file": { "path": name, "id": blake3::hash(&bytes).to_hex().to_string() },
        }),
        Err(_) => json!({ "data": null, "file": { "path": name, "id": null } }),
    }
}

fn media(folders: &Folders, path: &Path) -> std::io::Result<Value> {
    let bytes = std::fs::read(path)?;
    Ok(json!({
        "id": blake3::hash(&bytes).to_hex().to_string(),
        "content": base64::engine::general_purpose::STANDARD.encode(&bytes),
        "encoding": "base64",
        "path": folders.name(path),
        "name": path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default(),
    }))
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), (StatusCode, String)> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| failed(&e))?;
    }
    std::fs::write(path, bytes).map_err(|e| failed(&e))
}

fn write_asset(folders: &Folders, asset: &Value) -> Result<PathBuf, (StatusCode, String)> {
    let path = folders.inside(&text(asset, "path")?).map_err(refused)?;
    let content = text(asset, "content")?;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(content.as_bytes())
        .map_err(|e| (StatusCode::UNPROCESSABLE_ENTITY, e.to_string()))?;
    write(&path, &bytes)?;
    Ok(path)
}

fn delete(folders: &Folders, rel: &str) -> Result<(), (StatusCode, String)> {
    let path = folders.inside(rel).map_err(refused)?;
    match std::fs::remove_file(&path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(failed(&e)),
        _ => Ok(()),
    }
}

/// Write a page (and its images), then wait for the preview's rebuild and
/// answer with pejl's errors in the page, if any.
async fn persist_entry(shared: &Arc<Served>, folders: Folders, params: Value) -> Response {
    // Listen before writing, so the rebuild's message is not missed.
    let mut events = shared.events.subscribe();
    let written = tokio::task::spawn_blocking(move || save(&folders, &params))
        .await
        .unwrap_or_else(|e| Err((StatusCode::INTERNAL_SERVER_ERROR, e.to_string())));
    let pages = match written {
        Ok(p) => p,
        Err((status, message)) => return error(status, &message),
    };
    let deadline = tokio::time::Instant::now() + CHECK_WAIT;
    while let Ok(Ok(message)) = tokio::time::timeout_at(deadline, events.recv()).await {
        let Ok(message) = serde_json::from_str::<Value>(&message) else {
            continue;
        };
        if !message["ok"].is_boolean() {
            continue;
        }
        let found = problems(&message, &pages);
        if !found.is_empty() {
            return error(StatusCode::UNPROCESSABLE_ENTITY, &found);
        }
        break;
    }
    json_response(StatusCode::OK, &json!({ "message": "entry persisted" }))
}

/// The errors of the overlay `message` in the files `pages`, as one text.
fn problems(message: &Value, pages: &[String]) -> String {
    let cards = message["overlay"]["errors"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    cards
        .iter()
        .filter(|c| {
            let at = c["location"].as_str().unwrap_or("");
            pages.iter().any(|p| at.starts_with(p.as_str()))
        })
        .map(|c| {
            let mut line = format!(
                "{}: {}",
                c["location"].as_str().unwrap_or(""),
                c["message"].as_str().unwrap_or("")
            );
            for help in c["help"].as_array().into_iter().flatten() {
                line.push_str(" — ");
                line.push_str(help.as_str().unwrap_or(""));
            }
            line
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Write the entry's files and assets; the pages' names, as Decap gave them.
fn save(folders: &Folders, params: &Value) -> Result<Vec<String>, (StatusCode, String)> {
    let files = match params["dataFiles"].as_array() {
        Some(files) => files.clone(),
        None => vec![params["entry"].clone()],
    };
    // Every path is checked before anything is written.
    let mut planned = Vec::new();
    for f in &files {
        let path = folders.inside(&text(f, "path")?).map_err(refused)?;
        let moved = match f["newPath"].as_str() {
            Some(to) => Some(folders.inside(to).map_err(refused)?),
            None => None,
        };
        if path.extension().is_none_or(|e| e != "md")
            || moved
                .as_ref()
                .is_some_and(|m| m.extension().is_none_or(|e| e != "md"))
        {
            return Err(refused(format!("not a page: {}", folders.name(&path))));
        }
        planned.push((path, moved, text(f, "raw")?));
    }
    for asset in params["assets"].as_array().into_iter().flatten() {
        write_asset(folders, asset)?;
    }
    let mut pages = Vec::new();
    for (path, moved, raw) in planned {
        write(&path, raw.as_bytes())?;
        let at = match moved {
            Some(to) => {
                if let Some(parent) = to.parent() {
                    std::fs::create_dir_all(parent).map_err(|e| failed(&e))?;
                }
                std::fs::rename(&path, &to).map_err(|e| failed(&e))?;
                to
            }
            None => path,
        };
        pages.push(folders.name(&at));
    }
    Ok(pages)
}

/// A file of Decap CMS's own (`admin/decap-cms.js` …), which the preview
/// serves from the binary rather than from each build.
pub fn decap_file(path: &str) -> Option<(&'static str, Bytes)> {
    let name = path
        .strip_prefix(crate::render::cms::FOLDER)?
        .strip_prefix('/')?;
    let file = crate::render::cms::DECAP.get_file(name)?;
    let name = file.path().to_str()?;
    crate::render::cms::is_code(file.path()).then(|| (name, Bytes::from_static(file.contents())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_editor_reaches_only_files_inside_the_content_folder_and_never_through_a_link() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let root = tmp.path().canonicalize().expect("root");
        std::fs::create_dir_all(root.join("content/maal")).expect("mkdir");
        std::fs::write(root.join("pejl.yaml"), "title: x\n").expect("write");
        let folders = Folders {
            root: root.clone(),
            content: root.join("content"),
        };
        assert!(folders.inside("content/maal/ny.md").is_ok());
        assert!(folders.inside("content/filer/kort.png").is_ok());
        for refused in [
            "pejl.yaml",
            "content/../pejl.yaml",
            "/etc/passwd",
            "content\\x.md",
            "",
        ] {
            assert!(folders.inside(refused).is_err(), "{refused}");
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&root, root.join("content/ud")).expect("link");
            assert!(folders.inside("content/ud/pejl.yaml").is_err());
            assert!(folders.inside("content/ud").is_err());
        }
    }

    #[test]
    fn a_save_hears_only_the_errors_of_the_files_it_wrote() {
        let message = json!({
            "ok": false,
            "overlay": { "errors": [
                { "location": "content/maal/a.md:3:7", "message": "datoen kan ikke læses", "help": ["skriv fx 1. kvartal 2026"] },
                { "location": "content/maal/b.md:1:1", "message": "andet", "help": [] },
            ] },
        });
        let said = problems(&message, &["content/maal/a.md".to_string()]);
        assert_eq!(
            said,
            "content/maal/a.md:3:7: datoen kan ikke læses — skriv fx 1. kvartal 2026"
        );
        assert_eq!(problems(&message, &["content/maal/c.md".to_string()]), "");
    }
}
