//! How a running `specc test` shows progress on stderr: a bar on a terminal
//! (cases done of total, pass rate so far, requests in flight, tokens and
//! estimated spend), plain periodic lines in logs and CI.

use specc_diagnostics::plural;
use specc_eval::runner::{Progress, report_progress};
use std::sync::Arc;
use std::sync::atomic::Ordering::Relaxed;
use std::time::Duration;
use tokio::sync::watch;

/// Shows `p` until `stop` changes.
pub async fn show(p: Arc<Progress>, total: u64, mut stop: watch::Receiver<bool>) {
    if specc_diagnostics::quiet() {
        let _ = stop.wait_for(|v| *v).await;
        return;
    }
    if std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        bar(p, total, stop).await
    } else {
        report_progress(p, total, Duration::from_secs(2), stop).await
    }
}

async fn bar(p: Arc<Progress>, total: u64, mut stop: watch::Receiver<bool>) {
    let bar = indicatif::ProgressBar::new(total);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{elapsed_precise} {bar:30} {pos}/{len} {msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    loop {
        let (pass, fail) = (p.passed.load(Relaxed), p.failed.load(Relaxed));
        let rate = if pass + fail > 0 {
            format!("{:.0}%", 100.0 * pass as f64 / (pass + fail) as f64)
        } else {
            "-".into()
        };
        bar.set_position(p.done.load(Relaxed));
        bar.set_message(format!(
            "pass {rate} · {} in flight · {} · ${:.4}",
            p.in_flight.load(Relaxed),
            plural(p.tokens.load(Relaxed), "token", "tokens"),
            p.spend()
        ));
        tokio::select! {
            _ = tokio::time::sleep(Duration::from_millis(100)) => {}
            _ = stop.changed() => break,
        }
    }
    bar.finish_and_clear();
}
