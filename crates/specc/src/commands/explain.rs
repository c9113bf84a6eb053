use crate::output::{out, write_line};
use specc_diagnostics::{CODES, lookup};

pub fn run(code: Option<&str>, all: bool) -> anyhow::Result<u8> {
    let mut w = out();
    if all || code.is_none() {
        for c in CODES {
            write_line(
                &mut w,
                &format!("{}  {:<30} {:<8} {}", c.code, c.name, c.severity.as_str(), c.summary),
            )?;
        }
        for r in specc_lint::registry::rules() {
            let c = &r.info;
            let default = if r.default_enabled { "" } else { " (off by default)" };
            write_line(
                &mut w,
                &format!(
                    "{}  {:<30} {:<8} {}{default}",
                    c.code,
                    c.name,
                    c.severity.as_str(),
                    c.summary
                ),
            )?;
        }
        return Ok(0);
    }
    let query = code.unwrap_or_default();
    if let Some(r) = specc_lint::registry::lookup(query) {
        let c = &r.info;
        let default = if r.default_enabled { "on" } else { "off" };
        write_line(
            &mut w,
            &format!(
                "# {} {} ({}, {} by default, category {})\n\n{}.\n\n{}",
                c.code,
                c.name,
                c.severity.as_str(),
                default,
                r.category.name(),
                c.summary,
                specc_lint::rule_doc(r)
            ),
        )?;
        return Ok(0);
    }
    match lookup(query) {
        Some(c) => {
            write_line(
                &mut w,
                &format!(
                    "# {} {} ({} by default)\n\n{}.\n\n{}",
                    c.code,
                    c.name,
                    c.severity.as_str(),
                    c.summary,
                    c.doc
                ),
            )?;
            Ok(0)
        }
        None => {
            eprintln!("error: no diagnostic code `{query}`");
            eprintln!("help: `specc explain --all` lists every code");
            Ok(2)
        }
    }
}
