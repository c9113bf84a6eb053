//! Where one analysis of the server's goes, phase by phase, on a project
//! folder: loading (every file parsed), `specc check`, `specc lint`, and the
//! diagnostics converted for the protocol. Five rounds.
//!
//!     cargo run --release -p specc_lsp --example phases -- ../shared/corpus/openai-model-spec/2025-12-18

fn main() {
    let Some(root) = std::env::args().nth(1).map(std::path::PathBuf::from) else {
        eprintln!("usage: phases PROJECT_FOLDER");
        std::process::exit(2);
    };
    let overlay = specc_project::Overlay::new(specc_project::Disk);
    for _ in 0..5 {
        let t = std::time::Instant::now();
        let ws = specc_project::Workspace::load_from(&overlay, &root, false);
        let t1 = t.elapsed();
        let c = specc_check::check(&ws);
        let t2 = t.elapsed();
        let Some(pkg) = ws.packages.first() else { return };
        let opts = specc_lint::LintOptions::from_config(&pkg.config.lint);
        let l = specc_lint::lint(&ws, &opts);
        let t3 = t.elapsed();
        let a = specc_lsp::Analysis {
            root: root.clone(),
            ws,
            diagnostics: c.diagnostics,
        };
        let _ = a.by_file();
        let t4 = t.elapsed();
        println!(
            "load {:?} check {:?} lint {:?} by_file {:?} ({} lint)",
            t1,
            t2 - t1,
            t3 - t2,
            t4 - t3,
            l.diagnostics.len()
        );
    }
}
