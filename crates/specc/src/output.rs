//! Writing to stdout, where a closed pipe (`specc check | head`) ends quietly.

use std::io::Write;

pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Whether styled output would reach a terminal that wants colour.
pub fn stdout_color() -> bool {
    !matches!(
        anstream::AutoStream::choice(&std::io::stdout()),
        anstream::ColorChoice::Never
    )
}

pub fn out() -> anstream::AutoStream<std::io::StdoutLock<'static>> {
    anstream::AutoStream::auto(std::io::stdout().lock())
}

pub fn write_line(w: &mut impl Write, s: &str) -> anyhow::Result<()> {
    w.write_all(s.as_bytes())?;
    w.write_all(b"\n")?;
    Ok(())
}
