//! The `evals`, `sft` and `dpo` targets: JSON Lines records built from the
//! test cases of `specc_suite::cases_of` (a clause's test prompts, each
//! comparison of an inline example). Shapes, one schema each in
//! `docs/schemas/`:
//!
//! - [`InspectSample`]: Inspect AI's `json_dataset` sample (`input` as chat
//!   messages, `target`, `id`, `metadata`);
//! - [`OpenAiEvalsSample`]: OpenAI Evals' `{input, ideal}` with `id` and `metadata`;
//! - [`SftRecord`]: deliberative-alignment training data, the GOOD answer with a
//!   reasoning text that cites the governing clauses and sections;
//! - [`TrlPair`] and [`OpenAiPreference`]: one GOOD/BAD pair each, in TRL's
//!   `{prompt, chosen, rejected}` and OpenAI preference fine-tuning's
//!   `{input, preferred_output, non_preferred_output}`. Those consumers take
//!   exactly their own keys, so the pairs' provenance is a line-aligned
//!   [`PairProvenance`] file.
//!
//! Roles: a `developer` message becomes `system`, the role Inspect, OpenAI
//! Evals and TRL chat templates all know.

use crate::{Selection, prompt::section_text, spec_hash};
use serde::Serialize;
use specc_project::{Package, Workspace};
use specc_suite::{ChatMessage, ChatRole, TestCase};
use specc_syntax::{Clause, Document, Judgement};
use std::collections::HashMap;

/// A chat message as every consumer here reads it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Message {
    pub role: &'static str,
    pub content: String,
}

fn messages(prompt: &[ChatMessage]) -> Vec<Message> {
    prompt
        .iter()
        .map(|m| Message {
            role: match m.role {
                ChatRole::System | ChatRole::Developer => "system",
                ChatRole::User => "user",
                ChatRole::Assistant => "assistant",
            },
            content: m.content.clone(),
        })
        .collect()
}

fn assistant(content: &str) -> Message {
    Message {
        role: "assistant",
        content: content.to_string(),
    }
}

/// Where a record comes from.
#[derive(Clone, Debug, Serialize)]
pub struct Provenance {
    /// The case ID (`<owner>:<slug>`).
    pub case: String,
    /// The clause whose test file holds the case; `null` for a section's inline example.
    pub clause: Option<String>,
    /// The section the case is graded against.
    pub section: Option<String>,
    pub authority: Option<String>,
    pub tags: Vec<String>,
    pub title: String,
    /// The case's content hash (messages and expectations).
    pub case_hash: String,
    /// [`spec_hash`] of the whole spec.
    pub spec_hash: String,
}

/// What the `target`/`ideal` of an eval sample is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetKind {
    /// The spec's first GOOD answer.
    GoodAnswer,
    /// No GOOD answer: the clause's text is the rubric.
    ClauseText,
    /// No GOOD answer and no clause: the section's normative text is the rubric.
    SectionText,
}

/// Metadata of an eval sample.
#[derive(Clone, Debug, Serialize)]
pub struct EvalMetadata {
    #[serde(flatten)]
    pub provenance: Provenance,
    pub target_kind: TargetKind,
    /// Answers the spec marks BAD, with their reasons, for graders.
    pub bad_answers: Vec<JudgedAnswer>,
}

/// A BAD (or GOOD) answer with the spec's reason.
#[derive(Clone, Debug, Serialize)]
pub struct JudgedAnswer {
    pub content: String,
    pub reason: Option<String>,
    /// The section the answer violates (`[#id]` in its marker).
    pub section: Option<String>,
}

/// One sample of Inspect AI's `json_dataset`.
#[derive(Clone, Debug, Serialize)]
pub struct InspectSample {
    pub id: String,
    pub input: Vec<Message>,
    pub target: String,
    pub metadata: EvalMetadata,
}

/// One sample of OpenAI Evals.
#[derive(Clone, Debug, Serialize)]
pub struct OpenAiEvalsSample {
    pub id: String,
    pub input: Vec<Message>,
    pub ideal: String,
    pub metadata: EvalMetadata,
}

/// One supervised fine-tuning record in the deliberative-alignment style.
#[derive(Clone, Debug, Serialize)]
pub struct SftRecord {
    pub id: String,
    pub clause: Option<String>,
    pub section: Option<String>,
    pub authority: Option<String>,
    pub spec_hash: String,
    /// The prompt and, last, the GOOD answer.
    pub messages: Vec<Message>,
    /// Which spec text governs the answer and why the answer follows it.
    pub reasoning: String,
    pub cited_clauses: Vec<String>,
    pub cited_sections: Vec<String>,
}

