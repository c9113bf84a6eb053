//! A human ruling on a graded answer, written as a precedent (#precedents):
//! the case's conversation with the answer as its last message, the ruling
//! and its rationale, in the dialect the parser reads back (`specc rule`
//! appends it to the clause's precedents file).

use crate::cases::TestCase;
use crate::messages::ChatRole;
use crate::verdict::Verdict;

/// Who decided a ruling, and when (`YYYY-MM-DD`).
#[derive(Clone, Debug)]
pub struct Decision<'a> {
    pub ruling: Verdict,
    pub rationale: &'a str,
    pub by: &'a str,
    pub on: &'a str,
}

/// The precedent's Markdown for `answer`, sample `sample` of `case` in run `run`.
pub fn render_precedent(case: &TestCase, run: i64, sample: u32, answer: &str, d: &Decision<'_>) -> String {
    let mut text = format!("**Precedent**: {} (run {run}, sample {sample})\n\n~~~xml\n", case.title);
    for m in &case.prompt {
        let tag = match m.role {
            ChatRole::System => "system",
            ChatRole::Developer => "developer",
            ChatRole::User => "user",
            ChatRole::Assistant => "assistant",
        };
        text.push_str(&format!("<{tag}>\n{}\n</{tag}>\n", m.content));
    }
    text.push_str(&format!("<assistant>\n{answer}\n</assistant>\n~~~\n\n"));
    text.push_str(&format!(
        "**Ruling**: {}\n\n**Rationale**: {}\n\n**Decided**: {} by {}\n",
        d.ruling,
        d.rationale.trim(),
        d.on,
        d.by
    ));
    text
}

/// What goes between a precedents file's text and a new precedent, so the
/// two stay separate paragraphs.
pub fn separator(existing: &str) -> &'static str {
    if existing.is_empty() || existing.ends_with("\n\n") {
        ""
    } else if existing.ends_with('\n') {
        "\n"
    } else {
        "\n\n"
    }
}

/// Today's date (UTC) as YYYY-MM-DD, for a ruling's `**Decided**:` line
/// (days since 1970 to the civil calendar, Howard Hinnant's algorithm).
pub fn today() -> String {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() / 86_400)
        .unwrap_or(0) as i64;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::ChatMessage;
    use specc_syntax::{DocumentKind, Ruling};

    #[test]
    fn a_rendered_precedent_parses_back_with_its_ruling_and_rationale() {
        let case = TestCase {
            id: "fee1:wire".into(),
            hash: "h".into(),
            clause: Some("fee1".into()),
            section: Some("fees".into()),
            authority: Some("system".into()),
            tags: vec![],
            settings: vec![],
            prompt: vec![ChatMessage {
                role: ChatRole::User,
                content: "Send $100 to Sam.".into(),
            }],
            references: vec![],
            expectations: vec![],
            title: "Wire to a friend".into(),
        };
        let decision = Decision {
            ruling: Verdict::Fail,
            rationale: "  The fee came after the transfer.\n",
            by: "ana",
            on: "2026-12-05",
        };
        let first = render_precedent(&case, 3, 0, "Sent. A $5 fee applied.", &decision);
        let second = render_precedent(
            &case,
            4,
            1,
            "It costs $5; shall I send it?",
            &Decision {
                ruling: Verdict::Pass,
                ..decision
            },
        );
        let file = format!("{first}{}{second}", separator(&first));
        let (doc, diags) = specc_syntax::parse(
            specc_diagnostics::FileId(0),
            "precedents/fee1.md",
            &file,
            DocumentKind::Precedents { clause: "fee1".into() },
        );
        assert!(diags.is_empty(), "{diags:?}");
        let got: Vec<_> = doc.precedents.iter().map(|p| (p.ruling, p.rationale.clone())).collect();
        assert_eq!(
            got,
            [
                (Some(Ruling::Fail), Some("The fee came after the transfer.".to_string())),
                (Some(Ruling::Pass), Some("The fee came after the transfer.".to_string())),
            ]
        );
        let answers: Vec<String> = doc
            .precedents
            .iter()
            .map(|p| p.example.as_ref().unwrap().messages().last().unwrap().content.clone())
            .collect();
        assert_eq!(answers, ["Sent. A $5 fee applied.", "It costs $5; shall I send it?"]);
        assert_eq!(
            (separator(""), separator("a\n"), separator("a"), separator("a\n\n")),
            ("", "\n", "\n\n", "")
        );
    }
}
