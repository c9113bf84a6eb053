//! Authority levels that sections declare are configured ones.

use crate::closest;
use specc_diagnostics::{Code, Diagnostic};
use specc_syntax::{Document, Section};

/// The `authority=` of section `s` (of document `d`) names one of the
/// package's `levels`.
pub(crate) fn known_authority(d: &Document, s: &Section, levels: &[String], diags: &mut Vec<Diagnostic>) {
    if let Some(level) = &s.declared_authority
        && !levels.iter().any(|l| l == level)
    {
        let span = s
            .attributes
            .iter()
            .find(|a| a.key == "authority")
            .map(|a| a.span)
            .unwrap_or(s.span);
        let mut diag = Diagnostic::new(Code::UnknownAuthority, format!("unknown authority level `{level}`"))
            .at(d.file, span)
            .with_label("not a configured level")
            .with_help(format!(
                "levels, highest first: {}; configure others in specc.toml under [spec] authority",
                levels.join(", ")
            ));
        if let Some(best) = closest(level, levels.iter().map(String::as_str)) {
            diag = diag.with_suggestion(format!("authority={best}"));
        }
        diags.push(diag);
    }
}