/// TRL's conversational preference record.
#[derive(Clone, Debug, Serialize)]
pub struct TrlPair {
    pub prompt: Vec<Message>,
    pub chosen: Vec<Message>,
    pub rejected: Vec<Message>,
}

/// `input` of an OpenAI preference record.
#[derive(Clone, Debug, Serialize)]
pub struct PreferenceInput {
    pub messages: Vec<Message>,
}

/// OpenAI preference fine-tuning (DPO) record.
#[derive(Clone, Debug, Serialize)]
pub struct OpenAiPreference {
    pub input: PreferenceInput,
    pub preferred_output: Vec<Message>,
    pub non_preferred_output: Vec<Message>,
}

/// Line N of the provenance file describes line N of both pair files.
#[derive(Clone, Debug, Serialize)]
pub struct PairProvenance {
    /// 1-based line number in the pair files.
    pub line: usize,
    #[serde(flatten)]
    pub provenance: Provenance,
    pub chosen_reason: Option<String>,
    pub rejected_reason: Option<String>,
    /// The section the rejected answer violates, when its marker names one.
    pub rejected_section: Option<String>,
}

/// The selected cases with what records need to know about their spec.
pub struct Cases<'a> {
    ws: &'a Workspace,
    pkg: &'a Package,
    pub cases: Vec<TestCase>,
    /// Cases left out because they have no message to send.
    pub skipped_empty: Vec<String>,
    spec_hash: String,
    clauses: HashMap<&'a str, (&'a Document, &'a Clause)>,
    sections: HashMap<&'a str, (&'a Document, usize)>,
}

