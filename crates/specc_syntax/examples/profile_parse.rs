//! Parses a file many times, for profilers: `cargo run --release --example profile_parse -- FILE [N]`.

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: profile_parse FILE [ITERATIONS]");
        std::process::exit(2);
    };
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(500);
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
    let per = start.elapsed() / n as u32;
    println!("{per:?} per parse ({sections} sections in total)");
}
