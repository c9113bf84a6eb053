//! The `exec` provider: any command, the conversation as JSON on stdin, the
//! answer on stdout.

use super::{CallError, Request, Response, retryable};
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
        if let Some(mut stdin) = child.stdin.take() {
            let bytes = input.to_string().into_bytes();
            // A command that exits without reading its input is its own business.
            let _ = stdin.write_all(&bytes).await;
        }
        let out = match tokio::time::timeout(self.timeout, child.wait_with_output()).await {
            Err(_) => return Err(retryable(format!("`{program}` timed out after {:?}", self.timeout))),
            Ok(Err(e)) => return Err(CallError::Fatal(format!("`{program}` failed: {e}"))),
            Ok(Ok(o)) => o,
        };
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
}
