//! A spec repository is untrusted: its symbolic links are followed only while
//! they stay inside the project, for reads (C115, nothing of the target is
//! printed, sent or built) and for writes (no command writes through them).
#![cfg(unix)]

mod common;

use assert_cmd::Command;
use std::os::unix::fs::symlink;
use std::path::Path;

const SECRET: &str = "root:x:0:0:TOP-SECRET-LINE";

fn specc(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::cargo_bin("specc")
        .unwrap()
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    (out.status.code().unwrap_or(-1), common::output_text(&out))
}

/// Every file under `dir`, concatenated, links not followed.
fn everything_under(dir: &Path) -> String {
    let mut all = String::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let e = e.unwrap();
            let t = e.file_type().unwrap();
            if t.is_dir() {
                stack.push(e.path());
            } else if t.is_file() {
                all.push_str(&String::from_utf8_lossy(&std::fs::read(e.path()).unwrap()));
            }
        }
    }
    all
}

#[test]
fn a_test_file_that_links_outside_is_not_read_printed_or_built() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("passwd");
    std::fs::write(&secret, format!("{SECRET}\n")).unwrap();
    let p = common::init_project("");
    let examples = p.path().join("examples");
    std::fs::remove_file(examples.join("br3v.md")).unwrap();
    symlink(&secret, examples.join("br3v.md")).unwrap();
    let (code, out) = specc(p.path(), &["check"]);
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("error[C115]: `examples/br3v.md` leads outside the project"),
        "{out}"
    );
    assert!(!out.contains("TOP-SECRET"), "{out}");
    for args in [
        &["build", "--target", "evals"][..],
        &["build", "--target", "html"],
        &["lint"],
        &["test"],
    ] {
        let (_, out) = specc(p.path(), args);
        assert!(!out.contains("TOP-SECRET"), "{args:?}: {out}");
    }
    assert!(!everything_under(p.path()).contains("TOP-SECRET"));
    // A link that stays inside is followed as before.
    std::fs::remove_file(examples.join("br3v.md")).unwrap();
    std::fs::copy(examples.join("l4ng.md"), p.path().join("spec/kept.txt")).unwrap();
    std::fs::write(
        p.path().join("spec/kept.txt"),
        std::fs::read_to_string(examples.join("l4ng.md"))
            .unwrap()
            .replace("l4ng", "br3v"),
    )
    .unwrap();
    symlink("../spec/kept.txt", examples.join("br3v.md")).unwrap();
    let (code, out) = specc(p.path(), &["check"]);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn the_examples_folder_linked_outside_is_refused_for_reads_and_writes() {
    let outside = tempfile::tempdir().unwrap();
    let p = common::init_project("");
    let examples = p.path().join("examples");
    for f in std::fs::read_dir(&examples).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, outside.path().join(f.file_name().unwrap())).unwrap();
    }
    std::fs::remove_dir_all(&examples).unwrap();
    symlink(outside.path(), &examples).unwrap();
    let (code, out) = specc(p.path(), &["check"]);
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("error[C115]: `examples` leads outside the project"),
        "{out}"
    );
    let before = std::fs::read_dir(outside.path()).unwrap().count();
    let (code, out) = specc(p.path(), &["new-clause", "answer_helpfully"]);
    assert_ne!(code, 0, "{out}");
    assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), before, "{out}");
}

#[test]
fn no_command_writes_through_a_committed_link_to_elsewhere() {
    let outside = tempfile::tempdir().unwrap();
    let p = common::init_project(
        "\n[models.target]\nprovider = \"openai\"\nmodel = \"m\"\nbase-url = \"http://127.0.0.1:9/v1\"\nretries = 0\n",
    );
    // The build folder, the results folder and the lock file.
    std::fs::create_dir_all(p.path().join("build")).unwrap();
    symlink(outside.path(), p.path().join("build/html")).unwrap();
    symlink(outside.path(), p.path().join(".specc")).unwrap();
    let (code, out) = specc(p.path(), &["build", "--target", "html"]);
    assert_ne!(code, 0, "{out}");
    assert!(out.contains("leads outside"), "{out}");
    let (code, out) = specc(p.path(), &["test"]);
    assert_ne!(code, 0, "{out}");
    assert!(out.contains("leads outside"), "{out}");
    let (_, out) = specc(p.path(), &["lint", "--baseline", "write"]);
    assert!(out.contains("leads outside"), "{out}");
    assert_eq!(
        std::fs::read_dir(outside.path()).unwrap().count(),
        0,
        "something was written outside"
    );
    // A dangling link would create its target: refused too.
    std::fs::remove_file(p.path().join(".specc")).unwrap();
    symlink(outside.path().join("made-by-specc"), p.path().join(".specc")).unwrap();
    let (code, _) = specc(p.path(), &["test"]);
    assert_ne!(code, 0);
    assert!(!outside.path().join("made-by-specc").exists());
    // Named by the user outside the project, a folder is theirs to choose.
    std::fs::remove_file(p.path().join(".specc")).unwrap();
    let site = outside.path().join("site");
    let (code, out) = specc(
        p.path(),
        &["build", "--target", "html", "--out", site.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{out}");
    assert!(site.join("index.html").is_file());
}
