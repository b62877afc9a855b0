//! The `coral` binary as users run it: arguments, stdin/stdout, Markdown blocks, exit
//! statuses and messages. Each test runs the real executable with `std::process::Command`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const FLOWCHART: &str = "flowchart LR\n  A[Start] --> B{Choice}\n  B -->|yes| C[(Store)]\n";

/// Markdown with two mermaid blocks; the second has an error on line 12 of the file
/// (`  X -->`, an edge with no target).
const MARKDOWN: &str = "\
# Title

Some prose.

```mermaid
flowchart LR
  A --> B
```

```mermaid
flowchart TD
  X -->
```
";
const MARKDOWN_ERROR_LINE: usize = 12;

fn coral(args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_coral"));
    cmd.args(args).env_remove("NO_COLOR").stdin(Stdio::null());
    cmd
}

/// Runs with `stdin` piped in.
fn run_with_stdin(mut cmd: Command, stdin: &[u8]) -> Output {
    cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("coral starts");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn run(mut cmd: Command) -> Output {
    cmd.output().expect("coral starts")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh directory for one test's files (no tempfile crate needed for this).
fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("coral-cli-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_str().unwrap().to_string()
}

#[test]
fn help_and_version() {
    let help = run(coral(&["--help"]));
    assert!(help.status.success());
    assert!(stdout(&help).contains("coral render IN"), "{}", stdout(&help));

    let version = run(coral(&["--version"]));
    assert!(version.status.success());
    assert_eq!(stdout(&version).trim(), format!("coral {}", env!("CARGO_PKG_VERSION")));
}

#[test]
fn bad_usage_exits_2_with_a_hint() {
    for args in [&[][..], &["draw"], &["render"], &["render", "a.mmd", "--index", "one"]] {
        let o = run(coral(args));
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains("coral --help"), "{args:?}: {}", stderr(&o));
    }
}

#[test]
fn missing_file_is_a_clear_error() {
    let o = run(coral(&["check", "no/such/file.mmd"]));
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o).trim(), "error: cannot read no/such/file.mmd: no such file");
}

#[test]
fn renders_stdin_to_stdout() {
    let o = run_with_stdin(coral(&["render", "-"]), FLOWCHART.as_bytes());
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(&o));
    assert!(stdout(&o).starts_with("<svg"), "{}", stdout(&o));
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
}

#[test]
fn renders_a_file_to_a_file() {
    let dir = scratch("file");
    let input = write(&dir, "in.mmd", FLOWCHART.as_bytes());
    let out = dir.join("out.svg");
    let o = run(coral(&["render", &input, "-o", out.to_str().unwrap()]));
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(&o));
    assert!(o.stdout.is_empty());
    let svg = std::fs::read_to_string(&out).expect("out.svg written");
    assert!(svg.starts_with("<svg"), "{svg}");
    for id in ["A", "B", "C"] {
        assert!(svg.contains(&format!("data-id=\"{id}\"")), "node {id} missing: {svg}");
    }
}

#[test]
fn markdown_uses_the_first_block_and_index_picks_another() {
    let dir = scratch("md");
    let md = write(&dir, "doc.md", MARKDOWN.as_bytes());

    let first = run(coral(&["render", &md]));
    assert_eq!(first.status.code(), Some(0), "stderr: {}", stderr(&first));
    assert!(stdout(&first).contains("data-id=\"A\""), "{}", stdout(&first));

    // Block 1 has an error: the frame must point into the whole file, not the block.
    let second = run(coral(&["render", &md, "--index", "1"]));
    assert_eq!(second.status.code(), Some(1));
    let err = stderr(&second);
    assert!(err.contains("error["), "{err}");
    assert!(err.contains(&format!("doc.md:{MARKDOWN_ERROR_LINE}:")), "{err}");
}

#[test]
fn markdown_is_detected_by_its_fence_on_stdin() {
    let o = run_with_stdin(coral(&["check", "-", "--index", "1"]), MARKDOWN.as_bytes());
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stdout(&o).contains(&format!("<stdin>:{MARKDOWN_ERROR_LINE}:")), "{}", stdout(&o));
}

