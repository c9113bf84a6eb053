//! From an answer to the edits it makes: every file's text before and after,
//! so the command can show a diff, ask, and write. Spans were taken on the
//! text as specc reads it (line ends normalised); a file saved with CRLF or a
//! byte order mark keeps them.

use crate::evidence::RATIONALE;
use crate::{Change, Question};
use std::path::{Path, PathBuf};

/// One file's change.
#[derive(Clone, Debug, PartialEq)]
pub struct FileEdit {
    pub path: PathBuf,
    /// The text now; `None` for a new file.
    pub before: Option<String>,
    pub after: String,
    /// Delete the file (`after` is then empty).
    pub delete: bool,
}

/// Where a project keeps its test files and precedents.
pub struct Folders<'a> {
    pub examples: &'a Path,
    pub precedents: &'a Path,
}

/// The edits that record `choice` (an index into the question's readings)
/// with the author's `text` where the reading asks for some, and one line
/// saying what changed. An error says why nothing can be written (the text
/// moved since the question was asked, an empty answer where one is needed).
pub fn plan(
    q: &Question,
    choice: usize,
    text: Option<&str>,
    folders: &Folders<'_>,
    read: &dyn Fn(&Path) -> Option<String>,
) -> Result<(Vec<FileEdit>, String), String> {
    let reading = q
        .readings
        .get(choice)
        .ok_or_else(|| format!("question {} has no reading {}", q.id, choice + 1))?;
    let text = text.map(str::trim).filter(|t| !t.is_empty());
    if reading.change.needs_text() && text.is_none() {
        return Err("this reading needs an answer: nothing was written".into());
    }
    let answer = text.unwrap_or("");
    let edit_file = |path: &Path, f: &dyn Fn(&str) -> Result<String, String>| -> Result<FileEdit, String> {
        let raw = read(path).ok_or_else(|| format!("cannot read `{}`", path.display()))?;
        let (normal, bom, crlf) = specc_diagnostics::normalize_line_ends(raw.clone());
        let mut after = f(&normal)?;
        if crlf {
            after = after.replace('\n', "\r\n");
        }
        if bom {
            after.insert(0, '\u{feff}');
        }
        Ok(FileEdit {
            path: path.to_path_buf(),
            before: Some(raw),
            after,
            delete: false,
        })
    };
    let moved = |path: &Path| {
        format!(
            "`{}` changed since the question was asked: run `specc clarify` again",
            path.display()
        )
    };
    match &reading.change {
        Change::Amend { file, span, old, with } => {
            let new = with.as_deref().unwrap_or(answer);
            let edit = edit_file(file, &|t| {
                if t.get(span.range()) != Some(old.as_str()) {
                    return Err(moved(file));
                }
                Ok(format!("{}{new}{}", &t[..span.start], &t[span.end..]))
            })?;
            Ok((vec![edit], format!("replaced “{old}” with “{new}”")))
        }
        Change::Insert {
            file,
            at,
            before,
            with,
            after,
        } => {
            let new = format!("{before}{}{after}", with.as_deref().unwrap_or(answer));
            let edit = edit_file(file, &|t| {
                if *at > t.len() || !t.is_char_boundary(*at) {
                    return Err(moved(file));
                }
                Ok(format!("{}{new}{}", &t[..*at], &t[*at..]))
            })?;
            Ok((vec![edit], format!("added “{}”", new.trim())))
        }
        Change::Define { file, term } => {
            let edit = edit_file(file, &|t| Ok(define(t, term, answer)))?;
            Ok((vec![edit], format!("defined **{term}**")))
        }
        Change::Precedent { clause, text: rendered } => {
            let why = if answer.is_empty() {
                "ruled by the spec's author in `specc clarify`"
            } else {
                answer
            };
            let text = rendered.replace(RATIONALE, why);
            let path = folders.precedents.join(format!("{clause}.md"));
            let existing = read(&path);
            let base = existing.clone().unwrap_or_default();
            let after = format!("{base}{}{text}", specc_suite::precedent::separator(&base));
            Ok((
                vec![FileEdit {
                    path: path.clone(),
                    before: existing,
                    after,
                    delete: false,
                }],
                format!("recorded a precedent in {}", path.display()),
            ))
        }
        Change::TestPrompt {
            clause,
            section_title,
            prompt,
        } => {
            let edit = add_test_prompt(
                folders,
                read,
                clause,
                section_title,
                prompt.as_deref().unwrap_or(answer),
            );
            let said = format!("added a test prompt to {}", edit.path.display());
            Ok((vec![edit], said))
        }
        Change::Mark { file, within, clause } => {
            let marker = format!("[^{clause}]");
            let edit = edit_file(file, &|t| {
                let inside = t.get(within.range()).ok_or_else(|| moved(file))?;
                let found: Vec<usize> = inside.match_indices(answer).map(|(i, _)| within.start + i).collect();
                match found[..] {
                    [at] => {
                        let end = crate::evidence::marker_place(t, at);
                        // A sentence that ends with a marker is a clause already.
                        if t[..end].ends_with(']')
                            && let Some(open) = t[..end].rfind("[^")
                            && !t[open..end].contains(char::is_whitespace)
                        {
                            return Err(format!(
                                "that sentence is clause {} already: quote another sentence, or move the prompts there",
                                &t[open..end]
                            ));
                        }
                        Ok(format!("{}{marker}{}", &t[..end], &t[end..]))
                    }
                    [] => Err(format!(
                        "“{answer}” is not in that section as written: quote a few words of the sentence exactly"
                    )),
                    _ => Err(format!(
                        "“{answer}” is in that section {} times: quote more of the sentence",
                        found.len()
                    )),
                }
            })?;
            Ok((vec![edit], format!("marked a sentence {marker}")))
        }
        Change::MarkAndTest {
            file,
            at,
            clause,
            section_title,
        } => {
            let marker = format!("[^{clause}]");
            let mark = edit_file(file, &|t| {
                if *at > t.len() || !t.is_char_boundary(*at) {
                    return Err(moved(file));
                }
                Ok(format!("{}{marker}{}", &t[..*at], &t[*at..]))
            })?;
            let test = add_test_prompt(folders, read, clause, section_title, answer);
            let said = format!(
                "marked the rule {marker} and added its test prompt to {}",
                test.path.display()
            );
            Ok((vec![mark, test], said))
        }
        Change::Retire { file } => {
            let before = read(file).ok_or_else(|| format!("cannot read `{}`", file.display()))?;
            Ok((
                vec![FileEdit {
                    path: file.clone(),
                    before: Some(before),
                    after: String::new(),
                    delete: true,
                }],
                format!("deleted {}", file.display()),
            ))
        }
        Change::MoveTests {
            file,
            section_title,
            known,
        } => {
            let clause = answer.trim_start_matches("[^").trim_end_matches(']').trim();
            if clause.is_empty() || !clause.chars().all(|c| c.is_alphanumeric() || "_-.:".contains(c)) {
                return Err(format!(
                    "“{answer}” is not a clause ID: give the ID alone, as in [^abcd] → abcd"
                ));
            }
            if !known.iter().any(|k| k == clause) {
                return Err(format!(
                    "no rule is marked [^{clause}]: give the ID of a clause in the spec (`specc check --statements` shows the rules)"
                ));
            }
            let before = read(file).ok_or_else(|| format!("cannot read `{}`", file.display()))?;
            // Everything after the header line: the examples.
            let body = before
                .split_once('\n')
                .map_or("", |(_, rest)| rest)
                .trim_start_matches('\n');
            let target = folders.examples.join(format!("{clause}.md"));
            if target == *file {
                return Err(format!("the prompts are already in {}", file.display()));
            }
            let existing = read(&target);
            let base = existing
                .clone()
                .unwrap_or_else(|| format!("Examples for [^{clause}] in {section_title}:\n"));
            let after = format!("{base}{}{body}", separator(&base));
            Ok((
                vec![
                    FileEdit {
                        path: target.clone(),
                        before: existing,
                        after,
                        delete: false,
                    },
                    FileEdit {
                        path: file.clone(),
                        before: Some(before),
                        after: String::new(),
                        delete: true,
                    },
                ],
                format!("moved the prompts of {} to {}", file.display(), target.display()),
            ))
        }
        Change::Remove { file, span, what } => {
            let edit = edit_file(file, &|t| {
                if span.end > t.len() || !t.is_char_boundary(span.start) || !t.is_char_boundary(span.end) {
                    return Err(moved(file));
                }
                let mut end = span.end;
                while t[end..].starts_with('\n') && t[end + 1..].starts_with('\n') {
                    end += 1;
                }
                if t[end..].starts_with('\n') {
                    end += 1;
                }
                Ok(format!("{}{}", &t[..span.start], &t[end..]))
            })?;
            Ok((vec![edit], format!("removed the precedent “{what}”")))
        }
        Change::Note => Ok((Vec::new(), "recorded the decision".into())),
    }
}

