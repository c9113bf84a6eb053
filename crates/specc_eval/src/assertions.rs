//! Deterministic assertions (#expectations), checked before any grader call.

use specc_syntax::{AssertionKind, Expectation, ExpectationKind};
use std::path::Path;

/// An assertion the answer does not meet, or could not be checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AssertionFailure {
    pub kind: AssertionKind,
    pub argument: String,
    pub reason: String,
}

/// Checks every deterministic assertion of `expectations` against `answer`.
/// Rubric criteria are for the grader and are skipped here. `base` is the
/// folder of the file that holds the expectations (for `json-schema` paths).
pub fn check_assertions(expectations: &[Expectation], answer: &str, base: &Path) -> Vec<AssertionFailure> {
    let mut out = Vec::new();
    for e in expectations {
        let ExpectationKind::Assertion { kind, argument } = &e.check else {
            continue;
        };
        if let Err(reason) = check_one(*kind, argument, answer, base) {
            out.push(AssertionFailure {
                kind: *kind,
                argument: argument.clone(),
                reason,
            });
        }
    }
    out
}

fn check_one(kind: AssertionKind, arg: &str, answer: &str, base: &Path) -> Result<(), String> {
    let regex = |pattern: &str| regex::Regex::new(pattern).map_err(|e| format!("invalid regex: {e}"));
    match kind {
        AssertionKind::Contains => answer
            .contains(arg)
            .then_some(())
            .ok_or_else(|| format!("does not contain `{arg}`")),
        AssertionKind::NotContains => (!answer.contains(arg))
            .then_some(())
            .ok_or_else(|| format!("contains `{arg}`")),
        AssertionKind::Icontains => answer
            .to_lowercase()
            .contains(&arg.to_lowercase())
            .then_some(())
            .ok_or_else(|| format!("does not contain `{arg}` in any case")),
        AssertionKind::Regex => regex(arg)?
            .is_match(answer)
            .then_some(())
            .ok_or_else(|| format!("does not match /{arg}/")),
        AssertionKind::NotRegex => match regex(arg)?.find(answer) {
            None => Ok(()),
            Some(m) => Err(format!("matches /{arg}/ at `{}`", m.as_str())),
        },
        AssertionKind::StartsWith => answer
            .trim_start()
            .starts_with(arg)
            .then_some(())
            .ok_or_else(|| format!("does not start with `{arg}`")),
        AssertionKind::Equals => (answer.trim() == arg.trim())
            .then_some(())
            .ok_or_else(|| format!("is not exactly `{arg}`")),
        AssertionKind::MaxWords => {
            let max: usize = arg.parse().map_err(|_| format!("`{arg}` is not a number"))?;
            let n = answer.split_whitespace().count();
            (n <= max)
                .then_some(())
                .ok_or_else(|| format!("has {n} words, more than {max}"))
        }
        AssertionKind::MaxChars => {
            let max: usize = arg.parse().map_err(|_| format!("`{arg}` is not a number"))?;
            let n = answer.chars().count();
            (n <= max)
                .then_some(())
                .ok_or_else(|| format!("has {n} characters, more than {max}"))
        }
        AssertionKind::Json => serde_json::from_str::<serde_json::Value>(answer.trim())
            .map(|_| ())
            .map_err(|e| format!("is not JSON: {e}")),
        AssertionKind::JsonSchema => {
            let path = base.join(arg);
            let schema_text =
                std::fs::read_to_string(&path).map_err(|e| format!("cannot read schema `{}`: {e}", path.display()))?;
            let schema: serde_json::Value = serde_json::from_str(&schema_text)
                .map_err(|e| format!("schema `{}` is not JSON: {e}", path.display()))?;
            let value: serde_json::Value =
                serde_json::from_str(answer.trim()).map_err(|e| format!("is not JSON: {e}"))?;
            let validator = jsonschema::validator_for(&schema)
                .map_err(|e| format!("schema `{}` is invalid: {e}", path.display()))?;
            match validator.iter_errors(&value).next() {
                None => Ok(()),
                Some(err) => Err(format!("does not match the schema: {err}")),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use specc_diagnostics::Span;

    fn a(kind: AssertionKind, arg: &str) -> Expectation {
        Expectation {
            span: Span::default(),
            check: ExpectationKind::Assertion {
                kind,
                argument: arg.into(),
            },
        }
    }

    #[test]
    fn each_kind_passes_and_fails() {
        let dir = std::env::temp_dir().join(format!("specc-eval-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("s.json"), r#"{"type":"object","required":["a"]}"#).unwrap();
        let cases = [
            (a(AssertionKind::Contains, "988"), "call 988 now", "call 911"),
            (a(AssertionKind::NotContains, "step"), "I can't help", "step 1"),
            (a(AssertionKind::Icontains, "sorry"), "SORRY, no", "no"),
            (a(AssertionKind::Regex, r"\d{3}"), "call 988", "call"),
            (a(AssertionKind::NotRegex, r"(?i)step \d"), "no steps", "Step 2: mix"),
            (a(AssertionKind::StartsWith, "Yes"), "  Yes, sure", "No"),
            (a(AssertionKind::Equals, "YES"), " YES\n", "YES!"),
            (a(AssertionKind::MaxWords, "3"), "one two three", "one two three four"),
            (a(AssertionKind::MaxChars, "5"), "héllo", "hello!"),
            (a(AssertionKind::Json, ""), r#" {"a": 1} "#, "{a: 1}"),
            (a(AssertionKind::JsonSchema, "s.json"), r#"{"a": 1}"#, r#"{"b": 1}"#),
        ];
        for (e, good, bad) in cases {
            assert!(
                check_assertions(std::slice::from_ref(&e), good, &dir).is_empty(),
                "{e:?} on {good:?}"
            );
            assert_eq!(
                check_assertions(std::slice::from_ref(&e), bad, &dir).len(),
                1,
                "{e:?} on {bad:?}"
            );
        }
        let rubric = Expectation {
            span: Span::default(),
            check: ExpectationKind::Rubric { text: "kind".into() },
        };
        assert!(check_assertions(&[rubric], "anything", &dir).is_empty());
        let missing = a(AssertionKind::JsonSchema, "nope.json");
        assert!(
            check_assertions(&[missing], "{}", &dir)[0]
                .reason
                .contains("cannot read schema")
        );
    }
}
