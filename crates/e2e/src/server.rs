//! A tiny static file server for `dist/`: std `TcpListener`, one thread per connection,
//! GET/HEAD only, `Connection: close`. Enough for Chromium to load the app, with the MIME
//! types that matter (`application/wasm` above all: `WebAssembly.instantiateStreaming`
//! refuses anything else). Like the static hosts the README names, a directory asked for
//! without its trailing slash (`/view`) is redirected to it (`/view/`), and nothing else
//! is rewritten: what works here works on a host without rewrite rules.

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;

/// Serves a directory on `127.0.0.1:<free port>` until dropped.
pub struct StaticServer {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl StaticServer {
    pub fn start(root: &Path) -> std::io::Result<StaticServer> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let addr = listener.local_addr()?;
        let stop = Arc::new(AtomicBool::new(false));
        let root = root.to_path_buf();
        let thread = {
            let stop = Arc::clone(&stop);
            std::thread::spawn(move || {
                for stream in listener.incoming() {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(stream) = stream else { continue };
                    let root = root.clone();
                    std::thread::spawn(move || {
                        // A browser that drops a connection is no concern of the test.
                        let _ = handle(stream, &root);
                    });
                }
            })
        };
        Ok(StaticServer { addr, stop, thread: Some(thread) })
    }

    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect(self.addr);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn handle(stream: TcpStream, root: &Path) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // Read (and ignore) the headers up to the blank line.
    let mut header = String::new();
    while reader.read_line(&mut header)? > 2 {
        header.clear();
    }
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    let mut out = stream;
    if method != "GET" && method != "HEAD" {
        return respond(&mut out, "405 Method Not Allowed", "text/plain", b"GET or HEAD only\n", method);
    }
    match resolve(root, target) {
        Some(Resolved::File(path)) => match std::fs::read(&path) {
            Ok(body) => respond(&mut out, "200 OK", mime(&path), &body, method),
            Err(_) => not_found(&mut out, target, method),
        },
        Some(Resolved::Directory) => {
            // The path without its query and fragment, plus `/`, then the query again.
            let (path, query) = target.split_once('?').map_or((target, None), |(p, q)| (p, Some(q)));
            let location = match query {
                Some(q) => format!("{path}/?{q}"),
                None => format!("{path}/"),
            };
            redirect(&mut out, &location)
        }
        None => not_found(&mut out, target, method),
    }
}

fn not_found(out: &mut TcpStream, target: &str, method: &str) -> std::io::Result<()> {
    respond(out, "404 Not Found", "text/plain", format!("not found: {target}\n").as_bytes(), method)
}

fn redirect(out: &mut TcpStream, location: &str) -> std::io::Result<()> {
    let head = format!(
        "HTTP/1.1 301 Moved Permanently\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    );
    out.write_all(head.as_bytes())?;
    out.flush()
}

enum Resolved {
    File(PathBuf),
    /// A directory asked for without its trailing slash.
    Directory,
}

/// The file for a request target: query and fragment dropped, `%XX` decoded, `..`
/// refused, `/` and directories (asked for with their `/`) served by their `index.html`.
fn resolve(root: &Path, target: &str) -> Option<Resolved> {
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let decoded = percent_decode(path)?;
    let relative = Path::new(decoded.trim_start_matches('/'));
    if relative.components().any(|c| !matches!(c, Component::Normal(_))) {
        return None;
    }
    let mut file = root.join(relative);
    if file.is_dir() {
        if !decoded.ends_with('/') {
            return Some(Resolved::Directory);
        }
        file.push("index.html");
    }
    file.is_file().then_some(Resolved::File(file))
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn respond(out: &mut TcpStream, status: &str, mime: &str, body: &[u8], method: &str) -> std::io::Result<()> {
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {mime}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    out.write_all(head.as_bytes())?;
    if method != "HEAD" {
        out.write_all(body)?;
    }
    out.flush()
}

pub fn mime(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "json" | "map" => "application/json",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "txt" | "mmd" | "md" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn get(server: &StaticServer, target: &str) -> String {
        let mut s = TcpStream::connect(server.addr).unwrap();
        write!(s, "GET {target} HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        let mut text = String::new();
        s.read_to_string(&mut text).unwrap();
        text
    }

    #[test]
    fn serves_files_with_their_types_and_refuses_escapes() {
        let dir = std::env::temp_dir().join(format!("coral-e2e-server-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::write(dir.join("index.html"), "<h1>hi</h1>").unwrap();
        std::fs::write(dir.join("app_bg.wasm"), b"\0asm").unwrap();
        std::fs::write(dir.join("sub/a b.js"), "x()").unwrap();
        let server = StaticServer::start(&dir).unwrap();

        let root = get(&server, "/?x=1");
        assert!(root.starts_with("HTTP/1.1 200 OK\r\nContent-Type: text/html"), "{root}");
        assert!(root.ends_with("<h1>hi</h1>"));
        assert!(get(&server, "/app_bg.wasm").contains("Content-Type: application/wasm\r\n"));
        assert!(get(&server, "/sub/a%20b.js").contains("text/javascript"));
        assert!(get(&server, "/../etc/passwd").starts_with("HTTP/1.1 404"));
        assert!(get(&server, "/missing.css").starts_with("HTTP/1.1 404"));
        let moved = get(&server, "/sub?view");
        assert!(moved.starts_with("HTTP/1.1 301") && moved.contains("\r\nLocation: /sub/?view\r\n"), "{moved}");
        drop(server);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