#[test]
fn index_out_of_range_says_how_many_blocks_exist() {
    let dir = scratch("index");
    let md = write(&dir, "doc.md", MARKDOWN.as_bytes());
    let o = run(coral(&["render", &md, "--index", "2"]));
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("has 2 ```mermaid blocks"), "{}", stderr(&o));
    assert!(o.stdout.is_empty());

    let mmd = write(&dir, "one.mmd", FLOWCHART.as_bytes());
    let o = run(coral(&["check", &mmd, "--index", "1"]));
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("one diagram"), "{}", stderr(&o));

    let prose = write(&dir, "prose.md", b"# Nothing to draw here\n");
    let o = run(coral(&["render", &prose]));
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("has no ```mermaid block"), "{}", stderr(&o));
}

#[test]
fn check_passes_a_good_diagram() {
    let dir = scratch("check-ok");
    let mmd = write(&dir, "ok.mmd", FLOWCHART.as_bytes());
    let o = run(coral(&["check", &mmd]));
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).trim_end().ends_with("ok.mmd: no problems"), "{}", stdout(&o));
}

#[test]
fn check_prints_code_frames_and_exits_1_on_errors() {
    let dir = scratch("check-err");
    let mmd = write(&dir, "bad.mmd", format!("{FLOWCHART}  A -->\n").as_bytes());
    let o = run(coral(&["check", &mmd]));
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let text = stdout(&o);
    assert!(text.starts_with("error["), "{text}");
    assert!(text.contains("bad.mmd:4:"), "{text}");
    assert!(text.contains("4 |   A -->"), "{text}");
    assert!(text.contains('^'), "{text}");
    // Not a terminal: no colour codes.
    assert!(!text.contains('\x1b'), "{text:?}");
}

#[test]
fn render_with_errors_still_draws_what_it_understood() {
    let input = format!("{FLOWCHART}  A -->\n");
    let o = run_with_stdin(coral(&["render", "-"]), input.as_bytes());
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("<stdin>:4:"), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("<svg"), "{}", stdout(&o));
}

#[test]
fn non_utf8_input_warns_and_never_panics() {
    let dir = scratch("bytes");
    let latin1 = write(&dir, "latin1.mmd", b"flowchart LR\n  A[caf\xe9] --> B\n");
    let o = run(coral(&["check", &latin1]));
    assert!(matches!(o.status.code(), Some(0 | 1)), "{o:?}");
    assert!(stderr(&o).contains("latin1.mmd is not valid UTF-8"), "{}", stderr(&o));

    let garbage: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
    let binary = write(&dir, "binary.png", &garbage);
    for cmd in ["render", "check"] {
        let o = run(coral(&[cmd, &binary]));
        assert!(matches!(o.status.code(), Some(0 | 1)), "{cmd}: {o:?}");
        assert!(stderr(&o).contains("not valid UTF-8"), "{cmd}: {}", stderr(&o));
    }
}

#[test]
fn non_utf8_input_still_renders() {
    let o = run_with_stdin(coral(&["render", "-"]), b"flowchart LR\n  A[caf\xe9] --> B\n");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("<svg"));
}

#[test]
fn empty_input_is_not_a_crash() {
    let o = run_with_stdin(coral(&["render", "-"]), b"");
    assert_eq!(o.status.code(), Some(1), "{o:?}");
    assert!(o.stdout.is_empty());
}

#[test]
fn icons_draw_from_the_embedded_packs_in_any_directory() {
    let dir = scratch("icons");
    let mut cmd = coral(&["render", "-"]);
    cmd.current_dir(&dir);
    let text = "flowchart LR\n A@{ icon: \"logos:kafka\", label: \"Kafka\" }\n B[fab:fa-github Repo] --> A\n";
    let o = run_with_stdin(cmd, text.as_bytes());
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(&o));
    let svg = stdout(&o);
    let kafka = svg.find(r#"<svg class="icon" data-icon="logos:kafka""#).expect("a nested svg for logos:kafka");
    let tag_end = kafka + svg[kafka..].find('>').unwrap();
    assert!(svg[kafka..tag_end].contains(r#"viewBox="0 0 512 234""#), "{}", &svg[kafka..tag_end]);
    assert!(svg.contains(r#"data-icon="fa6-brands:github""#), "{svg}");
    assert!(!svg.contains("icon-missing") && !svg.contains("icon-pending"), "{svg}");
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
}

#[test]
fn check_warns_about_a_misspelt_icon_with_the_fix() {
    let o = run_with_stdin(coral(&["check", "-"]), b"flowchart LR\n A@{ icon: \"logos:apache-kafka\" }\n");
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("W0401") && out.contains("write `logos:kafka`"), "{out}");
}
