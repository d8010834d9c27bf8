//! Live reload over Server-Sent Events (tiny_http has no websockets, and SSE reconnects by
//! itself). Every open page holds one event stream; the hub sends each stream a `hello` with
//! the current build id and errors when it connects, then `reload`, `css` or `errors` as builds
//! finish. Events are sent only after the new site has replaced the old one in memory.

use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::Mutex;

/// The script injected into every served HTML page.
pub const CLIENT: &str = include_str!("reload.js");

/// The event stream's path.
pub const EVENTS_PATH: &str = "/__materia/events";

/// Adds the reload client just before `</body>` (or at the end), and, while the last
/// build failed, the error overlay itself, so the errors show even before the script runs.
pub fn inject(html: &str, errors: &[super::ErrorView]) -> String {
    let mut tag = overlay(errors);
    tag.push_str(&format!("<script>{CLIENT}</script>\n"));
    match html.rfind("</body>") {
        Some(i) => format!("{}{tag}{}", &html[..i], &html[i..]),
        None => format!("{html}{tag}"),
    }
}

/// The overlay markup; the client script builds the same from `errors` events.
fn overlay(errors: &[super::ErrorView]) -> String {
    if errors.is_empty() {
        return String::new();
    }
    let esc = crate::autolink::escape_attr;
    let mut html = String::from(
        "<div id=\"materia-overlay\" role=\"alertdialog\" aria-label=\"Build errors\" style=\"position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,20,.92);color:#fff;font:14px/1.5 ui-monospace,monospace;padding:2rem\">",
    );
    html.push_str(&format!(
        "<h2 style=\"color:#ff8a80;font:bold 18px system-ui,sans-serif;margin:0 0 1rem\">Materia: the last save did not build ({} error{})</h2>",
        errors.len(),
        if errors.len() == 1 { "" } else { "s" }
    ));
    for e in errors {
        html.push_str("<pre style=\"white-space:pre-wrap;background:#2b2b2b;border-left:4px solid #ff5252;padding:.75rem 1rem;margin:0 0 1rem\">");
        if let Some(l) = &e.location {
            html.push_str(&esc(l));
            html.push('\n');
        }
        html.push_str(&esc(&e.message));
        if let Some(h) = &e.hint {
            html.push_str("\nhelp: ");
            html.push_str(&esc(h));
        }
        html.push_str("</pre>");
    }
    html.push_str("<p>The page shows the last good build. Fix the file and save: this page reloads by itself.</p></div>\n");
    html
}

/// One SSE message.
pub fn event(name: &str, data: &str) -> String {
    let mut out = format!("event: {name}\n");
    for line in data.lines() {
        out.push_str("data: ");
        out.push_str(line);
        out.push('\n');
    }
    out.push('\n');
    out
}

/// Every connected page's stream.
#[derive(Default)]
pub struct Hub {
    clients: Mutex<Vec<Sender<String>>>,
}

impl Hub {
    /// A new stream; `first` is sent to it before anything else.
    pub fn subscribe(&self, first: String) -> Receiver<String> {
        let (tx, rx) = channel();
        // A fresh channel's receiver exists, so this send cannot fail.
        let _sent = tx.send(first);
        self.lock().push(tx);
        rx
    }

    /// Sends to every stream, forgetting closed ones.
    pub fn broadcast(&self, message: &str) {
        self.lock()
            .retain(|tx| tx.send(message.to_string()).is_ok());
    }

    pub fn count(&self) -> usize {
        self.lock().len()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Sender<String>>> {
        match self.clients.lock() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_goes_before_body_end() {
        let html = inject("<html><body><p>x</p></body></html>", &[]);
        assert!(html.contains("<p>x</p><script>"), "{html}");
        assert!(html.ends_with("</body></html>"));
    }

    #[test]
    fn overlay_is_escaped() {
        let errors = [super::super::ErrorView {
            location: Some("a.md:1:1".into()),
            message: "bad <b>".into(),
            hint: None,
        }];
        let html = inject("<body></body>", &errors);
        assert!(html.contains("materia-overlay"));
        assert!(html.contains("bad &lt;b&gt;"), "{html}");
    }

    #[test]
    fn events_are_framed() {
        assert_eq!(
            event("reload", "{\"a\":1}"),
            "event: reload\ndata: {\"a\":1}\n\n"
        );
    }

    #[test]
    fn closed_streams_are_dropped() {
        let hub = Hub::default();
        let rx = hub.subscribe("hi".into());
        drop(rx);
        hub.broadcast("x");
        assert_eq!(hub.count(), 0);
    }
}