impl<'a> Cases<'a> {
    /// The package's cases that the selection keeps.
    pub fn new(ws: &'a Workspace, pkg: &'a Package, sel: &Selection) -> Cases<'a> {
        let mut clauses = HashMap::new();
        let mut sections = HashMap::new();
        for d in &pkg.documents {
            for c in &d.clauses {
                clauses.entry(c.id.as_str()).or_insert((d, c));
            }
            for (i, s) in d.sections.iter().enumerate() {
                sections.entry(s.id.as_str()).or_insert((d, i));
            }
        }
        let mut skipped_empty = Vec::new();
        let cases = specc_suite::cases_of(pkg)
            .into_iter()
            .filter(|c| sel.keeps(c.section.as_deref(), c.authority.as_deref(), &c.tags))
            .filter(|c| {
                let empty = c.prompt.is_empty();
                if empty {
                    skipped_empty.push(c.id.clone());
                }
                !empty
            })
            .collect();
        Cases {
            ws,
            pkg,
            cases,
            skipped_empty,
            spec_hash: spec_hash(ws, pkg),
            clauses,
            sections,
        }
    }

    fn provenance(&self, c: &TestCase) -> Provenance {
        Provenance {
            case: c.id.clone(),
            clause: c.clause.clone(),
            section: c.section.clone(),
            authority: c.authority.clone(),
            tags: c.tags.clone(),
            title: c.title.clone(),
            case_hash: c.hash.clone(),
            spec_hash: self.spec_hash.clone(),
        }
    }

    fn clause_text(&self, id: &str) -> Option<String> {
        let (_, c) = self.clauses.get(id)?;
        Some(match &c.lead_in {
            Some(lead) => format!("{lead}\n{}", c.text),
            None => c.text.clone(),
        })
    }

    /// The GOOD answer, or the clause text, or the section text.
    fn target(&self, c: &TestCase) -> (String, TargetKind) {
        if let Some(g) = c.references.iter().find(|r| r.judgement == Judgement::Good) {
            return (g.content.clone(), TargetKind::GoodAnswer);
        }
        if let Some(t) = c.clause.as_deref().and_then(|id| self.clause_text(id)) {
            return (t, TargetKind::ClauseText);
        }
        let text = c
            .section
            .as_deref()
            .and_then(|s| self.sections.get(s))
            .map(|(d, i)| section_text(self.ws, self.pkg, d, *i))
            .unwrap_or_default();
        (text, TargetKind::SectionText)
    }

    fn metadata(&self, c: &TestCase, kind: TargetKind) -> EvalMetadata {
        EvalMetadata {
            provenance: self.provenance(c),
            target_kind: kind,
            bad_answers: c
                .references
                .iter()
                .filter(|r| r.judgement == Judgement::Bad)
                .map(|r| JudgedAnswer {
                    content: r.content.clone(),
                    reason: r.reason.clone(),
                    section: r.section.clone(),
                })
                .collect(),
        }
    }

    /// Inspect AI samples, one per case.
    pub fn inspect(&self) -> Vec<InspectSample> {
        self.cases
            .iter()
            .map(|c| {
                let (target, kind) = self.target(c);
                InspectSample {
                    id: c.id.clone(),
                    input: messages(&c.prompt),
                    target,
                    metadata: self.metadata(c, kind),
                }
            })
            .collect()
    }

    /// OpenAI Evals samples, one per case.
    pub fn openai_evals(&self) -> Vec<OpenAiEvalsSample> {
        self.inspect()
            .into_iter()
            .map(|s| OpenAiEvalsSample {
                id: s.id,
                input: s.input,
                ideal: s.target,
                metadata: s.metadata,
            })
            .collect()
    }

    /// SFT records: one per case with a GOOD answer.
    pub fn sft(&self) -> Vec<SftRecord> {
        let mut out = Vec::new();
        for c in &self.cases {
            let Some(good) = c.references.iter().find(|r| r.judgement == Judgement::Good) else {
                continue;
            };
            // The clause a test prompt belongs to, or every clause of the inline example's section.
            let mut cited_clauses: Vec<String> = match (&c.clause, &c.section) {
                (Some(id), _) => vec![id.clone()],
                (None, Some(s)) => match self.sections.get(s.as_str()) {
                    Some((d, i)) => d
                        .clauses
                        .iter()
                        .filter(|cl| cl.section == Some(*i))
                        .map(|cl| cl.id.clone())
                        .collect(),
                    None => Vec::new(),
                },
                (None, None) => Vec::new(),
            };
            cited_clauses.dedup();
            let mut cited_sections: Vec<String> = c.section.iter().cloned().collect();
            if let Some(s) = &good.section
                && !cited_sections.contains(s)
            {
                cited_sections.push(s.clone());
            }
            let mut reasoning = String::new();
            for s in &cited_sections {
                let (title, level) = match self.sections.get(s.as_str()) {
                    Some((d, i)) => (
                        d.sections[*i].title.clone(),
                        d.sections[*i].authority.clone().unwrap_or_else(|| "unranked".into()),
                    ),
                    None => (s.clone(), "unranked".into()),
                };
                reasoning.push_str(&format!(
                    "The governing section is [{s}] \"{title}\" (authority: {level}). "
                ));
            }
            for id in &cited_clauses {
                if let Some(t) = self.clause_text(id) {
                    reasoning.push_str(&format!("Clause [^{id}] says: \"{}\" ", t.trim()));
                }
            }
            match &good.reason {
                Some(r) => reasoning.push_str(&format!("The answer follows it: {r}.")),
                None => reasoning.push_str("The answer follows it."),
            }
            for b in c.references.iter().filter(|r| r.judgement == Judgement::Bad) {
                if let Some(r) = &b.reason {
                    let against = b
                        .section
                        .as_ref()
                        .map(|s| format!(" (against [{s}])"))
                        .unwrap_or_default();
                    reasoning.push_str(&format!(" It avoids what the spec marks BAD{against}: {r}."));
                }
            }
            let mut msgs = messages(&c.prompt);
            msgs.push(assistant(&good.content));
            out.push(SftRecord {
                id: c.id.clone(),
                clause: c.clause.clone(),
                section: c.section.clone(),
                authority: c.authority.clone(),
                spec_hash: self.spec_hash.clone(),
                messages: msgs,
                reasoning: reasoning.trim().to_string(),
                cited_clauses,
                cited_sections,
            });
        }
        out
    }

    /// Preference pairs: every GOOD answer against every BAD answer of a comparison.
    pub fn dpo(&self) -> (Vec<TrlPair>, Vec<OpenAiPreference>, Vec<PairProvenance>) {
        let (mut trl, mut openai, mut prov) = (Vec::new(), Vec::new(), Vec::new());
        for c in &self.cases {
            let prompt = messages(&c.prompt);
            for g in c.references.iter().filter(|r| r.judgement == Judgement::Good) {
                for b in c.references.iter().filter(|r| r.judgement == Judgement::Bad) {
                    trl.push(TrlPair {
                        prompt: prompt.clone(),
                        chosen: vec![assistant(&g.content)],
                        rejected: vec![assistant(&b.content)],
                    });
                    openai.push(OpenAiPreference {
                        input: PreferenceInput {
                            messages: prompt.clone(),
                        },
                        preferred_output: vec![assistant(&g.content)],
                        non_preferred_output: vec![assistant(&b.content)],
                    });
                    prov.push(PairProvenance {
                        line: prov.len() + 1,
                        provenance: self.provenance(c),
                        chosen_reason: g.reason.clone(),
                        rejected_reason: b.reason.clone(),
                        rejected_section: b.section.clone(),
                    });
                }
            }
        }
        (trl, openai, prov)
    }
}