/// The blank lines that put a new block after `base`.
fn separator(base: &str) -> &'static str {
    if base.ends_with("\n\n") {
        ""
    } else if base.ends_with('\n') {
        "\n"
    } else {
        "\n\n"
    }
}

/// A prompt that sets up a deployment: "developer: You are … user: Hi, …" (each
/// label at the start of the answer or of a line) is a developer message and a
/// user message; anything else is the user's message.
fn split_deployment(answer: &str) -> (Option<&str>, &str) {
    let Some(rest) = answer
        .get(..10)
        .filter(|head| head.eq_ignore_ascii_case("developer:"))
        .map(|_| &answer[10..])
    else {
        return (None, answer);
    };
    let lower = rest.to_ascii_lowercase();
    match lower.find("\nuser:").or_else(|| lower.find(" user:")) {
        Some(i) => {
            let developer = rest[..i].trim();
            let user = rest[i..].trim_start()[5..].trim();
            (Some(developer).filter(|d| !d.is_empty()), user)
        }
        None => (None, answer),
    }
}

/// `answer` appended as a user message to the test file of `clause` (a new file with its header when none).
fn add_test_prompt(
    folders: &Folders<'_>,
    read: &dyn Fn(&Path) -> Option<String>,
    clause: &str,
    section_title: &str,
    answer: &str,
) -> FileEdit {
    let path = folders.examples.join(format!("{clause}.md"));
    let existing = read(&path);
    let base = existing
        .clone()
        .unwrap_or_else(|| format!("Examples for [^{clause}] in {section_title}:\n"));
    let (developer, user) = split_deployment(answer);
    let title: String = user.split_whitespace().take(6).collect::<Vec<_>>().join(" ");
    let setup = developer
        .map(|d| format!("<developer>\n{d}\n</developer>\n"))
        .unwrap_or_default();
    let example = format!("**Example**: {title}\n\n~~~xml\n{setup}<user>\n{user}\n</user>\n~~~\n");
    FileEdit {
        path,
        before: existing,
        after: format!("{base}{}{example}", separator(&base)),
        delete: false,
    }
}

