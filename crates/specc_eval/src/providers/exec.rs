//! The `exec` provider: any command, the conversation as JSON on stdin, the
//! answer on stdout.

use super::{CallError, Request, Response, retryable, too_large};
use serde_json::json;
use std::time::Duration;

/// Any command: the conversation goes in as JSON on stdin
/// (`{"messages": [{"role", "content"}], "temperature", "max_tokens"}`), the
/// answer comes back on stdout. For testing a whole application.
pub struct Exec {
    pub command: Vec<String>,
    pub timeout: Duration,
}

impl Exec {
    pub async fn call(&self, req: &Request) -> Result<Response, CallError> {
        use tokio::io::AsyncWriteExt;
        let Some((program, args)) = self.command.split_first() else {
            return Err(CallError::Fatal("the exec provider has an empty command".into()));
        };
        let input = json!({ "messages": req.messages, "temperature": req.temperature, "max_tokens": req.max_tokens });
        let mut child = tokio::process::Command::new(program)
            .args(args)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .map_err(|e| CallError::Fatal(format!("cannot start `{program}`: {e}")))?;
        let bytes = input.to_string().into_bytes();
        let cap = req.response_cap();
        // The whole exchange is under the timeout: writing the prompt too, which
        // blocks once the pipe is full if the command does not read it. Dropping
        // the child on timeout kills it.
        let exchange = async move {
            let (stdin, stdout, stderr) = (child.stdin.take(), child.stdout.take(), child.stderr.take());
            let write = async move {
                if let Some(mut stdin) = stdin {
                    // A command that exits without reading its input is its own business.
                    let _ = stdin.write_all(&bytes).await;
                }
            };
            let (_, out, err) = tokio::join!(write, read_capped(stdout, cap), read_capped(stderr, 64 * 1024));
            let status = child.wait().await?;
            Ok::<_, std::io::Error>((status, out?, err?))
        };
        let (status, stdout, stderr) = match tokio::time::timeout(self.timeout, exchange).await {
            Err(_) => return Err(retryable(format!("`{program}` timed out after {:?}", self.timeout))),
            Ok(Err(e)) => return Err(CallError::Fatal(format!("`{program}` failed: {e}"))),
            Ok(Ok(o)) => o,
        };
        let (Some(stdout), Some(stderr)) = (stdout, stderr) else {
            return Err(too_large(cap));
        };
        let out = std::process::Output { status, stdout, stderr };
        if !out.status.success() {
            let err: String = String::from_utf8_lossy(&out.stderr).chars().take(300).collect();
            return Err(CallError::Fatal(format!(
                "`{program}` exited with {}: {err}",
                out.status
            )));
        }
        Ok(Response {
            text: String::from_utf8_lossy(&out.stdout).trim_end().to_string(),
            ..Default::default()
        })
    }
}

/// Everything a pipe gives, or `None` once it passes `cap` bytes.
async fn read_capped<R: tokio::io::AsyncRead + Unpin>(pipe: Option<R>, cap: usize) -> std::io::Result<Option<Vec<u8>>> {
    use tokio::io::AsyncReadExt;
    let Some(pipe) = pipe else {
        return Ok(Some(Vec::new()));
    };
    let mut buf = Vec::new();
    pipe.take(cap as u64 + 1).read_to_end(&mut buf).await?;
    Ok((buf.len() <= cap).then_some(buf))
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::providers::test_request as req;

    #[tokio::test]
    async fn exec_sends_json_on_stdin_and_reads_stdout() {
        let e = Exec {
            command: vec!["sh".into(), "-c".into(), "wc -c | tr -d ' '".into()],
            timeout: Duration::from_secs(5),
        };
        let r = e.call(&req()).await.unwrap();
        let expected = json!({ "messages": req().messages, "temperature": 0.5, "max_tokens": null })
            .to_string()
            .len();
        assert_eq!(r.text, expected.to_string());
        let failing = Exec {
            command: vec!["sh".into(), "-c".into(), "echo boom >&2; exit 3".into()],
            timeout: Duration::from_secs(5),
        };
        let err = failing.call(&req()).await.unwrap_err();
        assert!(matches!(&err, CallError::Fatal(m) if m.contains("boom")), "{err:?}");
        let slow = Exec {
            command: vec!["sleep".into(), "5".into()],
            timeout: Duration::from_millis(100),
        };
        assert!(matches!(slow.call(&req()).await, Err(CallError::Retryable { .. })));
    }

    #[tokio::test]
    async fn the_timeout_covers_a_prompt_the_command_never_reads() {
        // Over 64 KiB: the pipe fills and the write blocks until the command reads.
        let mut big = req();
        big.messages[0].content = "x".repeat(1 << 20);
        let deaf = Exec {
            command: vec!["sleep".into(), "30".into()],
            timeout: Duration::from_millis(300),
        };
        let started = std::time::Instant::now();
        let err = deaf.call(&big).await.unwrap_err();
        assert!(
            matches!(&err, CallError::Retryable { reason, .. } if reason.contains("timed out")),
            "{err:?}"
        );
        assert!(started.elapsed() < Duration::from_secs(10), "{:?}", started.elapsed());
    }

    #[tokio::test]
    async fn a_reply_over_the_limit_is_an_error_not_an_answer() {
        let mut r = req();
        r.max_response_bytes = Some(1000);
        let flood = Exec {
            command: vec![
                "sh".into(),
                "-c".into(),
                "cat >/dev/null; head -c 5000000 /dev/zero".into(),
            ],
            timeout: Duration::from_secs(10),
        };
        let err = flood.call(&r).await.unwrap_err();
        assert!(
            matches!(&err, CallError::Fatal(m) if m.contains("over the limit of 1000 bytes")),
            "{err:?}"
        );
    }
}
