//! The `json` target: the whole intermediate representation (schema
//! `specc.ir/1`), the same value `specc check --dump-ir` prints, with the spec
//! version hash added by `specc build`.

use serde_json::{Value, json};
use specc_project::Workspace;
use specc_syntax::IR_SCHEMA;

/// Every package of the workspace as JSON: documents, test files, precedents, dependencies.
pub fn ir_json(ws: &Workspace) -> Value {
    let packages: Vec<Value> = ws
        .packages
        .iter()
        .map(|p| {
            json!({
                "name": p.name,
                "root": p.root.display().to_string(),
                "documents": p.documents,
                "test_files": p.test_files,
                "precedents": p.precedents,
                "dependencies": p.dependencies.iter().map(|d| json!({"name": d.name, "ceiling": d.ceiling})).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({ "schema": IR_SCHEMA, "packages": packages })
}
