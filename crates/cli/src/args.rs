//! The command line: `coral render IN [-o OUT] [--index N]`, `coral check IN [--index N]`,
//! `--help`, `--version`.
//!
//! Hand-written rather than a parser crate: two subcommands and two options don't pay for
//! a dependency, and keeping the CLI dependency-free keeps its build as fast as the core's.

use std::ffi::OsString;
use std::path::PathBuf;

pub const USAGE: &str = "\
coral: render and check Mermaid diagrams

usage:
  coral render IN [-o OUT.svg] [--index N]   draw IN as SVG (to stdout without -o)
  coral check IN [--index N]                 print IN's diagnostics as code frames
  coral --help | --version

IN is a Mermaid file (.mmd), or Markdown (.md, .markdown, or any text with a ```mermaid
fence) whose first mermaid block is used; `--index N` picks block N instead (0-based).
`-` reads standard input (for IN) or writes standard output (for OUT).

exit status: 0 success; 1 the diagram has errors (or nothing could be drawn);
             2 bad usage, unreadable input, or no such mermaid block.
Colour is used on terminals unless NO_COLOR is set.
";

/// Where text comes from or goes to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stream {
    Std,
    Path(PathBuf),
}

impl Stream {
    fn from_arg(arg: OsString) -> Stream {
        if arg == "-" { Stream::Std } else { Stream::Path(PathBuf::from(arg)) }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Input {
    pub source: Stream,
    /// The mermaid block asked for with `--index`; `None` means the first (or the whole
    /// file when it is plain Mermaid).
    pub index: Option<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    Render { input: Input, output: Stream },
    Check { input: Input },
    Help,
    Version,
}

/// Parses the arguments after the program name. `Err` is a message for the user.
pub fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Command, String> {
    let mut args = args.into_iter();
    let Some(first) = args.next() else { return Err("no command given".into()) };
    let sub = match first.to_str() {
        Some("-h" | "--help" | "help") => return Ok(Command::Help),
        Some("-V" | "--version") => return Ok(Command::Version),
        Some(s @ ("render" | "check")) => s.to_string(),
        _ => return Err(format!("unknown command `{}`", first.to_string_lossy())),
    };

    let mut input: Option<Stream> = None;
    let mut output: Option<Stream> = None;
    let mut index: Option<usize> = None;
    let mut only_positional = false;
    while let Some(arg) = args.next() {
        let text = arg.to_str().unwrap_or("");
        if only_positional || text == "-" || !text.starts_with('-') {
            if input.is_some() {
                return Err(format!("`{sub}` takes one input, got another: `{}`", arg.to_string_lossy()));
            }
            input = Some(Stream::from_arg(arg));
            continue;
        }
        // `--name=value` and `--name value` both work, as users expect from GNU tools.
        let (name, inline) = match text.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n, Some(OsString::from(v))),
            _ => (text, None),
        };
        let mut value =
            |what: &str| inline.clone().or_else(|| args.next()).ok_or_else(|| format!("`{name}` needs {what}"));
        match name {
            "--" => only_positional = true,
            "-h" | "--help" => return Ok(Command::Help),
            "-V" | "--version" => return Ok(Command::Version),
            "-o" | "--output" if sub == "render" => {
                output = Some(Stream::from_arg(value("a file name (or - for stdout)")?));
            }
            "--index" => {
                let v = value("a block number")?;
                let n = v.to_str().and_then(|s| s.parse::<usize>().ok()).ok_or_else(|| {
                    format!("`--index` takes a block number (0, 1, …), got `{}`", v.to_string_lossy())
                })?;
                index = Some(n);
            }
            _ => return Err(format!("`{sub}` has no option `{}`", arg.to_string_lossy())),
        }
    }

    let input = Input { source: input.ok_or_else(|| format!("`{sub}` needs an input file (or - for stdin)"))?, index };
    Ok(match sub.as_str() {
        "render" => Command::Render { input, output: output.unwrap_or(Stream::Std) },
        _ => Command::Check { input },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(args: &[&str]) -> Result<Command, String> {
        parse(args.iter().map(OsString::from))
    }

    fn path(s: &str) -> Stream {
        Stream::Path(PathBuf::from(s))
    }

    #[test]
    fn render_with_output_and_index() {
        assert_eq!(
            p(&["render", "a.md", "-o", "b.svg", "--index", "2"]),
            Ok(Command::Render { input: Input { source: path("a.md"), index: Some(2) }, output: path("b.svg") })
        );
        assert_eq!(
            p(&["render", "--index=1", "-", "--output=-"]),
            Ok(Command::Render { input: Input { source: Stream::Std, index: Some(1) }, output: Stream::Std })
        );
    }

    #[test]
    fn double_dash_allows_dashed_file_names() {
        assert_eq!(
            p(&["check", "--", "-x.mmd"]),
            Ok(Command::Check { input: Input { source: path("-x.mmd"), index: None } })
        );
    }

    #[test]
    fn errors_are_messages() {
        assert!(p(&[]).is_err());
        assert!(p(&["draw"]).unwrap_err().contains("unknown command"));
        assert!(p(&["render"]).unwrap_err().contains("needs an input"));
        assert!(p(&["render", "a", "b"]).unwrap_err().contains("one input"));
        assert!(p(&["render", "a", "--index", "x"]).unwrap_err().contains("block number"));
        assert!(p(&["render", "a", "-o"]).unwrap_err().contains("needs a file name"));
        assert!(p(&["check", "a", "-o", "x"]).unwrap_err().contains("no option `-o`"));
    }

    #[test]
    fn help_and_version_anywhere() {
        assert_eq!(p(&["--help"]), Ok(Command::Help));
        assert_eq!(p(&["render", "-h"]), Ok(Command::Help));
        assert_eq!(p(&["-V"]), Ok(Command::Version));
    }
}