/// Serialises records as JSON Lines.
pub fn jsonl<T: Serialize>(records: &[T]) -> String {
    let mut out = String::new();
    for r in records {
        // Plain data of strings and vectors: serialisation cannot fail.
        out.push_str(&serde_json::to_string(r).unwrap_or_default());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SelectionRequest;
    use std::path::Path;

    const SPEC: &str = "# A {#a authority=user}\n\nBe kind[^k1nd].\n\n**Example**: two answers\n\n~~~xml\n<developer>\nBe brief.\n</developer>\n<user>\nHi\n</user>\n<comparison>\n<assistant> <!-- BAD[#a]: curt -->\nWhat.\n</assistant>\n<assistant> <!-- GOOD: warm -->\nHello!\n</assistant>\n<assistant> <!-- BAD -->\nGo away.\n</assistant>\n</comparison>\n~~~\n";
    const TESTS: &str =
        "Examples for [^k1nd] in A:\n\n**Example**: rude user\n\n~~~xml\n<user>\nYou are useless\n</user>\n~~~\n";

    fn ws() -> Workspace {
        Workspace::from_texts(Path::new("."), &[("spec.md", SPEC), ("examples/k1nd.md", TESTS)])
    }

    #[test]
    fn targets_provenance_and_roles() {
        let ws = ws();
        let cases = Cases::new(&ws, ws.root(), &Selection::all());
        let s = cases.inspect();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].id, "k1nd:rude-user");
        assert_eq!(s[0].metadata.target_kind, TargetKind::ClauseText);
        assert_eq!(s[0].target, "Be kind[^k1nd].");
        assert_eq!(s[0].metadata.provenance.clause.as_deref(), Some("k1nd"));
        assert_eq!(s[1].target, "Hello!");
        assert_eq!(s[1].input[0].role, "system", "developer maps to system");
        assert_eq!(s[1].metadata.bad_answers.len(), 2);
        assert_eq!(s[1].metadata.provenance.spec_hash, spec_hash(&ws, ws.root()));
    }

    #[test]
    fn sft_cites_clauses_and_dpo_pairs_every_good_with_every_bad() {
        let ws = ws();
        let cases = Cases::new(&ws, ws.root(), &Selection::all());
        let sft = cases.sft();
        assert_eq!(sft.len(), 1);
        assert_eq!(sft[0].cited_clauses, ["k1nd"]);
        assert_eq!(sft[0].cited_sections, ["a"]);
        assert!(
            sft[0].reasoning.contains("[^k1nd]") && sft[0].reasoning.contains("warm"),
            "{}",
            sft[0].reasoning
        );
        assert_eq!(sft[0].messages.last().unwrap().content, "Hello!");
        let (trl, openai, prov) = cases.dpo();
        assert_eq!(trl.len(), 2);
        assert_eq!(openai.len(), 2);
        assert_eq!(trl[0].rejected[0].content, "What.");
        assert_eq!(prov[0].rejected_section.as_deref(), Some("a"));
        assert_eq!(prov[1].line, 2);
        let line = jsonl(&trl[..1]);
        let v: serde_json::Value = serde_json::from_str(line.trim()).unwrap();
        let mut keys: Vec<&String> = v.as_object().unwrap().keys().collect();
        keys.sort();
        assert_eq!(keys, ["chosen", "prompt", "rejected"]);
    }

    #[test]
    fn filters_select_cases() {
        let ws = ws();
        let sel = Selection::new(
            ws.root(),
            &SelectionRequest {
                sections: &[],
                authority: &["root".into()],
                tags: &[],
                ..Default::default()
            },
        )
        .unwrap();
        assert!(Cases::new(&ws, ws.root(), &sel).cases.is_empty());
    }
}