/// The text with `**term**: definition` added to its definitions section
/// (`{#definitions}`), or a new one at the end.
fn define(text: &str, term: &str, definition: &str) -> String {
    let (doc, _) = specc_syntax::parse(
        specc_diagnostics::FileId(0),
        "spec.md",
        text,
        specc_syntax::DocumentKind::Spec,
    );
    let line = format!("**{term}**: {definition}\n");
    if let Some(sec) = doc.sections.iter().find(|s| s.id == "definitions") {
        let at = sec.extent.end.min(text.len());
        let head = &text[..at];
        let sep = if head.ends_with("\n\n") {
            ""
        } else if head.ends_with('\n') {
            "\n"
        } else {
            "\n\n"
        };
        let tail = &text[at..];
        let trailing = if tail.is_empty() || tail.starts_with('\n') {
            ""
        } else {
            "\n"
        };
        return format!("{head}{sep}{line}{trailing}{tail}");
    }
    let sep = if text.ends_with("\n\n") {
        ""
    } else if text.ends_with('\n') {
        "\n"
    } else {
        "\n\n"
    };
    format!("{text}{sep}## Definitions {{#definitions}}\n\n{line}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_definition_goes_into_the_definitions_section_or_a_new_one() {
        let t = "# S {#s}\n\n## Definitions {#definitions}\n\n**fee**: money.\n\n## Rules {#rules authority=user}\n\nBe kind.\n";
        let out = define(t, "kind", "polite and warm");
        assert!(
            out.contains("**fee**: money.\n\n**kind**: polite and warm\n\n## Rules"),
            "{out}"
        );
        let out = define("# S\n\nBe kind.\n", "kind", "polite");
        assert!(
            out.ends_with("Be kind.\n\n## Definitions {#definitions}\n\n**kind**: polite\n"),
            "{out}"
        );
        let (doc, _) = specc_syntax::parse(
            specc_diagnostics::FileId(0),
            "s.md",
            &out,
            specc_syntax::DocumentKind::Spec,
        );
        assert_eq!(doc.definitions.len(), 1);
        assert_eq!(doc.definitions[0].term, "kind");
    }
}
