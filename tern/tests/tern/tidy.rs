//! Tidy checks over the repository's own text: every file a doc or a
//! comment cites exists, and nothing points outside the repository (no
//! relative path climbing out of it, no Markdown document it does not
//! have): the project must stand on its own, so what it takes from papers
//! and formats is restated with the source named.

use std::path::{Path, PathBuf};

/// The repository root (this crate is one level below it).
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tern/ has a parent")
        .to_path_buf()
}

/// Top-level folders whose paths docs cite.
const TOP: &[&str] = &[
    "sim/",
    "kernels/",
    "hdl/",
    "host/",
    "bench/",
    "formats/",
    "tern/",
    "cuda-emu/",
    "scripts/",
    ".ci/",
];

/// Text files under `dir` that tern writes (sources, docs, scripts), skipping
/// build output, virtual environments and generated Verilog.
fn text_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        let name = e.file_name().to_string_lossy().into_owned();
        if p.is_dir() {
            if !matches!(
                name.as_str(),
                "target"
                    | ".git"
                    | ".venv"
                    | "out"
                    | "golden"
                    | "corpus"
                    | "results"
                    | "node_modules"
            ) {
                text_files(&p, out);
            }
        } else if [".rs", ".md", ".cu", ".wgsl", ".sh", ".toml", ".h", ".py"]
            .iter()
            .any(|x| name.ends_with(x))
            || p.parent()
                .and_then(Path::file_name)
                .is_some_and(|d| d == "scripts" || d == ".ci")
        {
            out.push(p);
        }
    }
}

/// Path-like words of `text` that start with a top-level folder or name a
/// top-level doc: `host/src/ops/mod.rs`, `NUMERICS.md`.
fn cited_paths(text: &str) -> Vec<String> {
    let is_path_char = |c: char| c.is_ascii_alphanumeric() || "_./-".contains(c);
    let mut out = Vec::new();
    for word in text.split(|c: char| !is_path_char(c)) {
        let word = word.trim_end_matches(['.', '/']);
        let starts_top = TOP.iter().any(|t| word.starts_with(t));
        let top_doc = ["README.md", "ARCHITECTURE.md", "NUMERICS.md"].contains(&word);
        if (starts_top && word.contains('.')) || top_doc {
            out.push(word.to_string());
        }
    }
    out
}

/// Whether `cited` exists relative to the root or to `file`'s folder (docs
/// inside a crate cite `src/...` and `tests/...` from the crate's own view).
fn exists(root: &Path, file: &Path, cited: &str) -> bool {
    let here = file.parent().unwrap_or(root);
    root.join(cited).exists() || here.join(cited).exists()
}

#[test]
fn every_cited_file_exists() {
    let root = root();
    let mut files = Vec::new();
    text_files(&root, &mut files);
    assert!(
        files.len() > 50,
        "found only {} files under {}",
        files.len(),
        root.display()
    );
    let mut missing = Vec::new();
    for f in &files {
        let Ok(text) = std::fs::read_to_string(f) else {
            continue;
        };
        for cited in cited_paths(&text) {
            if !exists(&root, f, &cited) {
                missing.push(format!(
                    "{}: {cited}",
                    f.strip_prefix(&root).unwrap_or(f).display()
                ));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "cited files that do not exist:\n{}",
        missing.join("\n")
    );
}

/// `path` with `.` and `..` resolved lexically (the file need not exist).
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// What `text` (the contents of `file`) cites outside the repository: a
/// relative path that climbs out of `root`, or a Markdown file whose name
/// no Markdown file of the repository has.
fn outside_citations(root: &Path, file: &Path, text: &str, docs: &[String]) -> Vec<String> {
    let is_path_char = |c: char| c.is_ascii_alphanumeric() || "_./-".contains(c);
    let here = file.parent().unwrap_or(root);
    let mut out = Vec::new();
    for word in text.split(|c: char| !is_path_char(c)) {
        let word = word.trim_end_matches('.');
        let climbs_out = word.starts_with("../") && !normalize(&here.join(word)).starts_with(root);
        let unknown_doc = word.len() > ".md".len()
            && word.ends_with(".md")
            && !word.ends_with("/.md")
            && !docs
                .iter()
                .any(|d| Path::new(word).file_name().is_some_and(|n| n == d.as_str()));
        if climbs_out || unknown_doc {
            out.push(word.to_string());
        }
    }
    out
}

#[test]
fn nothing_points_outside_the_repository() {
    let root = root();
    let mut files = Vec::new();
    text_files(&root, &mut files);
    let docs: Vec<String> = files
        .iter()
        .filter(|f| f.extension().is_some_and(|x| x == "md"))
        .filter_map(|f| f.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    let mut found = Vec::new();
    for f in &files {
        let Ok(text) = std::fs::read_to_string(f) else {
            continue;
        };
        for o in outside_citations(&root, f, &text, &docs) {
            found.push(format!(
                "{}: {o}",
                f.strip_prefix(&root).unwrap_or(f).display()
            ));
        }
    }
    assert!(
        found.is_empty(),
        "references outside the repository:\n{}",
        found.join("\n")
    );
}

#[test]
fn a_citation_outside_the_repository_is_seen() {
    // The check above can fail: a path climbing out of the repository and a
    // document the repository does not have are both reported.
    let root = root();
    let file = root.join("README.md");
    let docs = vec!["README.md".to_string()];
    let up = concat!("..", "/elsewhere/notes.txt");
    let missing = concat!("NOPE", ".md");
    let text = format!("see {up}, {missing}, .md and README.md");
    assert_eq!(
        outside_citations(&root, &file, &text, &docs),
        vec![up.to_string(), missing.to_string()]
    );
}

#[test]
fn the_path_finder_sees_paths() {
    // The checks above can fail: cited paths are found where they stand.
    let t = concat!(
        "see `host/src/ops/",
        "mod.rs` and NUMERICS.md, not host/ alone."
    );
    assert_eq!(cited_paths(t), vec!["host/src/ops/mod.rs", "NUMERICS.md"]);
    assert!(!exists(
        &root(),
        &root().join("README.md"),
        concat!("host/src/", "nope.rs")
    ));
}
