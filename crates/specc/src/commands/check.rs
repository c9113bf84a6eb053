use crate::cli::Format;
use crate::output::{out, stdout_color, write_line};
use serde_json::json;
use specc_check::{CHECK_SCHEMA, Summary, check};
use specc_diagnostics::{HumanRenderer, Severity, json_object};
use specc_project::Workspace;
use std::io::Write;
use std::path::Path;

pub fn run(path: &Path, format: Format, deny_warnings: bool, dump_ir: bool, no_info: bool) -> anyhow::Result<u8> {
    let ws = Workspace::load(path);
    let result = check(&ws);
    let mut w = out();

    if dump_ir {
        // One definition of the IR dump, shared with `specc build --target json`.
        let ir = specc_build::ir::ir_json(&ws);
        serde_json::to_writer(&mut w, &ir)?;
        writeln!(w)?;
        if result.summary.errors > 0 {
            eprintln!(
                "specc: the IR was printed, but the project has {} errors; run `specc check` to see them",
                result.summary.errors
            );
        }
        return Ok(exit_code(&ws, &result.summary, deny_warnings));
    }

    let shown = result
        .diagnostics
        .iter()
        .filter(|d| !(no_info && d.severity == Severity::Info));
    match format {
        Format::Human => {
            let renderer = HumanRenderer::new(stdout_color());
            for d in shown {
                write_line(&mut w, &renderer.render(d, &ws.sources))?;
                writeln!(w)?;
            }
            write_line(&mut w, &summary_line(&result.summary))?;
        }
        Format::Json => {
            for d in shown {
                serde_json::to_writer(&mut w, &json_object(d, &ws.sources, CHECK_SCHEMA))?;
                writeln!(w)?;
            }
            let mut summary = serde_json::to_value(&result.summary)?;
            if let Some(o) = summary.as_object_mut() {
                o.insert("schema".into(), json!(CHECK_SCHEMA));
                o.insert("type".into(), json!("summary"));
                o.insert("root".into(), json!(path.display().to_string()));
            }
            serde_json::to_writer(&mut w, &summary)?;
            writeln!(w)?;
        }
    }
    w.flush()?;
    Ok(exit_code(&ws, &result.summary, deny_warnings))
}

fn exit_code(ws: &Workspace, s: &Summary, deny_warnings: bool) -> u8 {
    if ws.fatal {
        2
    } else if s.errors > 0 || (deny_warnings && s.warnings > 0) {
        1
    } else {
        0
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `checked 1 document: 81 sections, 116 clauses, ...; 0 errors, 2 warnings`.
pub fn summary_line(s: &Summary) -> String {
    format!(
        "checked {}: {}, {}, {}, {}; {}, {}",
        plural(s.documents, "document", "documents"),
        plural(s.sections, "section", "sections"),
        plural(s.clauses, "clause", "clauses"),
        plural(s.examples, "example", "examples"),
        plural(s.test_prompts, "test prompt", "test prompts"),
        plural(s.errors, "error", "errors"),
        plural(s.warnings, "warning", "warnings"),
    )
}
