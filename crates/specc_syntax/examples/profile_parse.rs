//! Parses one spec file many times, for profilers:
//! `cargo run --release -p specc_syntax --example profile_parse -- FILE [N]`.

// The allocator the `specc` binary uses.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: profile_parse FILE [ITERATIONS]");
        std::process::exit(2);
    };
    let n: u32 = args.next().and_then(|s| s.parse().ok()).unwrap_or(500);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            std::process::exit(2);
        }
    };
    let start = std::time::Instant::now();
    let mut sections = 0;
    for _ in 0..n {
        let (doc, _) = specc_syntax::parse(
            specc_diagnostics::FileId(0),
            &path,
            &text,
            specc_syntax::DocumentKind::Spec,
        );
        sections += doc.sections.len();
    }
    println!(
        "{:?} per parse ({sections} sections in total)",
        start.elapsed() / n.max(1)
    );
}
