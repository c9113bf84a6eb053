//! What the grader is told about a case besides the case itself: the clause,
//! where it sits, the definitions it uses and the precedents ruled on it.
//! Built once per clause (or section) and shared by all its cases.

use crate::cases::TestCase;
use crate::messages::{ChatMessage, ChatRole};
use crate::selection::Selection;
use crate::verdict::Verdict;
use specc_project::{Package, Workspace};
use specc_syntax::text::squash;
use specc_syntax::{DocumentKind, ProseKind, Ruling};
use std::path::{Path, PathBuf};

/// What the grader is told about a case, prepared before the run.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct GradingInputs {
    pub clause: Option<String>,
    /// Section titles from the top level down to the case's section.
    pub section_chain: Vec<String>,
    pub section_text: String,
    /// (term, definition) of the definitions the clause or section uses.
    pub definitions: Vec<(String, String)>,
    /// (title, `pass` or `fail`, rationale) of the clause's ruled precedents.
    pub precedents: Vec<(String, String, String)>,
    /// The clause's ruled answers: an answer equal to one, to the same
    /// conversation, takes its ruling without asking the grader.
    pub rulings: Vec<RuledAnswer>,
    /// Folder of the file that holds the case, for `json-schema` assertions.
    pub base: PathBuf,
}

/// A precedent's conversation, its judged answer and the ruling on it.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct RuledAnswer {
    pub title: String,
    /// The messages before the judged answer.
    pub conversation: Vec<ChatMessage>,
    pub answer: String,
    pub verdict: Verdict,
    pub rationale: String,
}

impl RuledAnswer {
    /// Whether `answer` to `prompt` is the ruled answer to the ruled
    /// conversation: equal after whitespace is collapsed, system messages
    /// aside (`--with-spec` adds one; the precedent was written without it).
    pub fn settles(&self, prompt: &[ChatMessage], answer: &str) -> bool {
        let turns = |m: &[ChatMessage]| -> Vec<(ChatRole, String)> {
            m.iter()
                .filter(|m| m.role != ChatRole::System)
                .map(|m| (m.role, squash(&m.content)))
                .collect()
        };
        squash(answer) == squash(&self.answer) && turns(prompt) == turns(&self.conversation)
    }
}

/// The grading inputs of `case` in `pkg`.
pub fn grading_inputs(ws: &Workspace, pkg: &Package, case: &TestCase) -> GradingInputs {
    let mut inputs = GradingInputs {
        base: pkg.root.clone(),
        ..Default::default()
    };
    for d in &pkg.documents {
        let src = &ws.sources.file(d.file).text;
        if let Some(cl) = case
            .clause
            .as_ref()
            .and_then(|id| d.clauses.iter().find(|x| &x.id == id))
        {
            inputs.clause = Some(cl.text.clone());
        }
        if let Some(si) = case
            .section
            .as_ref()
            .and_then(|id| d.sections.iter().position(|s| &s.id == id))
        {
            let mut chain: Vec<String> = d.ancestors(si).map(|k| d.sections[k].title.clone()).collect();
            chain.reverse();
            inputs.section_chain = chain;
            inputs.section_text = d
                .prose
                .iter()
                .filter(|p| p.section == Some(si) && !p.structural && p.kind != ProseKind::Heading)
                .map(|p| src[p.span.range()].trim().to_string())
                .collect::<Vec<_>>()
                .join("\n\n");
            if case.clause.is_none() {
                inputs.base = Path::new(&d.path).parent().map(Path::to_path_buf).unwrap_or_default();
            }
        }
        for def in &d.definitions {
            let used = inputs
                .clause
                .iter()
                .chain(std::iter::once(&inputs.section_text))
                .any(|t| t.to_lowercase().contains(&def.term.to_lowercase()));
            if used {
                inputs.definitions.push((def.term.clone(), def.text.clone()));
            }
        }
    }
    if case.clause.is_some() {
        inputs.base = pkg.root.join(pkg.config.spec.examples_dir());
    }
    for p in &pkg.precedents {
        let DocumentKind::Precedents { clause } = &p.kind else {
            continue;
        };
        // A clause's precedents, or a section's for its inline examples.
        let owner = case
            .clause
            .as_ref()
            .or(case.section.as_ref().filter(|_| case.clause.is_none()));
        if Some(clause) != owner {
            continue;
        }
        for prec in &p.precedents {
            let ruling = match prec.ruling {
                Some(Ruling::Pass) => "pass",
                Some(Ruling::Fail) => "fail",
                None => continue,
            };
            inputs.precedents.push((
                prec.title.clone(),
                ruling.to_string(),
                prec.rationale.clone().unwrap_or_default(),
            ));
            let messages: Vec<&specc_syntax::Message> = prec.example.iter().flat_map(|e| e.messages()).collect();
            if let Some((last, before)) = messages.split_last()
                && last.role == specc_syntax::Role::Assistant
            {
                inputs.rulings.push(RuledAnswer {
                    title: prec.title.clone(),
                    conversation: crate::to_messages(before.iter().copied()),
                    answer: last.content.clone(),
                    verdict: if ruling == "pass" { Verdict::Pass } else { Verdict::Fail },
                    rationale: prec.rationale.clone().unwrap_or_default(),
                });
            }
        }
    }
    inputs
}

/// The cases whose answers the spec itself labels, with their grading
/// inputs: every selected case with GOOD, OK or BAD answers, then the
/// clauses' ruled precedents. What `specc calibrate` grades.
pub fn labelled_cases(ws: &Workspace, pkg: &Package, selection: &Selection) -> Vec<(TestCase, GradingInputs)> {
    crate::cases_of(pkg)
        .into_iter()
        .filter(|c| !c.references.is_empty())
        .chain(crate::cases::precedent_cases(pkg))
        .filter(|c| selection.keeps_case(c.scope()))
        .map(|c| {
            let i = grading_inputs(ws, pkg, &c);
            (c, i)
        })
        .collect()
}

/// What a case's result depends on, part by part, for `--changed-since`. A
/// clause's case depends on its clause and where the clause sits (the section
/// chain and authority), not on its neighbours' sentences; a section's inline
/// example is graded against the section's whole text.
pub fn fingerprint(case: &TestCase, inputs: &GradingInputs) -> [(&'static str, String); 5] {
    let context = if case.clause.is_some() {
        format!("{:?}", inputs.section_chain)
    } else {
        format!("{:?}\u{1f}{}", inputs.section_chain, inputs.section_text)
    };
    [
        ("its prompt, answers or expectations changed", case.hash.clone()),
        ("its clause's text changed", inputs.clause.clone().unwrap_or_default()),
        ("its section context changed", context),
        ("its authority changed", case.authority.clone().unwrap_or_default()),
        (
            "its precedents changed",
            serde_json::to_string(&inputs.precedents).unwrap_or_default(),
        ),
    ]
}
