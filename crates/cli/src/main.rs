//! `coral`: the command-line face of coral-core. `render` turns a diagram into SVG,
//! `check` prints its diagnostics as code frames. This file owns the two commands and the
//! exit status; `args` parses the command line, `input` reads files and picks the Markdown
//! block, `report` formats what people read.

mod args;
mod input;
mod report;

use std::io::Write;
use std::process::ExitCode;

use coral_core::{Diagnostic, Severity};

use args::{Command, Input, Stream};
use report::Colour;

/// Exit statuses, as `--help` documents them.
const DIAGRAM_HAS_ERRORS: u8 = 1;
const CANNOT_RUN: u8 = 2;

fn main() -> ExitCode {
    report_panics_as_bugs();
    let command = match args::parse(std::env::args_os().skip(1)) {
        Ok(c) => c,
        Err(e) => {
            report::message(Severity::Error, &e);
            eprintln!("\nrun `coral --help` for usage");
            return ExitCode::from(CANNOT_RUN);
        }
    };
    let result = match command {
        Command::Help => {
            print!("{}", args::USAGE);
            Ok(ExitCode::SUCCESS)
        }
        Command::Version => {
            println!("coral {}", env!("CARGO_PKG_VERSION"));
            Ok(ExitCode::SUCCESS)
        }
        Command::Render { input, output } => render(&input, &output),
        Command::Check { input } => check(&input),
    };
    result.unwrap_or_else(|e| {
        if let Some(e) = e {
            report::message(Severity::Error, &e);
        }
        ExitCode::from(CANNOT_RUN)
    })
}

/// A panic is a bug in coral, never the user's fault: say so in one line instead of a Rust
/// backtrace. (A hook rather than `catch_unwind`, because the workspace's release profile
/// aborts on panic for the sake of the WASM build; the hook runs either way.)
fn report_panics_as_bugs() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // Developers asking for a backtrace get Rust's full report as well.
        if std::env::var_os("RUST_BACKTRACE").is_some_and(|v| !v.is_empty() && v != "0") {
            default(info);
        }
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let place = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
        report::message(
            Severity::Error,
            &format!("internal error (a bug in coral, please report it with the input): {what}{place}"),
        );
    }));
}

/// A failure that stops the command: `Some(message)`, or `None` when there is nothing
/// worth saying (stdout closed under us by `| head`).
type Failure = Option<String>;

/// What running the pipeline on the chosen diagram gave, spans shifted into the file.
struct Run {
    doc: input::Document,
    svg: Option<String>,
    diagnostics: Vec<Diagnostic>,
}

fn run(input: &Input) -> Result<Run, Failure> {
    let doc = input::read(input)?;
    if doc.lossy {
        report::message(
            Severity::Warning,
            &format!("{} is not valid UTF-8 (a binary file?); invalid bytes were replaced with U+FFFD", doc.name),
        );
    }
    let diagram = input::diagram(&doc, input)?;
    let out = coral_core::render_diagram_with(&doc.text[diagram.offset..diagram.end], &coral_icons::Packs);
    // Block spans are relative to the block; frames quote the whole file.
    let diagnostics = out.diagnostics.into_iter().map(|d| d.shifted(diagram.offset)).collect();
    Ok(Run { doc, svg: out.svg, diagnostics })
}

fn render(input: &Input, output: &Stream) -> Result<ExitCode, Failure> {
    let run = run(input)?;
    let stderr = std::io::stderr();
    let colour = Colour::for_stream(&stderr);
    report::diagnostics(&mut stderr.lock(), &run.diagnostics, &run.doc.text, &run.doc.name, colour)
        .map_err(|_| None)?;
    let Some(svg) = run.svg else {
        if run.diagnostics.is_empty() {
            report::message(Severity::Error, &format!("{}: nothing to draw (no diagram found)", run.doc.name));
        }
        return Ok(ExitCode::from(DIAGRAM_HAS_ERRORS));
    };
    write_output(output, &svg)?;
    Ok(status(&run.diagnostics))
}

fn check(input: &Input) -> Result<ExitCode, Failure> {
    let run = run(input)?;
    // The diagnostics are what `check` produces, so they go to stdout (pipe them to a pager).
    let stdout = std::io::stdout();
    let colour = Colour::for_stream(&stdout);
    let mut out = stdout.lock();
    report::diagnostics(&mut out, &run.diagnostics, &run.doc.text, &run.doc.name, colour)
        .and_then(|()| writeln!(out, "{}: {}", run.doc.name, report::summary(&run.diagnostics)))
        .and_then(|()| out.flush())
        .map_err(quiet_on_broken_pipe)?;
    Ok(status(&run.diagnostics))
}

fn status(diagnostics: &[Diagnostic]) -> ExitCode {
    if coral_core::diagnostic::has_errors(diagnostics) { ExitCode::from(DIAGRAM_HAS_ERRORS) } else { ExitCode::SUCCESS }
}

fn write_output(output: &Stream, svg: &str) -> Result<(), Failure> {
    match output {
        Stream::Std => {
            let mut out = std::io::stdout().lock();
            out.write_all(svg.as_bytes())
                .and_then(|()| if svg.ends_with('\n') { Ok(()) } else { out.write_all(b"\n") })
                .and_then(|()| out.flush())
                .map_err(quiet_on_broken_pipe)
        }
        Stream::Path(path) => {
            std::fs::write(path, svg).map_err(|e| Some(format!("cannot write {}: {e}", path.display())))
        }
    }
}

/// A reader that went away (`coral render x | head`) is not an error worth reporting.
fn quiet_on_broken_pipe(e: std::io::Error) -> Failure {
    (e.kind() != std::io::ErrorKind::BrokenPipe).then(|| format!("cannot write to standard output: {e}"))
}
